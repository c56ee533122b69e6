import Foundation
import KontorShipping

/// Which carriers Kontor calls: those with an `api` in the rate table whose token variable (`api.tokenEnv`) is set.
/// The shipped rate table names APIs on localhost, so without a carrier account's token `kontor run` must not call
/// them; label booking and pickups follow the same rule.
enum CarrierAPIAccess {
    /// The connector for `carrier`, or `nil` when it has no usable API or its token is not set.
    static func connector(
        for carrier: Carrier,
        environment: [String: String],
        maxAttempts: Int,
        backoff: Duration
    ) -> CarrierConnector? {
        guard let api = carrier.api, api.tokenEnv.map({ environment[$0]?.isEmpty == false }) ?? true else {
            return nil
        }
        return try? CarrierConnector(carrier, environment: environment, maxAttempts: maxAttempts, backoff: backoff)
    }
}
