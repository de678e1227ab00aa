import LeadCore

/// Filling a ``RawRecord`` from named JSON values (form fields, chat visitor attributes).
enum RecordFields {
    /// Adds `value` under `name`: to the canonical field `name` maps to (first non-empty value wins;
    /// later ones go to `extra`), to `sourceID`/`consent` for those special names, else to `extra`
    /// as `label`. `null` and empty strings are skipped. Arrays and objects are kept as JSON text and
    /// only fill the `tags` field (for others they go to `extra`).
    static func add(name: String, label: String, value: JSONValue, names: NameResolver, to r: inout RawRecord) {
        guard let text = value.fieldText, !text.isEmpty else { return }
        let container = FormSubmission.isContainer(value)
        switch names.canonical(name) {
        case "source_id"? where r.sourceID == nil && !container:
            r.sourceID = text
        case "consent"? where r.consent == nil && names.bool(value) != nil:
            r.consent = names.bool(value)
        case let canonical? where canonical != "source_id" && canonical != "consent" && (!container || canonical == "tags"):
            if let existing = r.fields[canonical], !existing.trimmingASCIIWhitespace().isEmpty {
                r.extra.append((label, text))
            } else {
                r.fields[canonical] = text
            }
        default:
            r.extra.append((label, text))
        }
    }
}
