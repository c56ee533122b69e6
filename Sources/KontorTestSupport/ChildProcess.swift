#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, its output appended to a file.
///
/// Used instead of Foundation's `Process`, whose exit monitoring stalled when several tests started and
/// awaited processes at once (children stayed unreaped, `waitUntilExit` never returned).
struct ChildProcess {
    let pid: pid_t

    /// Starts `executable` (an absolute path) with stdin from /dev/null and stdout and stderr appended to
    /// `outputPath`.
    init(_ executable: String, _ arguments: [String], outputPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else {
            throw LocalSSHServerError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// The exit status once the process has ended (reaping it), nil while it runs.
    func exitStatusIfEnded() -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return Self.decode(status)
    }

    /// Waits for the process to end and returns its exit status (128 + signal when killed by one).
    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return Self.decode(status)
    }

    /// Sends SIGTERM and waits for the end.
    func terminate() {
        kill(pid, SIGTERM)
        wait()
    }

    // The W* macros are not visible from Swift: low 7 bits are the signal, the next byte the exit code.
    private static func decode(_ status: Int32) -> Int32 {
        status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
