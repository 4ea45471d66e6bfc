import Testing
import V6Core

@Suite("XML element scanner: well-formed machine XML in, elements out; every malformed or hostile input an error")
struct XMLElementScannerTests {
    /// The events as text: `<name a=v>` for a start (attributes sorted), `</name>` for an end, with the start's line.
    private func events(_ xml: String) throws(XMLSyntaxError) -> [String] {
        try events(Array(xml.utf8))
    }

    private func events(_ bytes: [UInt8]) throws(XMLSyntaxError) -> [String] {
        var out: [String] = []
        try XMLElementScanner.scan(bytes, start: { name, attributes, line in
            let pairs = attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
            out.append("\(line):<\(name)\(pairs)>")
        }, end: { out.append("</\($0)>") })
        return out
    }

    private func error(_ xml: String) -> XMLSyntaxError? {
        do { _ = try events(xml); return nil } catch { return error }
    }

    @Test("an nmap-shaped report: prolog, DOCTYPE naming its DTD, stylesheet, comments, empty elements, lines")
    func nmapShaped() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE nmaprun>
        <?xml-stylesheet href="file:///usr/share/nmap/nmap.xsl" type="text/xsl"?>
        <!-- Nmap 7.93 scan -->
        <nmaprun scanner="nmap" args='nmap -6 -oX - 2001:db8::1' start="1716000000">
        <host><status state="up" reason="echo-reply"/>
        <address addr="2001:db8::1" addrtype="ipv6"/></host>
        </nmaprun>

        """
        #expect(try events(xml) == [
            "5:<nmaprun args=nmap -6 -oX - 2001:db8::1 scanner=nmap start=1716000000>",
            "6:<host>", "6:<status reason=echo-reply state=up>", "</status>",
            "7:<address addr=2001:db8::1 addrtype=ipv6>", "</address>", "</host>", "</nmaprun>",
        ])
    }

    @Test("the five predefined entities and character references are expanded; Vietnamese text passes untouched")
    func entities() throws {
        let xml = "<r a=\"&lt;&gt;&amp;&quot;&apos;\" b='&#65;&#x1EA1;' c=\"Sở Khoa học\tvà\nCông nghệ\">x &amp; y<![CDATA[<not a tag>]]></r>"
        #expect(try events(xml) == ["1:<r a=<>&\"' b=Aạ c=Sở Khoa học và Công nghệ>", "</r>"])
    }

    @Test("entity declarations are refused: no external entity is read, no entity expands (XXE, billion laughs)")
    func hostileDoctype() {
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
        #expect(error(xxe)?.message == "a DOCTYPE with declarations (entities are not read)")
        let laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>"
        #expect(error(laughs)?.message == "a DOCTYPE with declarations (entities are not read)")
        #expect(error("<r>&lol;</r>")?.message == "an unknown entity &lol;")
        #expect(error("<r a=\"&#0;\"/>")?.message == "a character reference &#0; that is not an XML character")
        #expect(error("<r a=\"&#xD800;\"/>")?.message == "a character reference &#xD800; that is not an XML character")
        #expect(error("<r a=\"&#x-41;\"/>")?.message == "a character reference &#x-41; that is not an XML character")
        #expect(error("<r>a & b</r>")?.message == "an '&' that does not start an entity reference")
    }

    @Test("structure: mismatched and unclosed tags, two roots, text outside the root, depth, control bytes")
    func structure() {
        #expect(error("<nmaprun><host></nmaprun>") == XMLSyntaxError(line: 1, message: "a closing tag that does not match its opening tag"))
        #expect(error("<a>\n<b>\n") == XMLSyntaxError(line: 3, message: "it ends before <b> is closed", unclosedElement: "b"))
        #expect(error("")?.message == "the document is empty")
        #expect(error("<a/><b/>")?.message == "a second top-level element <b>")
        #expect(error("junk<a/>")?.message == "text outside the document's element")
        #expect(error("<a x=\"1\" x=\"2\"/>")?.message == "the attribute x appears twice")
        #expect(error("<a x=1/>")?.message == "a malformed attribute")
        #expect(error("<a x=\"1\"y=\"2\"/>")?.message == "a malformed attribute")
        #expect(error("<a x=\"<\"/>")?.message == "a malformed attribute")
        #expect(error("<a>\u{1}</a>")?.message == "an invalid character")
        #expect(error("<1a/>")?.message == "a tag without a name")
        #expect(error("<a><!-- never closed")?.message == "the document ends inside a comment")
        #expect(error("<a")?.message == "the document ends inside a tag")
        #expect(error("<a x=\"1")?.message == "the document ends inside an attribute value")
        #expect(error("<!DOCTYPE a")?.message == "the document ends inside its DOCTYPE")
        let deep = String(repeating: "<e>", count: XMLElementScanner.maximumDepth + 1)
        #expect(error(deep)?.message == "elements nested deeper than \(XMLElementScanner.maximumDepth)")
        let fine = String(repeating: "<e>", count: XMLElementScanner.maximumDepth) + String(repeating: "</e>", count: XMLElementScanner.maximumDepth)
        #expect(error(fine) == nil)
    }

    @Test("a byte order mark before the prolog is allowed")
    func byteOrderMark() throws {
        #expect(try events([0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\"?><a/>".utf8)) == ["1:<a>", "</a>"])
    }

    @Test("random bytes and mutated reports never trap")
    func randomInput() {
        var generator = SeededGenerator(seed: 13)
        let seed = Array("<?xml version=\"1.0\"?><!DOCTYPE n><n a=\"1\"><h><s x='&amp;'/><!--c--><![CDATA[d]]></h></n>".utf8)
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int(generator.next() % 6) {
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: at)
                default: bytes.insert(seed[Int(generator.next() % UInt64(seed.count))], at: at)
                }
                if bytes.isEmpty { bytes = [0x3C] }
            }
            _ = try? events(bytes)
        }
    }
}

