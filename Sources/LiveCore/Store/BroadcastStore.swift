/// Statements of the broadcast domain: broadcasts, their audiences, playbacks and recommendations.
public protocol BroadcastStoreReader {
}

public protocol BroadcastStoreWriter {
}
