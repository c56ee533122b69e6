import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Test support: a real OpenSSH server (`sshd` with its in-process SFTP server) on a free loopback port, standing
// in for a partner's SFTP server. It runs as the current user (root in CI) with keys made by ssh-keygen in a
// temporary directory, which also holds the files the tests exchange.

/// A running `/usr/sbin/sshd` for tests; stopped and cleaned up by ``stop()`` or when released.
public final class LocalSSHServer: @unchecked Sendable {  // immutable after init except `process`, behind `lock`
    public static let sshdPath = "/usr/sbin/sshd"

    public let host = "127.0.0.1"
    public let port: Int
    /// The account the server accepts: the user running the tests.
    public let user: String
    /// The temporary directory holding keys, configuration and log.
    public let directory: String
    /// An empty directory (absolute path) for the files the tests exchange.
    public let dataDirectory: String
    /// A private key the server accepts (no passphrase).
    public let clientKeyPath: String
    /// A private key the server accepts, protected by ``encryptedClientKeyPassphrase``.
    public let encryptedClientKeyPath: String
    public var encryptedClientKeyPassphrase: String { Self.passphrase }
    /// A valid private key the server does not accept.
    public let unauthorizedKeyPath: String
    /// A `known_hosts` file listing this server's host key for `[127.0.0.1]:port`.
    public let knownHostsPath: String
    /// A `known_hosts` file listing a different key for `[127.0.0.1]:port`.
    public let mismatchedKnownHostsPath: String
    /// The host key's fingerprint as `ssh-keygen -lf` prints it ("SHA256:...").
    public let hostKeyFingerprint: String

    private static let passphrase = "correct horse battery staple"
    private let logPath: String
    private let lock = NSLock()
    private var process: ChildProcess?

