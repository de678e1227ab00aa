import Foundation
import LeadCore
import LeadResearch
import Testing

/// Links that are not the company's: bylines and author boxes, embedded posts (as the networks
/// publish their embed code) and share widgets (`foreign_regions` in `rules/social.yaml`). Each page
/// also carries the company's own footer profiles, which must survive.
struct ForeignSocialRegionTests {
    static let rules: ResearchRules = try! ResearchRules(files: RuleFiles(directory: RulesFolder.url))

    /// A page of `body` whose footer lists the company's own LinkedIn and Facebook.
    static func page(_ body: String) -> String {
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Northwind Joinery – Blog</title></head>
        <body><header class="site-header"><a href="/">Northwind Joinery</a></header>
        <main id="content">\(body)</main>
        <footer class="site-footer"><ul class="social-links">
        <li><a href="https://www.linkedin.com/company/northwind-joinery/" target="_blank">LinkedIn</a></li>
        <li><a href="https://www.facebook.com/northwindjoinery" target="_blank">Facebook</a></li>
        </ul><p>© 2024 Northwind Joinery Ltd</p></footer></body></html>
        """
    }

    static func research(_ body: String) async -> CompanyProfile {
        await CompanyResearcher(source: OneBodySource(body: Array(page(body).utf8)), rules: rules).research(domain: "northwind-joinery.example")
    }

    static func expectOwnFooterProfiles(_ p: CompanyProfile) {
        #expect(p.social[.linkedin]?.value == "https://www.linkedin.com/company/northwind-joinery")
        #expect(p.social[.facebook]?.value == "https://www.facebook.com/northwindjoinery")
    }

    @Test func aWordPressAuthorBoxIsTheWritersNotTheCompanys() async {
        let p = await Self.research("""
        <article id="post-812" class="post-812 post type-post status-publish format-standard hentry category-news">
        <header class="entry-header"><h1 class="entry-title">Oak or walnut for a kitchen?</h1>
        <div class="entry-meta"><span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://northwind-joinery.example/author/sam/">Sam Carter</a></span></span></div></header>
        <div class="entry-content"><p>Both woods age well.</p></div>
        <div class="author-info"><div class="author-avatar"><img src="/wp-content/uploads/sam.jpg" alt=""></div>
        <div class="author-description"><h2 class="author-title">Sam Carter</h2>
        <p class="author-bio">Sam writes about timber and design.
        <a href="https://twitter.com/samcarterwood" target="_blank" rel="noopener">Twitter</a>
        <a href="https://www.instagram.com/sam.carter.wood/" target="_blank" rel="noopener">Instagram</a>
        <a href="https://www.linkedin.com/company/carter-studio/">Carter Studio</a></p></div></div>
        </article>
        """)
        #expect(p.social[.x] == nil)
        #expect(p.social[.instagram] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test func aRelAuthorLinkIsTheWritersEvenOutsideAnAuthorBox() async {
        let p = await Self.research("""
        <article><h1>Ten years of handmade stairs</h1>
        <p>Written by <a href="https://www.instagram.com/jo.meyer.makes/" rel="author noopener">Jo Meyer</a> on 3 March 2024.</p>
        <p>Our first staircase went to a farmhouse nearby.</p></article>
        """)
        #expect(p.social[.instagram] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test func aMediumAndANewsSiteBylineAreTheJournalists() async {
        let p = await Self.research("""
        <article><div class="pw-post-body"><h1 class="pw-post-title">Why small workshops win tenders</h1>
        <div class="speechify-ignore"><div class="pw-author"><a href="https://medium.com/@lucia.ferr" rel="noopener follow">Lucia Ferr</a>
        <a href="https://twitter.com/luciaferr">Follow</a></div></div></div></article>
        <section class="article__meta"><div class="c-byline"><span class="c-byline__item">By
        <a class="c-byline__author-name" href="/authors/tom-bell">Tom Bell</a></span>
        <a class="c-byline__social" href="https://x.com/tombell_news">@tombell_news</a></div>
        <div class="contributor-card"><a href="https://www.youtube.com/@tombellreports">Tom on YouTube</a></div></section>
        """)
        #expect(p.social[.x] == nil)
        #expect(p.social[.youtube] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test func anEmbeddedTweetIsTheAuthorsAccountAndItsMentions() async {
        // The embed code as publish.twitter.com hands it out.
        let p = await Self.research("""
        <p>What our customers say:</p>
        <blockquote class="twitter-tweet"><p lang="en" dir="ltr">Brilliant new stairs by <a href="https://twitter.com/greenhouse_arch?ref_src=twsrc%5Etfw">@greenhouse_arch</a> and the joiners <a href="https://twitter.com/hashtag/woodwork?src=hash&amp;ref_src=twsrc%5Etfw">#woodwork</a> <a href="https://t.co/x1Y2z3">pic.twitter.com/x1Y2z3</a></p>&mdash; Hannah Wells (@hannahwells) <a href="https://twitter.com/hannahwells/status/1763456789012345678?ref_src=twsrc%5Etfw">March 1, 2024</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
        """)
        #expect(p.social[.x] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test func anEmbeddedInstagramPostIsTheAccountThatPostedIt() async {
        // Instagram's embed code (abridged styles), with the "A post shared by" account link.
        let p = await Self.research("""
        <blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/C3kLm9xNq2a/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="14" style="background:#FFF; border:0; margin: 1px; max-width:540px;"><div style="padding:16px;"> <a href="https://www.instagram.com/p/C3kLm9xNq2a/?utm_source=ig_embed&amp;utm_campaign=loading" style="background:#FFFFFF; line-height:0;" target="_blank"> <div style="display: flex;">View this post on Instagram</div></a>
        <p style="color:#c9c8cd; font-family:Arial,sans-serif;"><a href="https://www.instagram.com/interiors.by.maya/?utm_source=ig_embed&amp;utm_campaign=loading" style="color:#c9c8cd;" target="_blank">A post shared by Maya Interiors (@interiors.by.maya)</a></p></div></blockquote>
        <script async src="//www.instagram.com/embed.js"></script>
        """)
        #expect(p.social[.instagram] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test func anEmbeddedTikTokAndFacebookPostAreOtherAccounts() async {
        let p = await Self.research("""
        <blockquote class="tiktok-embed" cite="https://www.tiktok.com/@chef.lina/video/7234567890123456789" data-video-id="7234567890123456789" style="max-width: 605px;min-width: 325px;"><section><a target="_blank" title="@chef.lina" href="https://www.tiktok.com/@chef.lina?refer=embed">@chef.lina</a> Our new oak table at work <a title="woodworking" target="_blank" href="https://www.tiktok.com/tag/woodworking?refer=embed">#woodworking</a> <a target="_blank" title="♬ original sound - Lina" href="https://www.tiktok.com/music/original-sound-7234567890?refer=embed">♬ original sound - Lina</a></section></blockquote> <script async src="https://www.tiktok.com/embed.js"></script>
        <div id="fb-root"></div>
        <div class="fb-post" data-href="https://www.facebook.com/oakandironcafe/posts/pfbid02abc" data-width="500" data-show-text="true"><blockquote cite="https://www.facebook.com/oakandironcafe/posts/pfbid02abc" class="fb-xfbml-parse-ignore"><p>Loving our new counter!</p>Posted by <a href="https://www.facebook.com/oakandironcafe">Oak &amp; Iron Café</a> on&nbsp;<a href="https://www.facebook.com/oakandironcafe/posts/pfbid02abc">Friday, 8 March 2024</a></blockquote></div>
        """)
        #expect(p.social[.tiktok] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test func shareWidgetsAndShareIntentsAreNeverProfiles() async {
        let p = await Self.research("""
        <article><h1>Our new workshop</h1><p>We moved to a larger hall.</p>
        <div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3>
        <ul><li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button share-icon" href="https://twitter.com/northwindnews" target="_blank"><span>X</span></a></li></ul></div></div>
        <div class="addthis_inline_share_toolbox"><a href="https://www.instagram.com/addthis.partner/">Instagram</a></div>
        <div class="post-share"><span>Share:</span>
        <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnorthwind-joinery.example%2Fworkshop">Facebook</a>
        <a href="https://twitter.com/intent/tweet?text=Our%20new%20workshop&amp;url=https%3A%2F%2Fnorthwind-joinery.example%2Fworkshop&amp;via=northwindnews">X</a>
        <a href="https://www.linkedin.com/shareArticle?mini=true&amp;url=https%3A%2F%2Fnorthwind-joinery.example%2Fworkshop">LinkedIn</a>
        <a href="https://www.youtube.com/@sharebuttonsdemo">YouTube</a></div></article>
        """)
        #expect(p.social[.x] == nil)
        #expect(p.social[.instagram] == nil)
        #expect(p.social[.youtube] == nil)
        Self.expectOwnFooterProfiles(p)
    }

    @Test(arguments: [
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.example",
        "https://www.facebook.com/sharer.php?u=https%3A%2F%2Facme.example",
        "https://www.facebook.com/dialog/share?app_id=123&href=https%3A%2F%2Facme.example",
        "https://twitter.com/intent/tweet?text=Hi&url=https%3A%2F%2Facme.example",
        "https://x.com/intent/post?text=Hi",
        "https://twitter.com/share?url=https%3A%2F%2Facme.example",
        "https://www.linkedin.com/shareArticle?mini=true&url=https%3A%2F%2Facme.example",
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.example",
    ])
    func shareIntentURLsAreNotProfiles(_ url: String) throws {
        #expect(try YAMLSocial.canonicalizer().canonical(url) == nil)
    }

    @Test func aCompanysOwnTimelineWidgetAndAShareholdersColumnStayTheCompanys() async {
        let p = await Self.research("""
        <section class="shareholders-info"><h2>Investors</h2><a href="https://www.youtube.com/@northwindjoinery">Annual meeting videos</a></section>
        <aside class="widget"><a class="twitter-timeline" href="https://twitter.com/northwindjoinery?ref_src=twsrc%5Etfw">Tweets by northwindjoinery</a></aside>
        """)
        #expect(p.social[.x]?.value == "https://x.com/northwindjoinery")
        #expect(p.social[.youtube]?.value == "https://www.youtube.com/@northwindjoinery")
        Self.expectOwnFooterProfiles(p)
    }

    @Test func themeFlagsOnTheBodyDoNotMakeTheWholePageForeign() async {
        // WordPress themes put "single-author", "hide_share_post_top", "wp-embed-responsive" on <body>.
        let html = Self.page("<p>Hello</p>").replacingOccurrences(
            of: "<body>", with: #"<body class="post-template-default single single-post single-author wp-embed-responsive has-mobile-share hide_share_post_top">"#)
        let p = await CompanyResearcher(source: OneBodySource(body: Array(html.utf8)), rules: Self.rules).research(domain: "northwind-joinery.example")
        Self.expectOwnFooterProfiles(p)
    }

    @Test func aShortOrSpacedMarkerIsRejectedByTheRulesCheck() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("social-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RulesFolder.url, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("social.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "    - byline\n", with: "    - by\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: LeadsmithError.self) { _ = try ResearchRules(files: RuleFiles(directory: dir)) }
    }
}
