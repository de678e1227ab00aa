/// leadsmith's release version: `leadsmith --version`, the `User-Agent` of live research.
public enum LeadsmithVersion {
    /// The version string (semantic versioning).
    public static let current = "0.1.0"
}