    /// Generates keys, writes the configuration and starts sshd, returning once it accepts connections.
    public init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sshdPath) else {
            throw LocalSSHServerError(
                "\(Self.sshdPath) is missing: the SFTP tests need OpenSSH's server (apt-get install openssh-server)"
            )
        }
        if geteuid() == 0 {
            // sshd started by root needs its privilege separation directory (made at boot on a real system).
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-sshd-\(UUID().uuidString.prefix(8))").path
        self.directory = directory
        dataDirectory = directory + "/data"
        clientKeyPath = directory + "/client_key"
        encryptedClientKeyPath = directory + "/client_key_encrypted"
        unauthorizedKeyPath = directory + "/unauthorized_key"
        knownHostsPath = directory + "/known_hosts"
        mismatchedKnownHostsPath = directory + "/known_hosts_mismatched"
        logPath = directory + "/sshd.log"
        user = try Self.currentUserName()
        do {
            hostKeyFingerprint = try Self.prepareKeys(in: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }

        let hostKey = directory + "/host_key"
        (port, process) = try Self.launch(directory: directory, user: user, logPath: logPath)
        do {
            try Self.writeKnownHosts(port: port, publicKey: hostKey + ".pub", to: knownHostsPath)
            try Self.writeKnownHosts(port: port, publicKey: unauthorizedKeyPath + ".pub", to: mismatchedKnownHostsPath)
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// What sshd logged so far (logins accepted and refused, and why).
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Stops sshd and removes the temporary directory; safe to call twice.
    public func stop() {
        let running = lock.withLock {
            defer { process = nil }
            return process
        }
        guard let running else { return }
        running.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Setup steps.

    /// Starts sshd on a free port, trying again with another port when something else took it first.
    private static func launch(directory: String, user: String, logPath: String) throws -> (Int, ChildProcess) {
        var lastFailure: any Error = LocalSSHServerError("sshd did not start")
        for _ in 0..<5 {
            let port = try freePort()
            let process = try startServer(directory: directory, port: port, user: user, logPath: logPath)
            do {
                try waitUntilAccepting(port: port, process: process, logPath: logPath)
                return (port, process)
            } catch {
                lastFailure = error
                if process.exitStatusIfEnded() == nil { process.terminate() }
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
        throw lastFailure
    }

    private static func startServer(directory: String, port: Int, user: String, logPath: String) throws -> ChildProcess
    {
        var config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(directory)/host_key
            PidFile \(directory)/sshd.pid
            AuthorizedKeysFile \(directory)/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            StrictModes no
            AllowUsers \(user)
            Subsystem sftp internal-sftp
            ForceCommand internal-sftp
            """
        // With UsePAM no, sshd refuses accounts whose password is locked ("!" in /etc/shadow), which is how
        // some images ship root; PAM's account check allows key logins for them. Only root can use PAM here,
        // and only root reads /etc/shadow (so sshd cannot see a lock when it runs as another user).
        config += geteuid() == 0 && accountIsLocked(user) ? "\nUsePAM yes" : "\nUsePAM no"
        if geteuid() == 0 { config += "\nPermitRootLogin prohibit-password" }
        let configPath = directory + "/sshd_config"
        try (config + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)

        // sshd insists on being started by its absolute path.
        return try ChildProcess(sshdPath, ["-D", "-e", "-f", configPath], outputPath: logPath)
    }

    /// Waits for sshd to listen, failing with its log when it exits instead.
    private static func waitUntilAccepting(port: Int, process: ChildProcess, logPath: String) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let status = process.exitStatusIfEnded() {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw LocalSSHServerError("sshd exited with status \(status): \(log)")
            }
            if canConnect(port: port) { return }
            usleep(20_000)
        }
        throw LocalSSHServerError("sshd did not accept connections on port \(port) within 15 seconds")
    }

    /// Makes the host key, the client keys and `authorized_keys`; returns the host key's fingerprint.
    private static func prepareKeys(in directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try generateKey(at: directory + "/host_key")
        try generateKey(at: directory + "/client_key")
        try generateKey(at: directory + "/client_key_encrypted", passphrase: passphrase)
        try generateKey(at: directory + "/unauthorized_key")
        let authorizedKeys = try ["client_key", "client_key_encrypted"].map {
            try String(contentsOfFile: "\(directory)/\($0).pub", encoding: .utf8)
        }
        try authorizedKeys.joined().write(toFile: directory + "/authorized_keys", atomically: true, encoding: .utf8)
        return try fingerprint(ofPublicKey: directory + "/host_key.pub")
    }

    private static func generateKey(at path: String, passphrase: String = "") throws {
        try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "kontor-test", "-f", path])
    }

    private static func fingerprint(ofPublicKey path: String) throws -> String {
        // "256 SHA256:base64 comment (ED25519)"
        let output = try run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", path])
        guard let fingerprint = output.split(separator: " ").first(where: { $0.hasPrefix("SHA256:") }) else {
            throw LocalSSHServerError("unexpected ssh-keygen output: \(output)")
        }
        return String(fingerprint)
    }

    private static func writeKnownHosts(port: Int, publicKey: String, to path: String) throws {
        // "type base64 comment" → "[127.0.0.1]:port type base64"
        let fields = try String(contentsOfFile: publicKey, encoding: .utf8).split(separator: " ")
        try "[127.0.0.1]:\(port) \(fields[0]) \(fields[1])\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw LocalSSHServerError("\(executable) is missing (apt-get install openssh-client)")
        }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kontor-ssh-keygen-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try ChildProcess(executable, arguments, outputPath: outputPath).wait()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw LocalSSHServerError("\(executable) \(arguments.first ?? "") failed: \(text)")
        }
        return text
    }

    private static func currentUserName() throws -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else {
            throw LocalSSHServerError("the current user (uid \(geteuid())) has no passwd entry, which sshd needs")
        }
        return String(cString: name)
    }

    private static func accountIsLocked(_ user: String) -> Bool {
        guard let shadow = try? String(contentsOfFile: "/etc/shadow", encoding: .utf8) else { return false }
        let entry = shadow.split(separator: "\n").first { $0.hasPrefix(user + ":") }
        return entry?.split(separator: ":", omittingEmptySubsequences: false).dropFirst().first?.hasPrefix("!") ?? false
    }

    private static func freePort() throws -> Int {
        guard let port = LoopbackPort.free() else {
            throw LocalSSHServerError("cannot find a free port: errno \(errno)")
        }
        return port
    }

    private static func canConnect(port: Int) -> Bool {
        LoopbackPort.accepts(port)
    }
}

/// The test SFTP server could not be set up; the message says why and what to install.
public struct LocalSSHServerError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
