import LeadCore
import LeadQualify

/// Step 6 for one person: BANT from what they said, then ICP fit, score, grade and status by the rules.
struct PersonQualifier: Sendable {
    let bant: BANTExtractor
    let qualifier: Qualifier

    /// BANT per record, each against its own timestamp; for each letter the first record that states it wins.
    func statedBANT(_ person: MergedPerson) -> BANT {
        BANT.merging(person.records.filter { !$0.statements.isEmpty }.map {
            bant.extract(texts: $0.statements, referenceDate: $0.timestamp)
        })
    }

    func qualify(_ person: MergedPerson, base: LeadJSON.Base) -> Qualification {
        qualifier.qualify(lead: base.qualifierInput, bant: statedBANT(person))
    }
}
