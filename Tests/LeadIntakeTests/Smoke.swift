import Testing

@Test func LeadIntakeBuilds() {}
