import Foundation
import KontorHTTPClient
import KontorModel
import Yams

/// What the notification stage sends, to whom, in which brand and language: `connectors/notifications/
/// notifications.yaml` (see the README beside this file for every key).
public struct NotificationSettings: Sendable, Hashable {
    /// E-mail over SMTP; nil sends no e-mail.
    public var smtp: SMTPConfiguration?

    /// The domain of the `Message-ID`s (`<hash@domain>`).
    public var messageIDDomain = "kontor.invalid"

    /// Where the templates are: `<directory>/<brand>/<language>/<template>.mustache`.
    public var templatesDirectory = "connectors/notifications/templates"

    /// The templates sent by e-mail; the others are not sent (default: all).
    public var emailTemplates = Set(NotificationTemplate.allCases)

    /// How the language of an order is chosen.
    public var languages = LanguageRules()

    /// How the brand of an order is chosen, and the brands.
    public var brands = BrandRules()

    /// Tracking link per carrier (lowercase name): a URL with `{trackingNumber}` in it.
    public var trackingURLs: [String: String] = [:]

    /// Customer systems told by webhook.
    public var webhooks: [WebhookEndpoint] = []

    /// What happens to a notification whose send a stopped process left without an answer (`notifications.uncertain`).
    public var uncertainNotifications = UncertainNotificationPolicy.skip

    /// Settings that send nothing: no SMTP server, no webhooks.
    public init() {}

    /// The language of an order: its `attribute` (e.g. `de-AT` → `de`) when supported, else the ship-to country's
    /// language, else ``LanguageRules/defaultLanguage``.
    public struct LanguageRules: Sendable, Hashable {
        public var defaultLanguage = "en"
        public var supported: Set<String> = ["de", "en"]
        /// The order attribute naming the customer's language.
        public var attribute = "language"
        /// Ship-to country (ISO 3166 alpha-2) → language.
        public var byCountry: [String: String] = ["DE": "de", "AT": "de", "CH": "de", "LI": "de", "LU": "de"]

        public init() {}

        /// The language for `order`.
        public func language(for order: CanonicalOrder) -> String {
            if let value = order.attributes?[attribute]?.lowercased(), !value.isEmpty {
                let primary = String(value.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
                if supported.contains(primary) { return primary }
            }
            if let language = byCountry[order.shipTo.country.rawValue], supported.contains(language) {
                return language
            }
            return defaultLanguage
        }
    }

    /// The brand of an order: its `attribute` when it names a brand, else the sales channel's brand, else
    /// ``defaultBrand``.
    public struct BrandRules: Sendable, Hashable {
        public var defaultBrand = "kontor"
        /// The order attribute naming the brand.
        public var attribute = "brand"
        /// Sales channel → brand.
        public var byChannel: [String: String] = [:]
        /// The brands by name.
        public var brands: [String: Brand] = ["kontor": Brand(name: "Kontor", from: "orders@kontor.invalid")]

        public init() {}

        /// The brand name for `order`.
        public func brandName(for order: CanonicalOrder) -> String {
            if let named = order.attributes?[attribute], brands[named] != nil { return named }
            if let byChannel = byChannel[order.channel.rawValue], brands[byChannel] != nil { return byChannel }
            return defaultBrand
        }
    }

    /// How one brand signs its mail.
    public struct Brand: Sendable, Hashable {
        /// Shown in templates and as the sender's name.
        public var name: String
        /// The sender's address.
        public var from: String
        /// `Reply-To`, when not the sender.
        public var replyTo: String?
        /// The shop's web address, for templates.
        public var website: String?
        /// The brand's colour (CSS), for HTML templates.
        public var color = "#1f4e79"

        public init(name: String, from: String, replyTo: String? = nil, website: String? = nil, color: String? = nil) {
            self.name = name
            self.from = from
            self.replyTo = replyTo
            self.website = website
            if let color { self.color = color }
        }
    }

    /// The tracking link for `trackingNumber` with `carrier`; nil when the carrier has no link template.
    public func trackingURL(carrier: String, trackingNumber: String) -> String? {
        guard let template = trackingURLs[carrier.lowercased()] else { return nil }
        let encoded =
            trackingNumber.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "+"]))
            ?? trackingNumber
        return template.replacingOccurrences(of: "{trackingNumber}", with: encoded)
    }
}

/// A customer system told about its orders by webhook.
public struct WebhookEndpoint: Sendable, Hashable {
    /// A name of its own, part of the notification id.
    public var name: String
    /// Where the JSON is posted.
    public var url: String
    /// The HMAC-SHA256 key of `X-Kontor-Signature`.
    public var secret: String
    /// Orders of these customers (buyer ids) go to it …
    public var customers: Set<String> = []
    /// … and orders of these sales channels.
    public var channels: Set<String> = []
    /// The templates posted (default: all).
    public var templates = Set(NotificationTemplate.allCases)
    /// One attempt's limit; a timeout is retried like a 5xx.
    public var timeout: Duration = .seconds(10)

    public init(name: String, url: String, secret: String, customers: Set<String> = [], channels: Set<String> = []) {
        self.name = name
        self.url = url
        self.secret = secret
        self.customers = customers
        self.channels = channels
    }

    /// Whether `order`'s `template` notification goes to this endpoint.
    public func wants(_ template: NotificationTemplate, for order: CanonicalOrder) -> Bool {
        guard templates.contains(template) else { return false }
        if let buyer = order.buyer.id, customers.contains(buyer) { return true }
        return channels.contains(order.channel.rawValue)
    }

    /// ``url`` without user and password, for logs and the timeline.
    public var displayURL: String {
        guard var components = URLComponents(string: url) else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }
}
