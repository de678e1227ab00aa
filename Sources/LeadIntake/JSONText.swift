public import LeadCore

/// One JSON text parsed the way intake reads JSON: key order kept, `true` apart from `1`.
public enum JSONText {
    /// The value of a complete JSON text, or `nil` when it is not exactly one valid JSON value.
    public static func parse(_ text: String) -> JSONValue? {
        let r = JSONParser.parseWhole(Array(text.utf8))
        return r.failure == nil ? r.value : nil
    }
}
