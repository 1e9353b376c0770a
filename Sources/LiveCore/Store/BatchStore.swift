/// Reads of many rows at once, one statement each whatever the number of ids, so that a list is a
/// constant number of queries however long it is (no N+1).
public protocol BatchStoreReader {
    /// The users with these ids; ids with no user are absent.
    func users(ids: [Int64]) throws -> [Int64: User]
    /// Followers of each user; users with none are absent.
    func followerCounts(of userIDs: [Int64]) throws -> [Int64: Int]
    /// Viewers present in each room; rooms with none are absent.
    func viewerCounts(roomIDs: [Int64]) throws -> [Int64: Int]
    /// Which of `followeeIDs` `followerID` follows.
    func followed(by followerID: Int64, among followeeIDs: [Int64]) throws -> Set<Int64>
    /// Which of `followerIDs` follow `followeeID`.
    func following(_ followeeID: Int64, among followerIDs: [Int64]) throws -> Set<Int64>
    /// The stream records of these rooms; rooms with none are absent.
    func streams(roomIDs: [Int64]) throws -> [Int64: StreamRecord]
    /// Stored pictures by id.
    func media(ids: [Int64]) throws -> [Int64: Media]
    func rooms(ids: [Int64]) throws -> [Int64: Room]
    /// Distinct viewers recorded for each broadcast; broadcasts with none are absent.
    func broadcastViewerCounts(ids: [String]) throws -> [String: Int]
}
