import Testing

@Test func LeadCoreBuilds() {}
