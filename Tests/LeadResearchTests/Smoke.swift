import Testing

@Test func LeadResearchBuilds() {}
