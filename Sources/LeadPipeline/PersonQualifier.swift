import LeadCore
import LeadQualify

/// Step 6 for one person: BANT from what they said, then ICP fit, score, grade and status by the rules.
struct PersonQualifier: Sendable {
    let bant: BANTExtractor
    let qualifier: Qualifier

    /// BANT per record (each against its own timestamp); for each letter the first record that states it wins.
    func statedBANT(_ person: MergedPerson) -> BANT {
        var merged: BANT? = nil
        for record in person.records where !record.statements.isEmpty {
            let b = bant.extract(texts: record.statements, referenceDate: record.timestamp)
            guard var m = merged else {
                merged = b
                continue
            }
            if m.budget == nil { m.budget = b.budget }
            if m.authority.level == .unknown { m.authority = b.authority }
            if m.need == nil { m.need = b.need }
            if m.timeline == nil { m.timeline = b.timeline }
            m.supportConversation = m.supportConversation && b.supportConversation
            merged = m
        }
        return merged ?? bant.extract(texts: [], referenceDate: nil)
    }

    func qualify(_ person: MergedPerson, base: LeadJSON.Base) -> Qualification {
        qualifier.qualify(lead: base.qualifierInput, bant: statedBANT(person))
    }
}
