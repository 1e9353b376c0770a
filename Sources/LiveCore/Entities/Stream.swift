public import Foundation

/// A room's media stream identity, created once and kept.
public struct StreamRecord: Sendable, Equatable {
    public var roomID: Int64
    /// 24 lowercase hex characters: the stream's title on the media hub.
    public var title: String
    /// 16 lowercase hex characters that authorise publishing.
    public var publishKey: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(roomID: Int64, title: String, publishKey: String, createdAt: Date, updatedAt: Date) {
        self.roomID = roomID
        self.title = title
        self.publishKey = publishKey
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Where a stream is pushed and played, built from the configured domains.
public struct StreamInfo: Sendable, Equatable {
    public var record: StreamRecord
    public var hub: String
    public var publishURL: String
    public var playRTMPURL: String
    public var playHLSURL: String
    public var playFLVURL: String
    public var domains: StreamDomains

    public init(record: StreamRecord, hub: String, publishURL: String, playRTMPURL: String,
                playHLSURL: String, playFLVURL: String, domains: StreamDomains) {
        self.record = record
        self.hub = hub
        self.publishURL = publishURL
        self.playRTMPURL = playRTMPURL
        self.playHLSURL = playHLSURL
        self.playFLVURL = playFLVURL
        self.domains = domains
    }
}

/// The media hub's host names. Local defaults; operators set their CDN's.
public struct StreamDomains: Sendable, Equatable {
    public var hub: String
    public var publish: String
    public var rtmpPlay: String
    public var hlsPlay: String
    public var flvPlay: String
    public var snapshot: String
    public var playback: String

    public init(hub: String = "livegate", publish: String = "127.0.0.1:1935",
                rtmpPlay: String = "127.0.0.1:1935", hlsPlay: String = "127.0.0.1:8088",
                flvPlay: String = "127.0.0.1:8088", snapshot: String = "127.0.0.1:8088",
                playback: String = "127.0.0.1:8088") {
        self.hub = hub
        self.publish = publish
        self.rtmpPlay = rtmpPlay
        self.hlsPlay = hlsPlay
        self.flvPlay = flvPlay
        self.snapshot = snapshot
        self.playback = playback
    }
}
