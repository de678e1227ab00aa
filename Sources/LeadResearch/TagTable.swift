import LeadHTML

/// What the page walk does with an element, found from libxml2's name bytes without building a
/// `String` or hashing one per element: every tag name that one of the walk's sets holds
/// (``PageScanner``'s block, heading, skipped and resource elements, ``TeamExtractor``'s skipped and
/// block elements, and the names the walk compares with) is in a fixed open-addressing table keyed by
/// the name's bytes (ASCII case folded). Any other tag is ``unknown``: no flag, no name — the walk
/// never needs the name of a tag outside its sets.
struct TagInfo {
    /// The lower-case tag name for a known tag, `""` for ``TagTable/unknown``.
    let name: String
    let flags: PageScanner.Flags
    /// In ``TeamExtractor/skipped``.
    let teamSkipped: Bool
    /// In ``TeamExtractor/blocks``.
    let teamBlock: Bool
}

enum TagTable {
    /// A tag outside every set.
    static let unknown = TagInfo(name: "", flags: [], teamSkipped: false, teamBlock: false)

    /// The names compared directly in the walk (besides the sets' members).
    private static let compared: [String] = ["a", "br", "body", "html", "main", "header", "footer", "nav", "address", "link", "img", "meta"]

    /// Names up to 16 bytes, packed little-endian into two words.
    private struct Key: Equatable {
        var low: UInt64
        var high: UInt64
    }

    private static let slotBits = 8
    private static let keys = built.keys
    private static let slots = built.slots
    private static let entries = built.entries
    /// Built once, on first use.
    private static let built: (keys: [Key], slots: [Int16], entries: [TagInfo]) = {
        var names = Set<String>(compared)
        names.formUnion(PageScanner.blockElements)
        names.formUnion(PageScanner.headings)
        names.formUnion(PageScanner.skipped)
        names.formUnion(PageScanner.resources)
        names.formUnion(TeamExtractor.skipped)
        names.formUnion(TeamExtractor.blocks)
        var keys = [Key](repeating: Key(low: 0, high: 0), count: 1 << slotBits)
        var slots = [Int16](repeating: -1, count: 1 << slotBits)
        var entries: [TagInfo] = []
        for name in names.sorted() {
            var bytes = Array(name.utf8)
            guard let key = bytes.withUnsafeMutableBufferPointer({ pack(UnsafeBufferPointer($0)) }) else {
                preconditionFailure("tag name longer than 16 bytes: \(name)")
            }
            var slot = index(key)
            while slots[slot] >= 0 { slot = (slot + 1) & ((1 << slotBits) - 1) }
            keys[slot] = key
            slots[slot] = Int16(entries.count)
            entries.append(TagInfo(name: name, flags: PageScanner.flags[name] ?? [],
                                   teamSkipped: TeamExtractor.skipped.contains(name), teamBlock: TeamExtractor.blocks.contains(name)))
        }
        return (keys, slots, entries)
    }()

    /// The bytes, ASCII-lower-cased, packed; `nil` when empty or longer than 16 bytes (no known tag is).
    @inline(__always)
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            let folded = UInt64(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            if i < 8 { low |= folded << (8 * UInt64(i)) } else { high |= folded << (8 * UInt64(i - 8)) }
        }
        return Key(low: low, high: high)
    }

    @inline(__always)
    private static func index(_ key: Key) -> Int {
        let mixed = (key.low ^ (key.high &* 0xFF51_AFD7_ED55_8CCD)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - slotBits))
    }

    /// What the walk knows about the element's tag.
    static func info(_ document: HTMLFlatDocument, _ element: Int) -> TagInfo {
        document.withNameBytes(element) { bytes in
            guard let key = pack(bytes) else { return unknown }
            var slot = index(key)
            while true {
                let entry = slots[slot]
                if entry < 0 { return unknown }
                if keys[slot] == key { return entries[Int(entry)] }
                slot = (slot + 1) & ((1 << slotBits) - 1)
            }
        }
    }
}
