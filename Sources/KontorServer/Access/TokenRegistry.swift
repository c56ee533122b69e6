import Synchronization

/// The API tokens in force, replaceable while the server runs (the tokens file is reloaded when it changes), read
/// on every request without waiting.
public final class TokenRegistry: Sendable {
    private let tokens: Mutex<[APIToken]>

    /// A registry holding `tokens`.
    public init(_ tokens: [APIToken]) {
        self.tokens = Mutex(tokens)
    }

    /// The tokens now.
    public var current: [APIToken] { tokens.withLock { $0 } }

    /// Puts `tokens` in force for every request from now on.
    public func replace(with tokens: [APIToken]) {
        self.tokens.withLock { $0 = tokens }
    }
}
