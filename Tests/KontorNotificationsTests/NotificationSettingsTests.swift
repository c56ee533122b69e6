import KontorHTTPClient
import KontorNotifications
import Testing

@Suite("Notification settings file")
struct NotificationSettingsTests {
    @Test("The shipped file: e-mail off until an SMTP URL is set, two brands, German for DACH, carrier links")
    func shippedFile() throws {
        let settings = try NotificationSettingsLoader.load(path: NotificationFixtures.settingsFile)
        #expect(settings.smtp == nil)
        #expect(settings.webhooks.isEmpty)
        #expect(settings.brands.defaultBrand == "kontor")
        #expect(settings.brands.brands["alpenhaus"]?.replyTo == "Alpenhaus Kundenservice <hilfe@alpenhaus.example>")
        #expect(settings.brands.byChannel == ["shopify": "alpenhaus"])
        #expect(settings.languages.byCountry["AT"] == "de")
        #expect(settings.trackingURLs["ups"] == "https://www.ups.com/track?tracknum={trackingNumber}")
    }

    @Test("SMTP, webhooks with secrets from the environment")
    func fullSettings() throws {
        let yaml = """
            email:
              smtp: {url: "smtp://mail.example:587", startTLS: required, username: shop, passwordEnv: SMTP_PW}
              templates: [shipped, delivered]
            webhooks:
              - name: erp
                url: https://erp.example/hook
                secretEnv: ERP_SECRET
                customers: [C-1001]
                templates: [shipped]
                timeoutSeconds: 5
            """
        let settings = try NotificationSettingsLoader.decode(
            yaml,
            file: "n.yaml",
            environment: ["SMTP_PW": "pw", "ERP_SECRET": "s3cret"]
        )
        #expect(
            settings.smtp
                == SMTPConfiguration(
                    url: "smtp://mail.example:587",
                    startTLS: .required,
                    username: "shop",
                    password: "pw"
                )
        )
        #expect(settings.emailTemplates == [.shipped, .delivered])
        let erp = try #require(settings.webhooks.first)
        #expect(erp.secret == "s3cret")
        #expect(erp.customers == ["C-1001"])
        #expect(erp.templates == [.shipped])
        #expect(erp.timeout == .seconds(5))
        #expect(erp.wants(.shipped, for: NotificationFixtures.order()))
        #expect(!erp.wants(.delivered, for: NotificationFixtures.order()))
    }

    @Test("Mistakes name the file, line and key")
    func errors() {
        func failure(_ yaml: String, environment: [String: String] = [:]) -> String? {
            do {
                _ = try NotificationSettingsLoader.decode(yaml, file: "n.yaml", environment: environment)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(
            failure("emial: {}")
                == "n.yaml:1: unknown key 'emial' (allowed: brands, email, languages, templatesDirectory, trackingUrls, webhooks)"
        )
        #expect(
            failure("email:\n  smtp: {url: \"http://x\"}")
                == "n.yaml:2: email.smtp.url: 'http://x' must start with smtp:// or smtps://"
        )
        #expect(
            failure("email:\n  smtp: {url: \"smtp://x\", startTLS: always}")?.contains("email.smtp.startTLS: 'always'")
                == true
        )
        #expect(
            failure("webhooks:\n  - {name: a, url: \"https://x\", secretEnv: NOPE, channels: [web]}")
                == "n.yaml:2: webhooks[0].secretEnv: the environment variable NOPE is not set"
        )
        #expect(failure("brands: {default: nope}") == "n.yaml:1: brands.default: 'nope' is not in brands.list")
        #expect(failure("trackingUrls: {dhl: \"https://x\"}")?.contains("needs {trackingNumber}") == true)
    }
}
