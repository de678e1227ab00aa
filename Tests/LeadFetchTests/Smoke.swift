import Testing

@Test func LeadFetchBuilds() {}
