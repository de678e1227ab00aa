import Testing

@Test func LeadHTMLBuilds() {}
