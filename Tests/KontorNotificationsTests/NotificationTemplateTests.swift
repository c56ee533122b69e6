import Foundation
import KontorModel
import KontorNotifications
import Testing

@Suite("Notification templates: every template in German and English, brands, errors")
struct NotificationTemplateTests {
    static let templates = NotificationTemplates(
        directory: NotificationFixtures.templatesDirectory,
        defaultBrand: "kontor"
    )

    /// The values every template gets, plus each template's own, as the planner makes them.
    static func values(_ template: NotificationTemplate, language: String) throws -> [String: Any] {
        let order = NotificationFixtures.order()
        let planned = PlannedNotification(
            template: template,
            order: order,
            orderID: order.id!,
            values: [
                "shipment": .object([
                    "carrier": "DHL",
                    "shippedAt": language == "de" ? "28.11.2026" : "28 November 2026",
                    "complete": true,
                    "lines": .list([["quantity": "1", "description": "Zelt für 2 Personen"]]),
                    "parcels": .list([
                        [
                            "trackingNumber": "00340434161094042557",
                            "trackingUrl": "https://track.example/00340434161094042557",
                        ]
                    ]),
                ]),
                "delivery": .object(["deliveredAt": language == "de" ? "30.11.2026" : "30 November 2026"]),
                "backorder": .object([
                    "complete": false,
                    "lines": .list([
                        ["quantity": "3", "description": "Heringe (10 Stück)", "expectedDate": "14.12.2026"]
                    ]),
                ]),
                "delay": .object(["promisedDate": "01.12.2026", "estimatedDate": "04.12.2026"]),
                "cancellation": .object(["reason": "Kundenwunsch"]),
                "return": .object([
                    "rmaNumber": "RMA-2026-000042",
                    "receivedAt": "10.12.2026",
                    "lines": .list([["quantity": "1", "description": "Zelt für 2 Personen"]]),
                ]),
                "refund": .object(["rmaNumber": "RMA-2026-000042", "amount": "1.200,00 €", "issuedAt": "11.12.2026"]),
            ]
        )
        let brand = NotificationSettings.Brand(name: "Kontor Shop", from: "orders@kontor.example")
        return TemplateValue.present(
            NotificationValues.values(for: planned, brand: brand, language: language),
            \.mustacheValue
        )
    }

    /// Template → (German subject, a German sentence, English subject, an English sentence).
    static let golden: [NotificationTemplate: (String, String, String, String)] = [
        .orderConfirmation: (
            "Ihre Bestellung WEB-10042 bei Kontor Shop", "Gesamtbetrag: 1.234,50 €",
            "Your order WEB-10042 with Kontor Shop", "Total: €1,234.50"
        ),
        .shipped: (
            "Ihre Bestellung WEB-10042 ist unterwegs",
            "Sendungsnummer 00340434161094042557: https://track.example/00340434161094042557",
            "Your order WEB-10042 is on its way",
            "Tracking number 00340434161094042557: https://track.example/00340434161094042557"
        ),
        .delivered: (
            "Ihre Bestellung WEB-10042 wurde zugestellt", "wurde am 30.11.2026 zugestellt",
            "Your order WEB-10042 has been delivered", "was delivered on 30 November 2026"
        ),
        .backorder: (
            "Lieferverzögerung bei Ihrer Bestellung WEB-10042", "3 × Heringe (10 Stück), voraussichtlich ab 14.12.2026",
            "Some items of your order WEB-10042 are on backorder", "3 × Heringe (10 Stück), expected from 14.12.2026"
        ),
        .delay: (
            "Ihre Bestellung WEB-10042 kommt später", "Neuer voraussichtlicher Liefertermin: 04.12.2026.",
            "Your order WEB-10042 will arrive later", "New estimated delivery date: 04.12.2026."
        ),
        .cancellation: (
            "Ihre Bestellung WEB-10042 wurde storniert", "Grund: Kundenwunsch",
            "Your order WEB-10042 has been cancelled", "Reason: Kundenwunsch"
        ),
        .returnReceived: (
            "Ihre Rücksendung RMA-2026-000042 ist angekommen", "1 × Zelt für 2 Personen",
            "Your return RMA-2026-000042 has arrived", "for order WEB-10042 reached us on 10.12.2026"
        ),
        .refundIssued: (
            "Erstattung zu Ihrer Bestellung WEB-10042", "am 11.12.2026 1.200,00 € erstattet",
            "Refund for your order WEB-10042", "we refunded 1.200,00 € on 11.12.2026"
        ),
    ]

