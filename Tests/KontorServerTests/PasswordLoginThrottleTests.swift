import Foundation
import KontorServer
import Testing

@Suite("Dashboard password login is limited per minute; token login is not")
struct PasswordLoginThrottleTests {
    typealias Auth = AccessControlTests

    @Test("Past the limit even the right password answers 429 with Retry-After; a token still logs in")
    func overTheLimit() async throws {
        let access = AccessControl(
            tokens: [APIToken(name: "reader", scopes: [.read], secret: Auth.readerSecret)],
            dashboardPassword: try PasswordHash(hashing: Auth.password, rounds: 210_000),
            passwordFailuresPerMinute: 3
        )
        try await ServerFixture.run(access: access) { _, base in
            for _ in 0..<3 {
                let wrong = try await HTTP.request("POST", "\(base)/v1/session", body: #"{"password":"guess"}"#)
                #expect(wrong.status == 401)
            }
            let throttled = try await HTTP.request(
                "POST",
                "\(base)/v1/session",
                body: #"{"password":"\#(Auth.password)"}"#
            )
            #expect(throttled.status == 429)
            #expect(throttled.json["type"] as? String == "https://kontor.dev/problems/too-many-requests")
            #expect(throttled.headers["set-cookie"] == nil)
            let retryAfter = try #require(throttled.headers["retry-after"].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            let token = try await HTTP.request(
                "POST",
                "\(base)/v1/session",
                body: #"{"token":"\#(Auth.readerSecret)"}"#
            )
            #expect(token.status == 200)
        }
    }

    @Test("Failures leave the count a minute after they happened; 0 turns the limit off")
    func window() async {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let throttle = PasswordLoginThrottle(maxFailures: 2, window: .seconds(60))
        await throttle.recordFailure(now: start)
        #expect(await throttle.retryAfter(now: start) == nil)
        await throttle.recordFailure(now: start.addingTimeInterval(20))
        #expect(await throttle.retryAfter(now: start.addingTimeInterval(20)) == 40)
        #expect(await throttle.retryAfter(now: start.addingTimeInterval(59.5)) == 1)
        #expect(await throttle.retryAfter(now: start.addingTimeInterval(60)) == nil)

        let off = PasswordLoginThrottle(maxFailures: 0)
        for second in 0..<50 { await off.recordFailure(now: start.addingTimeInterval(Double(second))) }
        #expect(await off.retryAfter(now: start.addingTimeInterval(50)) == nil)
    }
}
