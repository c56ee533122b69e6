import Foundation
import KontorStore
import Logging

/// Loads a store with the CSV files of a folder (`catalog.csv`, `locations.csv`, `stock.csv`, `customers.csv`,
/// `buyer-skus.csv`, each optional), in that order, because stock and buyer SKUs refer to products and locations. `kontor run` seeds an empty store with the demo
/// data under `seed/`; `kontor import` loads real files the same way.
public enum StoreSeeding {
    /// What `kontor import` and seeding load.
    public enum Kind: String, CaseIterable, Sendable {
        case catalog, locations, stock, customers
        case buyerSKUs = "buyer-skus"
    }

    /// Imports one CSV file; returns the summary.
    public static func importFile(_ kind: Kind, path: String, into store: any KontorStoreBackend) async throws
        -> CSVImportSummary
    {
        switch kind {
        case .catalog: try await CatalogCSVImporter(store: store).importFile(atPath: path)
        case .locations: try await LocationCSVImporter(store: store).importFile(atPath: path)
        case .stock: try await StockCSVImporter(store: store).importFile(atPath: path)
        case .customers: try await CustomerCSVImporter(store: store).importFile(atPath: path)
        case .buyerSKUs: try await BuyerSKUCSVImporter(store: store).importFile(atPath: path)
        }
    }

    /// Seeds `store` from `directory` when it holds no locations yet (a fresh store); returns the summaries (empty when it did not).
    public static func seedIfEmpty(
        _ store: any KontorStoreBackend,
        from directory: String,
        logger: Logger
    ) async throws -> [CSVImportSummary] {
        guard try await store.locations(activeOnly: false).isEmpty else { return [] }
        var summaries: [CSVImportSummary] = []
        for kind in Kind.allCases {
            let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).csv")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            summaries.append(try await importFile(kind, path: path, into: store))
        }
        if !summaries.isEmpty {
            let loaded = summaries.map { "\($0.records) from \(($0.file as NSString).lastPathComponent)" }
            logger.notice("seeded the empty store from \(directory): \(loaded.joined(separator: ", "))")
        }
        return summaries
    }
}
