import ArgumentParser
import KontorApp

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "List every configuration key with its environment variable and meaning."
    )

    func run() throws {
        for key in ConfigurationKeys.documented {
            print("\(key.path)\n    env \(key.environmentVariable)\n    \(key.summary)")
        }
        print("kafka.librdkafka.<property>\n    any librdkafka client property, applied last (YAML only)")
    }
}
