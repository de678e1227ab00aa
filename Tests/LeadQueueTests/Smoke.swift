import Testing

@Test func LeadQueueBuilds() {}
