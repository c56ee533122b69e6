import Foundation
import Testing

@testable import KontorModel

@Suite struct DateTests {
    @Test func calendarDate() throws {
        let date = try #require(KontorDate("2025-03-01"))
        #expect(date.isDateOnly)
        #expect((date.year, date.month, date.day) == (2025, 3, 1))
        #expect(date.timestamp.microsecondsSinceEpoch == 1_740_787_200_000_000)
        #expect(KontorDate(year: 2025, month: 3, day: 1) == date)
        #expect(KontorDate(year: 2025, month: 2, day: 29) == nil)
    }

    @Test func dateTimeKeepsTextAndKnowsInstant() throws {
        let date = try #require(KontorDate("2025-03-01T10:15:30+01:00"))
        #expect(!date.isDateOnly)
        #expect(date.rawValue == "2025-03-01T10:15:30+01:00")
        #expect(date.timestamp.microsecondsSinceEpoch == 1_740_820_530_000_000)
        #expect(date.timestamp.rfc3339String == "2025-03-01T09:15:30.000000Z")
        #expect(KontorDate("2025-03-01t09:15:30.5z")?.timestamp.rfc3339String == "2025-03-01T09:15:30.500000Z")
    }

    @Test(arguments: [
        "2024-02-29", "2000-02-29", "2025-12-31", "2025-03-01T00:00:00Z", "2025-03-01T23:59:60Z",
        "2025-03-01T10:15:30.123456789-05:30",
    ])
    func acceptsDates(input: String) {
        #expect(KontorDate(input) != nil)
    }

    @Test(arguments: [
        "2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-3-1", "25-03-01",
        "2025-03-01T10:15:30",
        "2025-03-01 10:15:30Z", "2025-03-01T24:00:00Z", "2025-03-01T10:60:00Z", "2025-03-01T10:15:30.Z",
        "2025-03-01T10:15:30+0100", "2025-03-01Z", "", "03/01/2025", "2025-03-01T10:15:30Z ",
    ])
    func rejectsOtherStrings(input: String) {
        #expect(KontorDate(input) == nil)
    }

    @Test func timestampFormatting() {
        #expect(Timestamp(microsecondsSinceEpoch: 0).rfc3339String == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(microsecondsSinceEpoch: -1).rfc3339String == "1969-12-31T23:59:59.999999Z")
        #expect(Timestamp(microsecondsSinceEpoch: 951_868_799_000_123).rfc3339String == "2000-02-29T23:59:59.000123Z")
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.999999Z")?.microsecondsSinceEpoch == -1)
        #expect(Timestamp(rfc3339: "2025-03-01") == nil)
    }

    @Test func timestampRoundTripsExactly() throws {
        for micros: Int64 in [0, 1, 999_999, 1_740_820_530_123_456, -86_400_000_001, 253_402_300_799_999_999] {
            let timestamp = Timestamp(microsecondsSinceEpoch: micros)
            #expect(Timestamp(rfc3339: timestamp.rfc3339String) == timestamp)
        }
        let now = Timestamp.now()
        #expect(Timestamp(rfc3339: now.rfc3339String) == now)
        #expect(abs(now.date.timeIntervalSinceNow) < 60)
    }

    @Test func calendarMathAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        // From 1583 on: Foundation's Gregorian calendar is Julian before the 1582 reform.
        for days in stride(from: -140_000, through: 2_900_000, by: 997) {
            let civil = CalendarMath.civilDate(daysSinceEpoch: days)
            let components = calendar.dateComponents(
                [.year, .month, .day],
                from: Date(timeIntervalSince1970: Double(days) * 86_400)
            )
            #expect(civil.year == components.year && civil.month == components.month && civil.day == components.day)
            #expect(CalendarMath.daysSinceEpoch(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }
}
