import Testing

@Test func LeadQualifyBuilds() {}
