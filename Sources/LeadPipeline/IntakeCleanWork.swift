import Foundation
import LeadCore
import LeadHandoff
import LeadIntake

/// Step 2 for a batch of raw records, free of shared state so batches run on all cores: clean each
/// record, check it against the suppression list and encode it for the spool.
struct IntakeCleanWork: Sendable {
    /// One record's result, in the batch's order.
    struct Cleaned: Sendable {
        var record: CleanRecord
        /// On the suppression list (its address or one of its domains).
        var listed: Bool
        /// The spool bytes (``SpoolCodec``).
        var data: [UInt8]
    }

    let stages: LeadStages
    let suppression: SuppressionList?

    func clean(_ raws: [RawRecord]) -> [Cleaned] {
        raws.map { raw in
            let record = stages.clean(raw)
            let listed = suppression.map { LeadStages.isSuppressed(record, by: $0) } ?? false
            return Cleaned(record: record, listed: listed, data: RecordSpool.encode(record))
        }
    }
}
