import Foundation

/// Key figures written as two elements: a short value ("150+", "1998", "über 300") and the label
/// next to it ("employees", "Gründungsjahr") — `dt`/`dd`, `th`/`td`, stat cards, timelines.
enum LabelValuePairs {
    /// A value segment with its label, as text the prose parsers read.
    struct Pair: Equatable {
        /// `label : value` (the label as a `Label: value` line).
        var labelFirst: String
        /// Label and value in page order, joined by ` : ` ("1968 : The company is founded …").
        var readingOrder: String
    }

    /// Longest value segment (UTF-8 bytes) and label segment considered.
    static let valueLimit = 32
    static let labelLimit = 200

    /// Pairs each short numeric segment with the neighbour it shares the closest container with; on a
    /// tie a `dd`/`td` value takes the label before it, and any other value the label before it too.
    static func pairs(in segments: [TextSegment]) -> [Pair] {
        var out: [Pair] = []
        for (n, seg) in segments.enumerated() where isValue(seg.text) {
            func closeness(_ other: Int) -> Int? {
                guard other >= 0, other < segments.count else { return nil }
                let o = segments[other]
                guard o.text.utf8.count <= labelLimit, !isValue(o.text) else { return nil }
                if o.parent == seg.parent { return 1 }
                if o.parent == seg.grand || o.grand == seg.parent || (o.grand == seg.grand && o.grand >= 0) { return 2 }
                return nil
            }
            let before = closeness(n - 1)
            let after = closeness(n + 1)
            let label: Int
            switch (before, after) {
            case (nil, nil): continue
            case (let b?, nil): _ = b; label = n - 1
            case (nil, _?): label = n + 1
            case (let b?, let a?): label = a < b ? n + 1 : n - 1
            }
            let l = segments[label].text
            out.append(Pair(labelFirst: l + " : " + seg.text, readingOrder: label < n ? l + " : " + seg.text : seg.text + " : " + l))
        }
        return out
    }

    /// A short segment with a digit: "150+", "1,200", "über 300", "85 salariés", "1998".
    static func isValue(_ text: String) -> Bool {
        text.utf8.count <= valueLimit && text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }
}
