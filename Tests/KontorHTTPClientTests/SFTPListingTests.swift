import Foundation
import Testing

@testable import KontorHTTPClient

@Suite("SFTP long listings and remote paths")
struct SFTPListingTests {
    private let now = Date(timeIntervalSince1970: 1_764_374_400)  // 2025-11-29 00:00 UTC

    @Test("Names with inner, trailing and leading spaces; directories; links without their target; no . and ..")
    func names() throws {
        let listing = """
            drwxr-xr-x    2 root     root         4096 Nov 28 04:10 .
            drwx------    3 root     root         4096 Nov 28 04:10 ..
            -rw-r--r--    1 root     root            3 Nov 28 04:10 order 1 final.xml
            -rw-r--r--    1 root     root           12 Nov 28 04:10   two leading\u{20}
            drwxr-xr-x    2 alice    staff        4096 Jan  1  2020 processed
            lrwxrwxrwx    1 root     root            7 Nov 28 04:10 link -> order 1 final.xml

            """
        let entries = try SFTPListingParser.parse(listing, now: now)
        #expect(entries.map(\.name) == ["order 1 final.xml", "  two leading ", "processed", "link"])
        #expect(entries.map(\.size) == [3, 12, 4096, 7])
        #expect(entries.map(\.isDirectory) == [false, false, true, false])
        #expect(entries.map(\.isSymbolicLink) == [false, false, false, true])
    }

    @Test("Dates: recent ones with time in the current or previous year, older ones with year")
    func dates() throws {
        let entries = try SFTPListingParser.parse(
            """
            -rw-r--r--    1 root     root            1 Nov 28 04:10 recent
            -rw-r--r--    1 root     root            1 Dec 30 23:59 last december
            -rw-r--r--    1 root     root            1 Jan  1  2020 old
            """,
            now: now
        )
        let formatter = ISO8601DateFormatter()
        #expect(
            entries.map { $0.modificationTime.map(formatter.string(from:)) } == [
                "2025-11-28T04:10:00Z", "2024-12-30T23:59:00Z", "2020-01-01T00:00:00Z",
            ]
        )
    }

    @Test("A line that is not a long listing entry is refused with the line")
    func unreadable() {
        #expect {
            _ = try SFTPListingParser.parse("total 12\n", now: now)
        } throws: { ($0 as? SFTPListingParser.ListingError)?.line == "total 12" }
    }

    @Test("Paths: components percent-encoded, home-relative under /~/, quoted for commands")
    func paths() throws {
        let absolute = try SFTPPath("/in box/Bestellung #ä 100%.xml", baseURL: "sftp://h:22")
        #expect(absolute.urlPath(directory: false) == "/in%20box/Bestellung%20%23%C3%A4%20100%25.xml")
        #expect(absolute.parent == "/in box")
        #expect(absolute.prefixes == ["/in box", "/in box/Bestellung #ä 100%.xml"])

        let relative = try SFTPPath("inbox/", baseURL: "sftp://h:22")
        #expect(relative.urlPath(directory: true) == "/~/inbox/")
        #expect(relative.sibling(named: "x") == "x")

        #expect(SFTPPath.quote("/a \"b\" \\c") == #""/a \"b\" \\c""#)
        #expect(throws: SFTPError.self) { try SFTPPath("", baseURL: "sftp://h:22") }
    }
}
