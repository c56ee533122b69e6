import ArgumentParser
import Foundation
import KontorApp
import Logging

/// The `kontor` command line.
@main
struct KontorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kontor",
        abstract: "Kontor: order management as an integration hub on Kafka.",
        subcommands: [
            RunCommand.self, TranslateCommand.self, MapCommand.self, ImportCommand.self, BenchCommand.self,
            ConfigCommand.self, DlqCommand.self,
        ]
    )
}

/// Sets up swift-log once, for the whole process.
func bootstrapLogging(level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    return Logger(label: "kontor")
}
