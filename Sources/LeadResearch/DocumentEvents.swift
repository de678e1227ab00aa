import LeadHTML

/// Enter / text / leave events over an element subtree of an ``HTMLFlatDocument`` in document
/// order, in one forward pass over its nodes: no recursion and no child arrays.
///
/// Text is reported as libxml2's tree holds it: the text nodes before an element's first element
/// child, between its element children and after the last one, one event each; an element without
/// element children reports its ``HTMLFlatDocument/innerText(of:)`` (whitespace folded) as one text
/// event. Text events carry the document's UTF-8 bytes (valid only during the call), so no
/// `String` is made per node.
enum DocumentEvents {
    private struct Frame {
        var element: Int
        var end: Int
        /// Whether an element child has been seen (the element is not a leaf).
        var hasElementChild: Bool
    }

    /// Walks `root` and its descendants.
    ///
    /// - Parameters:
    ///   - document: The page.
    ///   - root: The subtree root (usually `<body>`); it gets enter and leave events too.
    ///   - enter: Called when an element starts; `.skipChildren` hides its content (no text or
    ///     element events inside) but it still gets its `leave`. `.stop` is treated as `.skipChildren`.
    ///   - text: Text between element boundaries as UTF-8, as written (not trimmed), never empty.
    ///   - leave: Called when an element ends, after its content.
    static func walk(
        _ document: HTMLFlatDocument,
        root: Int,
        enter: (Int) -> HTMLWalkAction,
        text: (UnsafeBufferPointer<UInt8>) -> Void,
        leave: (Int) -> Void
    ) {
        guard document.kind(root) == .element else { return }
        var stack: [Frame] = []
        stack.reserveCapacity(64)

        func emitRaw(_ index: Int) {
            document.withTextBytes(index) { if !$0.isEmpty { text($0) } }
        }

        func close() {
            let frame = stack.removeLast()
            if !frame.hasElementChild {
                document.withInnerTextBytes(of: frame.element) { if !$0.isEmpty { text($0) } }
            }
            leave(frame.element)
        }

        if enter(root) != .descend {
            leave(root)
            return
        }
        stack.append(Frame(element: root, end: document.end(of: root), hasElementChild: false))
        var index = root + 1
        while true {
            while let top = stack.last, index >= top.end { close() }
            guard !stack.isEmpty else { return }
            if document.kind(index) != .element {
                // A leaf's text is reported folded when it closes.
                if stack[stack.count - 1].hasElementChild { emitRaw(index) }
                index += 1
                continue
            }
            let top = stack.count - 1
            if !stack[top].hasElementChild {
                stack[top].hasElementChild = true
                // The text before the first element child: the nodes between the parent and it.
                for before in (stack[top].element + 1)..<index { emitRaw(before) }
            }
            if enter(index) == .descend {
                stack.append(Frame(element: index, end: document.end(of: index), hasElementChild: false))
                index += 1
            } else {
                leave(index)
                index = document.end(of: index)
            }
        }
    }
}
