/// Statements of the social domain: blacklists, private letters, reports, bans, daily records.
public protocol SocialStoreReader {
}

public protocol SocialStoreWriter {
}
