import Testing
import V6Core

@Suite("Operations: scan timestamps")
struct ScanTimestampTests {
    @Test("file stem and ISO form of known instants, both ways")
    func knownInstants() throws {
        let t = try #require(ScanTimestamp(epochSeconds: 1_715_738_400))
        #expect(t.fileStem == "20240515T020000Z")
        #expect(t.iso8601 == "2024-05-15T02:00:00Z")
        #expect(ScanTimestamp(fileStem: "20240515T020000Z_2.jsonl") == t)
        #expect(ScanTimestamp(iso8601: "2024-05-15T02:00:00.75Z") == t)
        #expect(ScanTimestamp(epochSeconds: 0)?.fileStem == "19700101T000000Z")
        #expect(ScanTimestamp(iso8601: "2024-02-29T23:59:59Z")?.epochSeconds == 1_709_251_199)
    }

    @Test("every day from 1970 to 2100 round-trips through the file stem")
    func roundTrip() throws {
        var seconds = 0
        while seconds < 4_102_444_800 {
            let t = try #require(ScanTimestamp(epochSeconds: seconds + 3_723))
            #expect(ScanTimestamp(fileStem: Substring(t.fileStem)) == t)
            seconds += 86_400 * 7 + 1
        }
    }

    @Test("impossible instants and names are refused")
    func refused() {
        #expect(ScanTimestamp(epochSeconds: -1) == nil)
        #expect(ScanTimestamp(epochSeconds: 253_402_300_800) == nil)   // year 10000
        #expect(ScanTimestamp(fileStem: "20230229T000000Z") == nil)
        #expect(ScanTimestamp(fileStem: "latest.jsonl") == nil)
        #expect(ScanTimestamp(iso8601: "2024-05-15 02:00:00") == nil)
    }
}
