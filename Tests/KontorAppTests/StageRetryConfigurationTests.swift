import Foundation
import KontorApp
import KontorWorkers
import Testing

@Suite("Configuration: per-stage retry policies")
struct StageRetryConfigurationTests {
    @Test("workers.<stage>.retry.* changes the default for that stage only, in any order of keys")
    func perStageOverrides() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-\(UUID().uuidString).yaml")
            .path
        try """
        workers:
          validation:
            retry:
              maxAttempts: 2
              retryable: [transient]
          retry:
            maxAttempts: 7
            initialBackoffMs: 250
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try ConfigurationLoader(
            environment: ["KONTOR_WORKERS_ALLOCATION_RETRY_MAX_BACKOFF_MS": "900"]
        ).load(file: path)
        let validation = configuration.retryPolicy(stage: "validation")
        #expect(validation.maxAttempts == 2)
        #expect(validation.initialBackoff == .milliseconds(250))
        #expect(validation.retryable == [.transient])
        let allocation = configuration.retryPolicy(stage: "allocation")
        #expect(allocation.maxAttempts == 7)
        #expect(allocation.maxBackoff == .milliseconds(900))
        #expect(allocation.retryable == [.transient, .unexpected])
        #expect(configuration.retryPolicy(stage: "projection") == configuration.retry)
    }

    @Test("Permanent and unknown error classes are refused by name")
    func refusesPermanentClasses() {
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(
                file: nil,
                flags: ["workers.projection.retry.retryable": "transient, unparseable"]
            )
        } throws: { error in
            "\(error)".contains("workers.projection.retry.retryable: 'unparseable' is a permanent error class")
        }
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(
                file: nil,
                flags: ["workers.retry.retryable": "sometimes"]
            )
        } throws: { error in
            "\(error)".contains("workers.retry.retryable: unknown error class 'sometimes'")
        }
        #expect {
            _ = try ConfigurationLoader(environment: [:]).load(
                file: nil,
                flags: ["workers.shipping.retry.maxAttempts": "3"]
            )
        } throws: { error in
            "\(error)".contains("unknown configuration key 'workers.shipping.retry.maxAttempts'")
        }
    }

    @Test("The README's configuration table lists every key")
    func readmeTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for key in ConfigurationKeys.documented {
            #expect(readme.contains("| `\(key.path)` | `\(key.environmentVariable)"), "\(key.path) missing in README")
        }
    }
}
