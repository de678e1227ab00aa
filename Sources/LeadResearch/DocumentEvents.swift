import LeadHTML

/// Enter / text / leave events over an element subtree in document order, built on LeadHTML's
/// iterative ``HTMLNode/walk(includeComments:_:)``: no recursion and no child arrays.
///
/// The walk only visits elements, so the text between them is read from sibling links: the text
/// nodes before an element's first element child (``HTMLNode/previousSibling``), between its
/// element children and after the last one (``HTMLNode/nextSibling``). An element without element
/// children reports its ``HTMLNode/innerText`` (whitespace folded) as one text event. Text events
/// carry the UTF-8 bytes libxml2 holds (valid only during the call), so no `String` is made per node.
enum DocumentEvents {
    private struct Frame {
        var node: HTMLNode
        /// The last element child visited so far.
        var last: HTMLNode?
        /// Whether the element's content is reported (``enter`` returned `.descend`).
        var open: Bool
    }

    /// Walks `root` and its descendants.
    ///
    /// - Parameters:
    ///   - root: The subtree root (usually `<body>`); it gets enter and leave events too.
    ///   - enter: Called when an element starts; `.skipChildren` hides its content (no text or
    ///     element events inside) but it still gets its `leave`. `.stop` is treated as `.skipChildren`.
    ///   - text: Text between element boundaries as UTF-8, as written (not trimmed), never empty.
    ///   - leave: Called when an element ends, after its content.
    static func walk(
        _ root: HTMLNode,
        enter: (HTMLNode) -> HTMLWalkAction,
        text: (UnsafeBufferPointer<UInt8>) -> Void,
        leave: (HTMLNode) -> Void
    ) {
        var stack: [Frame] = []
        stack.reserveCapacity(64)

        func emitForward(from start: HTMLNode?, until stop: HTMLNode?) {
            var next = start
            while let node = next {
                if let stop, node == stop { return }
                switch node.kind {
                case .text, .cdata:
                    node.withContentBytes { if !$0.isEmpty { text($0) } }
                default:
                    break
                }
                next = node.nextSibling
            }
        }

        func emitBefore(_ node: HTMLNode) {
            // Text before the first element child: back to the first sibling, then forward in order.
            var first: HTMLNode?
            var previous = node.previousSibling
            while let p = previous {
                first = p
                previous = p.previousSibling
            }
            if let first { emitForward(from: first, until: node) }
        }

        func close() {
            let frame = stack.removeLast()
            if frame.open {
                if let last = frame.last {
                    emitForward(from: last.nextSibling, until: nil)
                } else {
                    frame.node.withInnerTextBytes { if !$0.isEmpty { text($0) } }
                }
            }
            leave(frame.node)
        }

        root.walk { node in
            if !stack.isEmpty {
                let parent = node.parent
                while stack.count > 1, let top = stack.last, top.node != parent { close() }
                if let last = stack[stack.count - 1].last {
                    emitForward(from: last.nextSibling, until: node)
                } else {
                    emitBefore(node)
                }
                stack[stack.count - 1].last = node
            }
            var action = enter(node)
            if action == .stop { action = .skipChildren }
            stack.append(Frame(node: node, last: nil, open: action == .descend))
            return action
        }
        while !stack.isEmpty { close() }
    }
}
