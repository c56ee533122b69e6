import ArgumentParser
import Foundation
import KontorApp
import KontorWorkers
import Logging

/// The `kontor` command line.
@main
struct KontorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kontor",
        abstract: "Kontor: order management as an integration hub on Kafka.",
        subcommands: [
            RunCommand.self, TranslateCommand.self, MapCommand.self, ImportCommand.self, BenchCommand.self,
            ConfigCommand.self, TokenCommand.self, DlqCommand.self,
        ]
    )
}

/// Sets up swift-log once, for the whole process; lines written while a worker handles an order carry the order's
/// ids (`kontor.order.id`, `kontor.correlation.id`).
func bootstrapLogging(level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap(
        { label, metadataProvider in
            var handler = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
            handler.logLevel = level
            return handler
        },
        metadataProvider: OrderLogContext.metadataProvider
    )
    return Logger(label: "kontor")
}
