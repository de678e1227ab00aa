/// The dedupe index: persons in order of their first record, each with the spool locations of its
/// records, in flat arrays so a person costs tens of bytes whatever their address.
///
/// A dedupe key is kept as its 128-bit hash (two independent 64-bit FNV-1a variants over its UTF-8),
/// not as a string: two different keys collide with probability about n²/2¹²⁹ (10⁻²⁶ for a million
/// persons). Records of a person are a linked list through `records`; company domains are interned.
struct PersonIndex {
    /// A read-only view of one person.
    struct Person {
        var records: [RecordSpool.Location]
        /// The company domain of the person's first record that has one (before redirects).
        var domain: String?
        /// On the suppression list (found by a later record of the same address).
        var suppressed: Bool
    }

    struct KeyHash: Hashable {
        var a: UInt64
        var b: UInt64

        init(_ key: String) {
            var a: UInt64 = 0xCBF2_9CE4_8422_2325
            var b: UInt64 = 0x84222325CBF29CE4 ^ UInt64(key.utf8.count)
            for byte in key.utf8 {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                b = (b &+ UInt64(byte)) &* 0x9E37_79B9_7F4A_7C15
                b ^= b >> 29
            }
            self.a = a
            self.b = b
        }
    }

    /// One record: where it is in the spool and the next record of the same person (-1: none).
    private struct Entry {
        var offset: UInt64
        var length: UInt32
        var next: Int32
    }

    private struct Slot {
        var first: Int32
        var last: Int32
        var domain: Int32
        var suppressed: Bool
    }

    private var entries: [Entry] = []
    private var slots: [Slot] = []
    private var byKey: [KeyHash: Int32] = [:]
    private var suppressedKeys: Set<KeyHash> = []
    private var domainIDs: [String: Int32] = [:]
    private var domainNames: [String] = []
    private(set) var merged = 0

    /// Persons indexed so far.
    var count: Int { slots.count }

    /// Person `i` (in order of first record).
    func person(_ i: Int) -> Person {
        let s = slots[i]
        var locations: [RecordSpool.Location] = []
        var e = s.first
        while e >= 0 {
            let entry = entries[Int(e)]
            locations.append(RecordSpool.Location(offset: entry.offset, length: entry.length))
            e = entry.next
        }
        return Person(records: locations, domain: s.domain >= 0 ? domainNames[Int(s.domain)] : nil, suppressed: s.suppressed)
    }

    /// Whether records with this dedupe key are suppressed.
    func isSuppressed(_ key: String?) -> Bool {
        guard let key, !suppressedKeys.isEmpty else { return false }
        return suppressedKeys.contains(KeyHash(key))
    }

    /// Suppresses a dedupe key: later records are dropped and an indexed person is marked.
    mutating func suppress(key: String?) {
        guard let key else { return }
        let h = KeyHash(key)
        suppressedKeys.insert(h)
        if let i = byKey[h] { slots[Int(i)].suppressed = true }
    }

    /// Adds a record; returns `true` when it joined an existing person.
    @discardableResult
    mutating func add(key: String?, location: RecordSpool.Location, truncated: Bool, domain: String?) -> Bool {
        let e = Int32(entries.count)
        entries.append(Entry(offset: location.offset, length: location.length, next: -1))
        let h = key.map(KeyHash.init)
        if let h, let i = byKey[h] {
            let p = Int(i)
            entries[Int(slots[p].last)].next = e
            slots[p].last = e
            if slots[p].domain < 0 { slots[p].domain = intern(domain) }
            merged += 1
            return true
        }
        if let h { byKey[h] = Int32(slots.count) }
        slots.append(Slot(first: e, last: e, domain: intern(domain), suppressed: false))
        return false
    }

    /// The number of distinct company domains indexed so far (ids `0..<domainCount`, first-seen order).
    var domainCount: Int { domainNames.count }

    /// The company domain with an id below ``domainCount``.
    func domain(_ id: Int) -> String { domainNames[id] }

    private mutating func intern(_ domain: String?) -> Int32 {
        guard let domain else { return -1 }
        if let id = domainIDs[domain] { return id }
        let id = Int32(domainNames.count)
        domainIDs[domain] = id
        domainNames.append(domain)
        return id
    }
}