    @Test("Each template renders subject, text and HTML in both languages", arguments: NotificationTemplate.allCases)
    func rendersEveryTemplate(template: NotificationTemplate) throws {
        let golden = try #require(Self.golden[template])
        for (language, subject, sentence) in [("de", golden.0, golden.1), ("en", golden.2, golden.3)] {
            let rendered = try Self.templates.render(
                template,
                brand: "kontor",
                language: language,
                values: try Self.values(template, language: language)
            )
            #expect(rendered.subject == subject)
            #expect(rendered.text.contains(sentence), "\(language) text: \(rendered.text)")
            #expect(rendered.text.hasPrefix(language == "de" ? "Hallo Anna Müller," : "Hello Anna Müller,"))
            #expect(rendered.html.contains("<h2 style=\"color: #1f4e79;\">Kontor Shop</h2>"))
            #expect(!rendered.text.contains("{{") && !rendered.html.contains("{{"))
        }
    }

    @Test("The HTML part escapes values; the text part keeps them as they are")
    func escaping() throws {
        let rendered = try NotificationTemplates.render(
            source: "=== subject ===\nOrder {{number}}\n=== text ===\n{{name}}\n=== html ===\n<p>{{name}}</p>",
            file: "inline.mustache",
            values: ["number": "A&B", "name": "Tom & <Jerry>"]
        )
        #expect(rendered.subject == "Order A&B")
        #expect(rendered.text == "Tom & <Jerry>")
        #expect(rendered.html == "<p>Tom &amp; &lt;Jerry&gt;</p>")
    }

    @Test("A brand overrides some templates and takes the others from the default brand")
    func brandOverrideAndFallback() throws {
        let values = try Self.values(.orderConfirmation, language: "de")
        let own = try Self.templates.render(.orderConfirmation, brand: "alpenhaus", language: "de", values: values)
        #expect(own.text.contains("Grüß Gott Anna Müller,"))
        #expect(
            try Self.templates.file(.delivered, brand: "alpenhaus", language: "de").hasSuffix(
                "kontor/de/delivered.mustache"
            )
        )
    }

    @Test("A missing template is an error naming the file")
    func missingTemplate() throws {
        let error = #expect(throws: NotificationTemplateError.self) {
            try Self.templates.render(.shipped, brand: "kontor", language: "fr", values: [:])
        }
        #expect(error?.file == NotificationFixtures.templatesDirectory + "/kontor/fr/shipped.mustache")
        #expect(error?.description.contains("kontor/fr/shipped.mustache: missing") == true)
    }

    @Test("A broken template names the file and line; a missing part names the marker")
    func brokenTemplate() throws {
        let unclosed = #expect(throws: NotificationTemplateError.self) {
            try NotificationTemplates.render(
                source: "=== subject ===\nHi\n=== text ===\nline\n{{#lines}}{{name}}\n=== html ===\n<p></p>",
                file: "broken.mustache",
                values: [:]
            )
        }
        #expect(unclosed?.file == "broken.mustache")
        #expect(unclosed?.line != nil)
        let noHTML = #expect(throws: NotificationTemplateError.self) {
            try NotificationTemplates.render(source: "=== subject ===\nHi\n=== text ===\n", file: "x", values: [:])
        }
        #expect(noHTML?.message == "the line '=== html ===' is missing")
    }

    @Test("Language from the order attribute, else the ship-to country, else the default")
    func languageAndBrandChoice() throws {
        let settings = try NotificationFixtures.settings()
        #expect(settings.languages.language(for: NotificationFixtures.order(country: "AT")) == "de")
        #expect(settings.languages.language(for: NotificationFixtures.order(country: "GB")) == "en")
        #expect(settings.languages.language(for: NotificationFixtures.order(country: "FR")) == "en")
        #expect(
            settings.languages.language(
                for: NotificationFixtures.order(country: "GB", attributes: ["language": "de-CH"])
            )
                == "de"
        )
        #expect(settings.brands.brandName(for: NotificationFixtures.order()) == "kontor")
        #expect(settings.brands.brandName(for: NotificationFixtures.order(channel: .shopify)) == "alpenhaus")
        #expect(
            settings.brands.brandName(for: NotificationFixtures.order(attributes: ["brand": "alpenhaus"]))
                == "alpenhaus"
        )
        #expect(
            settings.trackingURL(carrier: "DHL", trackingNumber: "0034 0434")
                == "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=0034%200434"
        )
    }
}
