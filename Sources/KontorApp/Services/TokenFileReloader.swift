import Foundation
import KontorServer
import Logging
import ServiceLifecycle
import Synchronization

/// Puts changes of the tokens file in force while `kontor run` runs (`auth.tokensReloadSeconds`): a token added with
/// `kontor token create` works, a removed one stops working (and its dashboard sessions end) within one interval,
/// without a restart. A file that no longer reads (a typo while editing) changes nothing: the tokens in force stay and
/// the error is logged until the file is fixed.
public final class TokenFileReloader: Service, Sendable {
    let configuration: KontorConfiguration
    let access: AccessControl
    let interval: Duration
    let logger: Logger
    /// The file's bytes when last read (nil: not read yet, or missing).
    private let seen: Mutex<Data?>

    /// A reloader for `configuration`'s tokens file, into `access`.
    public init(configuration: KontorConfiguration, access: AccessControl, interval: Duration, logger: Logger) {
        self.configuration = configuration
        self.access = access
        self.interval = interval
        self.logger = logger
        self.seen = Mutex(FileManager.default.contents(atPath: configuration.tokensFilePath))
    }

    /// Reads the file; when its bytes changed, puts its tokens (and `auth.tokens`) in force. Returns whether the
    /// tokens were replaced.
    @discardableResult
    public func reloadIfChanged() async -> Bool {
        let path = configuration.tokensFilePath
        let bytes = FileManager.default.contents(atPath: path)
        guard seen.withLock({ $0 != bytes }) else { return false }
        let tokens: [APIToken]
        do {
            tokens = try AccessSetup.configuredTokens(configuration)
        } catch {
            logger.error(
                "tokens file changed but cannot be read; the tokens in force stay",
                metadata: ["auth.tokensFile": "\(path)", "kontor.error": "\(error.message)"]
            )
            return false
        }
        seen.withLock { $0 = bytes }
        let before = Set(access.tokens.map(\.name))
        await access.replaceTokens(tokens)
        let after = Set(tokens.map(\.name))
        logger.notice(
            "tokens file reloaded",
            metadata: [
                "auth.tokensFile": "\(path)", "auth.added": "\(after.subtracting(before).sorted())",
                "auth.removed": "\(before.subtracting(after).sorted())", "auth.tokens": "\(tokens.count)",
            ]
        )
        if tokens.isEmpty {
            logger.warning("no API token left: every route that needs one answers 401")
        }
        return true
    }

    public func run() async throws {
        await PeriodicTask.run(every: interval, logger: logger, failure: "cannot look at the tokens file") {
            await self.reloadIfChanged()
        }
    }
}
