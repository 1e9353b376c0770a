import Foundation

/// Builds a room's push and play addresses from the configured domains. Every dialect shows the
/// same addresses for the same room because they all come from here.
public struct StreamService: Sendable {
    let environment: CoreEnvironment

    public var domains: StreamDomains { environment.settings.streamDomains }

    /// The room's stream, created with fresh keys the first time.
    public func ensure(roomID: Int64) async throws -> StreamInfo {
        let now = environment.clock.now()
        let record: StreamRecord = try await environment.store.write { db in
            if let existing = try db.stream(roomID: roomID) { return existing }
            let record = StreamRecord(roomID: roomID, title: SecureRandom.hex(bytes: 12),
                                      publishKey: SecureRandom.hex(bytes: 8), createdAt: now, updatedAt: now)
            try db.insertStream(record)
            return record
        }
        return info(for: record)
    }

    public func info(for record: StreamRecord) -> StreamInfo {
        let d = domains
        let path = "\(d.hub)/\(record.title)"
        return StreamInfo(
            record: record, hub: d.hub,
            publishURL: "rtmp://\(d.publish)/\(path)?key=\(record.publishKey)",
            playRTMPURL: "rtmp://\(d.rtmpPlay)/\(path)",
            playHLSURL: "http://\(d.hlsPlay)/\(path).m3u8",
            playFLVURL: "http://\(d.flvPlay)/\(path).flv",
            domains: d)
    }
}
