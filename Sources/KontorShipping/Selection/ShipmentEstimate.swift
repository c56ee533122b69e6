import KontorModel

/// Parcels for carrier selection: the packed parcels when the warehouse has weighed them, else one parcel whose
/// weight is estimated from the catalog's unit weights (`Product.weightGrams` in the store's catalog; the catalog
/// has no dimensions, so an estimated parcel is not checked against length or girth limits).
public enum ShipmentEstimate {
    /// The parcels of a pick task.
    /// - Parameters:
    ///   - task: the pick task.
    ///   - packed: parcels the warehouse reported; used when every one has a weight.
    ///   - unitWeights: grams per piece by SKU, from the catalog.
    ///   - defaultPieceWeightGrams: grams per piece for SKUs the catalog has no weight for.
    public static func parcels(
        for task: PickTask,
        packed: [Parcel] = [],
        unitWeights: [String: Int],
        defaultPieceWeightGrams: Int
    ) -> [ParcelMeasure] {
        if !packed.isEmpty, packed.allSatisfy({ $0.weightGrams != nil }) {
            return packed.map {
                ParcelMeasure(
                    weightGrams: $0.weightGrams ?? 0,
                    lengthMm: $0.lengthMm,
                    widthMm: $0.widthMm,
                    heightMm: $0.heightMm,
                    estimated: false
                )
            }
        }
        let grams = task.lines.reduce(0) { total, line in
            total + max(0, line.quantity) * (unitWeights[line.sku] ?? defaultPieceWeightGrams)
        }
        return [ParcelMeasure(weightGrams: grams, estimated: true)]
    }
}
