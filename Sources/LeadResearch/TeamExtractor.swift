import Foundation
import LeadCore
import LeadHTML

/// Reads the people listed on a team (or about) page: name and job title, from schema.org Person
/// data (JSON-LD `employee`/`member`/`founder`…, microdata) and from person cards in any layout.
///
/// A page is read as a list of text pieces (text between element boundaries). A piece that reads as
/// a person's name (``TeamRules/personName(_:)``) is a card's name; its card is the largest
/// enclosing element (up to a few levels) that holds no other name, and the title is the best
/// title-like piece in that card: one the title rules recognise, one marked `.role`/`.position`,
/// the one right after the name. Layouts without a card element (`<dt>`/`<dd>`, heading +
/// paragraph siblings) take the next piece. A single piece "Name – Title", "Name, Title",
/// "Name (Title)" or "Title: Name" is split.
struct TeamExtractor {
    let rules: TeamRules

    /// Elements whose text is never a person card (forms, navigation, scripts).
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select", "textarea",
        "nav", "form", "button", "label", "option", "footer", "blockquote", "q", "cite",
    ]
    /// Elements that start a new block of text (used to join "<span>Anna</span> <span>Meyer</span>").
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "header", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "blockquote", "address", "figure", "figcaption",
        "pre", "hr", "br", "img", "picture",
    ]

    struct Element {
        var parent: Int
        var pieceStart: Int
        var pieceEnd: Int
        var nameHint: Bool
        var titleHint: Bool
        var isBlock: Bool
        var hasBlock = false
    }

    struct Piece {
        var text: String
        var owner: Int
        var linkOnly = false
        var nameHint: Bool
        var titleHint: Bool
    }

    /// A schema.org Person item being read from microdata.
    struct PersonScope {
        var element: Int
        var isPerson: Bool
        var values: [String: String] = [:]
    }

    /// Everyone listed on the page, in page order (structured data first), one entry per name.
    ///
    /// - Parameters:
    ///   - markup: What the page walk collected (``TeamCollector``), if it ran one.
    ///   - url: The page URL, kept in each ``TeamMember``.
    ///   - jsonLD: The page's JSON-LD blocks.
    func members(markup: TeamCollector?, url: String, jsonLD: [String]) -> [TeamMember] {
        var out: [(String, String)] = []
        for block in jsonLD {
            guard let json = JSONLDExtractor.parse(block) else { continue }
            collectJSONLDPersons(json, into: &out, depth: 0)
        }
        if var markup {
            out += markup.found
            joinSplitNames(&markup.pieces, elements: markup.elements)
            out += cards(markup.pieces, elements: markup.elements)
        }
        var seen = Set<String>()
        var members: [TeamMember] = []
        for (name, title) in out where seen.insert(Self.nameKey(name)).inserted {
            members.append(TeamMember(name: name, title: title, url: url))
        }
        return members
    }

    /// The name as compared for duplicates (folded letters, single spaces).
    static func nameKey(_ s: String) -> String {
        TeamRules.fold(s).split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
    }

    // MARK: JSON-LD

    private func collectJSONLDPersons(_ json: Any, into out: inout [(String, String)], depth: Int) {
        guard depth < 10 else { return }
        if let array = json as? [Any] {
            for item in array { collectJSONLDPersons(item, into: &out, depth: depth + 1) }
            return
        }
        guard let dict = json as? [String: Any] else { return }
        let types: [String] = (dict["@type"] as? String).map { [$0] } ?? (dict["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
        if types.contains(where: { $0.lowercased() == "person" }) {
            var name = JSONLDExtractor.string(dict["name"])
            if name == nil, let given = JSONLDExtractor.string(dict["givenName"]), let family = JSONLDExtractor.string(dict["familyName"]) {
                name = given + " " + family
            }
            let title = JSONLDExtractor.string(dict["jobTitle"]) ?? JSONLDExtractor.string(dict["roleName"])
            if let name = name.map(Self.collapse), !name.isEmpty, let title = title.map(Self.collapse), !title.isEmpty {
                out.append((name, title))
            }
        }
        for key in dict.keys.sorted() where key != "@context" {
            if let value = dict[key], value is [Any] || value is [String: Any] {
                collectJSONLDPersons(value, into: &out, depth: depth + 1)
            }
        }
    }

    /// `<h3><span>Anna</span> <span>Meyer</span></h3>`: the one-word pieces of an element without
    /// block children become one piece when together they read as a name. The first piece takes
    /// the joined text, the others are emptied (indices stay valid for the element ranges).
    func joinSplitNames(_ pieces: inout [Piece], elements: [Element]) {
        var covered = 0
        for (index, e) in elements.enumerated() {
            let range = e.pieceStart..<e.pieceEnd
            guard range.lowerBound >= covered, range.count >= 2, range.count <= 4, !e.hasBlock else { continue }
            guard pieces[range].allSatisfy({ !$0.text.isEmpty && !$0.text.utf8.contains(0x20) }) else { continue }
            let joined = pieces[range].map(\.text).joined(separator: " ")
            guard rules.personName(joined) != nil else { continue }
            pieces[range.lowerBound] = Piece(text: joined, owner: index, nameHint: e.nameHint, titleHint: e.titleHint)
            for i in range.dropFirst() { pieces[i].text = "" }
            covered = range.upperBound
        }
    }

    func cards(_ pieces: [Piece], elements: [Element]) -> [(String, String)] {
        // Names; a name-shaped text marked as a role (`<p class="role">Office Assistant</p>`) is a title.
        var names: [Int: String] = [:]
        var isName = [Bool](repeating: false, count: pieces.count)
        for (i, p) in pieces.enumerated() where !p.text.isEmpty && !(p.titleHint && !p.nameHint) {
            if let n = rules.personName(p.text) {
                names[i] = n
                isName[i] = true
            }
        }
        var prefix = [Int](repeating: 0, count: pieces.count + 1)
        for i in pieces.indices { prefix[i + 1] = prefix[i] + (isName[i] ? 1 : 0) }
        func nameCount(_ e: Element) -> Int { prefix[e.pieceEnd] - prefix[e.pieceStart] }

        var out: [(String, String)] = []
        for (i, p) in pieces.enumerated() {
            guard let name = names[i] else {
                if !p.text.isEmpty, let pair = split(p.text) { out.append(pair) }
                continue
            }
            // The card: climb while the ancestor holds this name only and few pieces.
            var card = p.owner
            var steps = 0
            while steps < 6 {
                let parent = elements[card].parent
                guard parent >= 0, nameCount(elements[parent]) == 1,
                      elements[parent].pieceEnd - elements[parent].pieceStart <= 12 else { break }
                card = parent
                steps += 1
            }
            var candidates: [Int] = []
            let range = elements[card].pieceStart..<elements[card].pieceEnd
            candidates += range.filter { $0 > i && !pieces[$0].text.isEmpty }
            candidates += range.filter { $0 < i && !pieces[$0].text.isEmpty }.reversed()
            if candidates.allSatisfy({ isName[$0] || pieces[$0].linkOnly || rules.titleText(pieces[$0].text) == nil }) {
                // No card element: the next piece, when it comes before the next name in the same parent.
                let parent = elements[card].parent
                var next = i + 1
                while next < pieces.count, pieces[next].text.isEmpty { next += 1 }
                if next < pieces.count, !isName[next], parent >= 0, next < elements[parent].pieceEnd {
                    let owner = pieces[next].owner
                    if owner == parent || elements[owner].parent == parent { candidates = [next] }
                }
            }
            let following = candidates.first { $0 > i }
            var best: (score: Int, title: String)?
            for c in candidates where !isName[c] && !pieces[c].linkOnly {
                guard let title = rules.titleText(pieces[c].text) else { continue }
                var score = 0
                if rules.titles.recognizes(title) { score += 4 }
                if pieces[c].titleHint { score += 2 }
                if pieces[c].nameHint { score -= 2 }
                if c > i { score += 1 }
                if c == following { score += 1 }
                if best == nil || score > best!.score { best = (score, title) }
            }
            if let best { out.append((name, best.title)) }
        }
        return out
    }

    static let separators = [" – ", " — ", " - ", " | ", ", ", " · ", " • ", ": ", " / ", " ("]

    /// "Anna Meyer – CEO", "Anna Meyer, CEO", "Anna Meyer (CEO)", "Geschäftsführer: Anna Meyer".
    private func split(_ text: String) -> (String, String)? {
        guard text.utf8.count <= 160, text.utf8.contains(0x20) else { return nil }
        // Every separator holds one of these bytes ("-", "|", ",", ":", "/", "(", or starts "–—•·").
        guard text.utf8.contains(where: { [0x2D, 0x7C, 0x2C, 0x3A, 0x2F, 0x28, 0xE2, 0xC2].contains($0) }) else { return nil }
        for sep in Self.separators {
            guard let r = text.byteRange(of: sep) else { continue }
            let left = String(text[..<r.lowerBound]).trimmedSpace(newlines: false)
            var right = String(text[r.upperBound...]).trimmedSpace(newlines: false)
            if sep == " (" {
                guard right.hasSuffix(")") else { continue }
                right.removeLast()
            }
            if let name = rules.personName(left), let title = rules.titleText(right) { return (name, title) }
            if let name = rules.personName(right), rules.titles.recognizes(left), let title = rules.titleText(left) { return (name, title) }
        }
        return nil
    }

    /// Whitespace runs (NBSP included) folded to one space, trimmed.
    static func collapse(_ s: String) -> String {
        // Fast path: nothing to fold (no leading/trailing/double space, no tab, newline or other space).
        var clean = true
        var previous: UInt8 = 0x20
        for b in s.utf8 {
            if (b == 0x20 && previous == 0x20) || (b >= 0x09 && b <= 0x0D) || b == 0xC2 || (b >= 0xE1 && b <= 0xE3) {
                clean = false
                break
            }
            previous = b
        }
        if clean, previous != 0x20 { return s }
        // ASCII white space only: fold runs in bytes; other spaces (NBSP, U+2003…) take the scalar path.
        if !s.utf8.contains(where: { $0 == 0xC2 || ($0 >= 0xE1 && $0 <= 0xE3) }) {
            return s.collapsingASCIIWhitespaceRuns()
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pending = false
        for c in s.unicodeScalars {
            if c.properties.isWhitespace || c == "\u{00A0}" {
                pending = !out.isEmpty
                continue
            }
            if pending { out.unicodeScalars.append(" "); pending = false }
            out.unicodeScalars.append(c)
        }
        return out
    }
}

/// Collects a page's text pieces and element structure for ``TeamExtractor`` from the page walk's
/// events (``PageScanner`` feeds it while it scans, so team pages are walked once).
struct TeamCollector {
    let rules: TeamRules
    var elements: [TeamExtractor.Element] = []
    var pieces: [TeamExtractor.Piece] = []
    /// People from schema.org Person microdata.
    var found: [(String, String)] = []
    private var stack: [Int] = []
    private var scopes: [TeamExtractor.PersonScope] = []
    /// Depth inside a skipped subtree (navigation, forms, quotes): its events are ignored.
    private var suppressed = 0

    init(rules: TeamRules) {
        self.rules = rules
    }

    /// An element starts.
    mutating func enter(_ node: Int, in doc: HTMLFlatDocument, tag: TagInfo, attributes: PageScanner.ElementAttributes) {
        if suppressed > 0 {
            suppressed += 1
            return
        }
        let parent = stack.last ?? -1
        let cls = attributes.cls, itemprop = attributes.itemprop, itemtype = attributes.itemtype, content = attributes.content
        let hasScope = attributes.itemscope
        let classHints = cls.map { rules.hints($0) }
        if tag.teamSkipped || classHints?.skip == true {
            elements.append(.init(parent: parent, pieceStart: pieces.count, pieceEnd: pieces.count, nameHint: false,
                                  titleHint: false, isBlock: true))
            stack.append(elements.count - 1)
            suppressed = 1
            return
        }
        var hint = (name: classHints?.name ?? false, title: classHints?.title ?? false)
        if let itemprop, !itemprop.isEmpty {
            let h = rules.hints(itemprop)
            hint.name = hint.name || h.name
            hint.title = hint.title || h.title
        }
        let isBlock = tag.teamBlock
        if parent >= 0, !isBlock {
            // Inline elements inherit their parent's mark (`<p class="role"><span>CEO</span></p>`).
            hint.name = hint.name || elements[parent].nameHint
            hint.title = hint.title || elements[parent].titleHint
        }
        elements.append(.init(parent: parent, pieceStart: pieces.count, pieceEnd: pieces.count, nameHint: hint.name,
                              titleHint: hint.title, isBlock: isBlock))
        let index = elements.count - 1
        stack.append(index)
        // Microdata: a property belongs to the innermost item scope that this element does not open.
        if let prop = itemprop?.lowercased(), let top = scopes.indices.last, scopes[top].isPerson {
            for p in prop.split(separator: " ") where ["name", "givenname", "familyname", "jobtitle", "rolename"].contains(String(p)) {
                let value = content ?? doc.innerText(of: node)
                if scopes[top].values[String(p)] == nil { scopes[top].values[String(p)] = TeamExtractor.collapse(value) }
            }
        }
        if hasScope {
            let type = itemtype?.lowercased() ?? ""
            scopes.append(.init(element: index, isPerson: type.hasSuffix("/person") || type == "person"))
        }
    }

    /// Text between element boundaries.
    mutating func text(_ raw: String) {
        guard suppressed == 0 else { return }
        let t = TeamExtractor.collapse(raw)
        guard !t.isEmpty, let owner = stack.last else { return }
        let e = elements[owner]
        pieces.append(.init(text: t, owner: owner, nameHint: e.nameHint, titleHint: e.titleHint))
    }

    /// An element ends.
    mutating func leave(_ node: Int, in doc: HTMLFlatDocument) {
        if suppressed > 1 {
            suppressed -= 1
            return
        }
        suppressed = 0
        guard let index = stack.popLast() else { return }
        elements[index].pieceEnd = pieces.count
        let parent = elements[index].parent
        if parent >= 0 { elements[parent].hasBlock = elements[parent].hasBlock || elements[index].isBlock || elements[index].hasBlock }
        if doc.isElement(node, named: "a"), elements[index].pieceEnd - elements[index].pieceStart == 1 {
            pieces[elements[index].pieceStart].linkOnly = true
        }
        if let last = scopes.last, last.element == index {
            scopes.removeLast()
            if last.isPerson {
                let v = last.values
                let name = v["name"] ?? [v["givenname"], v["familyname"]].compactMap { $0 }.joined(separator: " ")
                if let title = v["jobtitle"] ?? v["rolename"], !name.isEmpty, !title.isEmpty { found.append((name, title)) }
            }
        }
    }
}
