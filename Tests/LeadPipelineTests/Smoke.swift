import Testing

@Test func LeadPipelineBuilds() {}
