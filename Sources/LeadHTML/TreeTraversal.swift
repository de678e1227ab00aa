internal import CLeadXML2

/// Iterative depth-first pre-order traversal over libxml2's tree, following `children`, `next` and
/// `parent` pointers: no recursion (a 100,000-level page cannot overflow the stack), no arrays.
enum TreeTraversal {
    /// Visits every node below `container`, starting at `firstChild`.
    ///
    /// - Parameters:
    ///   - firstChild: The container's first child.
    ///   - container: The node (or document) whose descendants are walked; the walk never climbs
    ///     above it.
    ///   - visit: Called for every node; only elements are descended into, and only on `.descend`.
    ///   - leave: Called when the walk leaves an element it descended into (after its last child).
    @inline(__always)
    static func forEach(
        firstChild: xmlNodePtr?,
        container: UnsafeMutableRawPointer,
        visit: (xmlNodePtr) -> HTMLWalkAction,
        leave: (xmlNodePtr) -> Void = { _ in }
    ) {
        guard var node = firstChild else { return }
        while true {
            let action = visit(node)
            if action == .stop { return }
            if action == .descend, node.pointee.type == XML_ELEMENT_NODE, let child = node.pointee.children {
                node = child
                continue
            }
            var current = node
            while true {
                if let next = current.pointee.next {
                    node = next
                    break
                }
                guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != container else { return }
                leave(parent)
                current = parent
            }
        }
    }
}
