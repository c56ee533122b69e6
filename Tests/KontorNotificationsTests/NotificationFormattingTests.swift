import KontorModel
import KontorNotifications
import Testing

@Suite("Money and dates per language")
struct NotificationFormattingTests {
    @Test("German: 1.234,50 € and 29.11.2026")
    func german() {
        let german = NotificationFormatting(language: "de")
        #expect(german.money(Money(DecimalAmount("1234.5")!, .eur)) == "1.234,50 €")
        #expect(german.money(Money(DecimalAmount("1234567.891")!, .eur)) == "1.234.567,89 €")
        #expect(german.money(Money(DecimalAmount("-0.5")!, .eur)) == "-0,50 €")
        #expect(german.money(Money(DecimalAmount("99")!, CurrencyCode("CHF")!)) == "99,00 CHF")
        #expect(german.date(KontorDate("2026-11-29")!) == "29.11.2026")
        #expect(german.date(KontorDate("2026-03-05T23:30:00+01:00")!) == "05.03.2026")
    }

    @Test("English: €1,234.50 and 29 November 2026")
    func english() {
        let english = NotificationFormatting(language: "en")
        #expect(english.money(Money(DecimalAmount("1234.5")!, .eur)) == "€1,234.50")
        #expect(english.money(Money(DecimalAmount("12")!, .usd)) == "$12.00")
        #expect(english.money(Money(DecimalAmount("99")!, CurrencyCode("CHF")!)) == "CHF 99.00")
        #expect(english.money(Money(DecimalAmount("1000")!, CurrencyCode("JPY")!)) == "¥1,000")
        #expect(english.date(KontorDate("2026-11-29")!) == "29 November 2026")
        #expect(english.date(Timestamp(rfc3339: "2026-01-02T10:00:00Z")!) == "2 January 2026")
    }
}
