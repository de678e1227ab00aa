/// What a tree walk does after visiting a node.
public enum HTMLWalkAction: Sendable {
    /// Go on into the node's children.
    case descend
    /// Do not visit the node's descendants (e.g. `<script>`, `<style>`); go on with its next sibling.
    case skipChildren
    /// End the walk.
    case stop
}
