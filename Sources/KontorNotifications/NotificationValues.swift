import KontorModel

/// What every template can use, beside the event's own values (``PlannedNotification/values``):
///
/// - `brand`: `name`, `website`, `color`
/// - `order`: `id`, `number`, `date`, `total`, `channel`
/// - `customer`: `name`
/// - `shipTo`: `name`, `street`, `postalCode`, `city`, `country`
/// - `lines`: `lineNumber`, `sku`, `description`, `quantity`, `unitPrice`, `total`
///
/// Money and dates are formatted for the language (``NotificationFormatting``).
public enum NotificationValues {
    /// The values for `planned` written in `language` for `brand`.
    public static func values(
        for planned: PlannedNotification,
        brand: NotificationSettings.Brand,
        language: String
    ) -> [String: TemplateValue] {
        let order = planned.order
        let formatting = NotificationFormatting(language: language)
        let lines = order.lines.map { line -> [String: TemplateValue] in
            [
                "lineNumber": .text(line.lineNumber),
                "sku": .optional(line.sku),
                "description": .text(line.description ?? line.sku ?? line.buyerSku ?? line.lineNumber),
                "quantity": .text(line.quantity.description),
                "unitPrice": .text(formatting.money(order.money(line.unitPrice))),
                "total": .text(formatting.money(order.money(line.extendedAmount))),
            ]
        }
        var values: [String: TemplateValue] = [
            "brand": .object([
                "name": .text(brand.name),
                "website": .optional(brand.website),
                "color": .text(brand.color),
            ]),
            "order": .object([
                "id": .text(planned.orderID.rawValue),
                "number": .text(order.orderNumber),
                "date": .text(formatting.date(order.orderDate)),
                "total": .text(formatting.money(order.grandTotalMoney)),
                "channel": .text(order.channel.rawValue),
            ]),
            "customer": .object(["name": .optional(order.buyer.name ?? order.shipTo.name)]),
            "shipTo": .object([
                "name": .optional(order.shipTo.name),
                "street": .optional(order.shipTo.street),
                "postalCode": .optional(order.shipTo.postalCode),
                "city": .optional(order.shipTo.city),
                "country": .text(order.shipTo.country.rawValue),
            ]),
            "lines": .list(lines),
            "language": .text(language),
        ]
        values.merge(planned.values) { _, own in own }
        return values
    }
}
