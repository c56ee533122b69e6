import KontorHTTPClient

/// A setting an SFTP connector needs that the environment does not have.
public struct SFTPSecretMissing: Error, CustomStringConvertible {
    public var variable: String
    public var description: String { "secret $\(variable) is not set" }
}

extension ConnectorInstance.SFTPPolling {
    /// The client settings, with secrets read from `environment`.
    public func clientConfiguration(environment: [String: String]) -> Result<SFTPConfiguration, SFTPSecretMissing> {
        func secret(_ variable: String?) -> Result<String?, SFTPSecretMissing> {
            guard let variable else { return .success(nil) }
            guard let value = environment[variable], !value.isEmpty else {
                return .failure(SFTPSecretMissing(variable: variable))
            }
            return .success(value)
        }
        let authentication: SFTPAuthentication
        if let privateKeyFile {
            switch secret(passphraseEnvironmentVariable) {
            case .success(let passphrase): authentication = .privateKey(path: privateKeyFile, passphrase: passphrase)
            case .failure(let error): return .failure(error)
            }
        } else {
            switch secret(passwordEnvironmentVariable) {
            case .success(let password): authentication = .password(password ?? "")
            case .failure(let error): return .failure(error)
            }
        }
        let verification: SFTPHostVerification =
            hostKeySHA256.map { .sha256Fingerprint($0) } ?? .knownHosts(path: knownHostsFile ?? "")
        return .success(
            SFTPConfiguration(
                host: host,
                port: port,
                user: user,
                authentication: authentication,
                hostVerification: verification
            )
        )
    }
}
