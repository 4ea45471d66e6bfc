import Testing
import V6Core

@Suite("Addressing: per-family values")
struct PerFamilyTests {
    @Test("the subscript reads and writes the value of its family only")
    func subscriptByFamily() {
        var counts = PerFamily(repeating: 0)
        counts[.v6] += 3
        counts[.v4] += 1
        #expect(counts.v4 == 1 && counts.v6 == 3)
        #expect(counts[.v4] == 1 && counts[.v6] == 3)
        #expect(counts.map { $0 * 10 } == PerFamily(10, 30))
    }
}
