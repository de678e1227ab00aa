import Foundation
public import LeadCore

/// Renders a `leadsmith/report@1` JSON document as one self-contained HTML page: inline CSS and
/// SVG, no scripts, no network. Every chart has a table with the same numbers behind it.
///
/// The page is a pure rendering of the JSON: every number on it is read from the report, and the
/// element showing it carries the JSON path it came from (`data-path`, with `data-format` for
/// percentages and hours), so a test can check each one. The markup is well-formed XML (XHTML
/// serialisation), so an XML parser reads it without errors.
public enum ReportHTML {
    /// The whole page.
    public static func page(_ report: JSONValue) -> String {
        var h = HTMLBuilder(report: report)
        h.document()
        return h.out
    }
}

/// How a number is shown.
enum NumberFormat: String {
    case int, percent, days, ms

    func text(_ v: JSONValue?) -> String {
        switch self {
        case .int: return v?.intValue.map(String.init) ?? (v?.doubleValue.map { String($0) } ?? "0")
        case .percent: return String(format: "%.1f%%", (v?.doubleValue ?? 0) * 100)
        case .days: return String(format: "%.1f d", (v?.doubleValue ?? 0) / 24)
        case .ms: return "\(v?.intValue ?? 0) ms"
        }
    }
}

struct HTMLBuilder {
    let report: JSONValue
    var out = ""
    var figureCount = 0

    init(report: JSONValue) { self.report = report }

    static func esc(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            default: r.append(c)
            }
        }
        return r
    }

    /// A number element: `<tag data-path=… data-format=…>text</tag>`.
    func num(_ path: String, _ format: NumberFormat = .int, tag: String = "span") -> String {
        let v = report.pointer(path)
        return "<\(tag) data-path=\"\(Self.esc(path))\" data-format=\"\(format.rawValue)\">\(Self.esc(format.text(v)))</\(tag)>"
    }

    /// A label that is a key of a JSON object (an age range).
    func key(_ k: String, tag: String = "span") -> String {
        "<\(tag) data-key=\"\(Self.esc(k))\">\(Self.esc(k))</\(tag)>"
    }

    /// A text element copied from a JSON string.
    func str(_ path: String, tag: String = "span") -> String {
        "<\(tag) data-text=\"\(Self.esc(path))\">\(Self.esc(report.pointer(path)?.text ?? ""))</\(tag)>"
    }

    mutating func w(_ s: String) { out += s }

    static let css = """
    :root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#ffffff;--panel:#f6f8fa;--q:#1a7f37;--n:#bf8700;--d:#cf222e;--r:#6e7781;--a:#0969da;--b:#8250df}
    *{box-sizing:border-box}
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:1100px;padding:24px}
    h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:0 0 8px}h3.small{font-size:1em;margin:4px 0}
    .meta{color:var(--muted);margin:0 0 16px}
    .kpis{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 20px;padding:0;list-style:none}
    .kpis li{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:120px}
    .kpis b{display:block;font-size:1.5em}
    section{margin:0 0 28px}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
    .grid>div{min-width:0}
    .grid{align-items:start}
    figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:12px}
    figure:focus{outline:3px solid var(--a);outline-offset:2px}
    figcaption{font-weight:600;margin:0 0 6px}
    svg{display:block;max-width:100%;height:auto}
    svg text{font-size:12px;fill:var(--ink)}
    .bar{fill:var(--a)}.s-records{fill:#8c959f}.s-valid_email{fill:#54aeff}.s-researched{fill:var(--a)}
    .s-qualified{fill:var(--q)}.s-nurture{fill:var(--n)}.s-disqualified{fill:var(--d)}.s-rejected{fill:var(--r)}.s-suppressed{fill:#a475f9}
    .m0{fill:#0969da}.m1{fill:#1a7f37}.m2{fill:#bf8700}.m3{fill:#8250df}.m4{fill:#cf222e}.m5{fill:#57606a}.m6{fill:#1b7c83}.m7{fill:#953800}
    .key{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0 0;padding:0;list-style:none;font-size:12px;color:var(--muted)}
    .key i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px;border-radius:2px}
    .k-m0{background:#0969da}.k-m1{background:#1a7f37}.k-m2{background:#bf8700}.k-m3{background:#8250df}.k-m4{background:#cf222e}.k-m5{background:#57606a}.k-m6{background:#1b7c83}.k-m7{background:#953800}
    table{border-collapse:collapse;width:100%;margin:10px 0 0;font-size:13px;background:var(--bg)}
    caption{text-align:left;color:var(--muted);font-size:12px;padding:0 0 4px}
    th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    thead th{background:var(--panel)}
    .empty{color:var(--muted);font-style:italic}
    @media print{body{max-width:none;padding:0;font-size:11px}figure{break-inside:avoid;background:#fff}section{break-inside:avoid-page}.kpis li{border-color:#999}a{color:inherit}}
    @media (prefers-color-scheme:dark){:root{--ink:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--panel:#151b23}}
    """

    mutating func document() {
        w("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>leadsmith run report</title>\n")
        w("<style>\n\(Self.css)\n</style>\n</head>\n<body>\n<main>\n")
        w("<h1>leadsmith run report</h1>\n")
        w("<p class=\"meta\">Run at \(str("run/at")) · rules version \(str("run/rules_version"))</p>\n")
        w("<ul class=\"kpis\" aria-label=\"Record accounting\">")
        for (label, key) in [("records in", "in"), ("leads", "leads"), ("rejects", "rejects"), ("merged", "merged"),
                             ("suppressed", "suppressed"), ("written", "written")] {
            w("<li><b>\(num("counts/" + key))</b>\(label)</li>")
        }
        w("</ul>\n")
        funnel()
        scores()
        reasons()
        fill()
        ages()
        sitesAndTimings()
        w("</main>\n</body>\n</html>\n")
    }

    mutating func figureOpen(_ title: String) -> String {
        figureCount += 1
        let id = "fig\(figureCount)"
        w("<figure tabindex=\"0\" aria-labelledby=\"\(id)\">\n<figcaption id=\"\(id)\">\(Self.esc(title))</figcaption>\n")
        return id
    }

    /// A horizontal bar chart: one row per item.
    mutating func bars(_ title: String, rows: [(label: String, path: String, cls: String)], format: NumberFormat = .int, maxValue: Double? = nil,
                       compact: Bool = false, labelPaths: [String]? = nil) {
        let values = rows.map { report.pointer($0.path)?.doubleValue ?? 0 }
        let top = max(maxValue ?? (values.max() ?? 0), 1e-9)
        let rowH = 22, labelW = compact ? 150 : 170, chartW = compact ? 130 : 260, valueW = compact ? 40 : 80
        let height = max(1, rows.count) * rowH + 6
        w("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelW + chartW + valueW)\" height=\"\(height)\" viewBox=\"0 0 \(labelW + chartW + valueW) \(height)\" role=\"img\" aria-label=\"\(Self.esc(title)), bar chart; the table below has the numbers\">")
        for (i, row) in rows.enumerated() {
            let y = i * rowH + 4
            let width = values[i] <= 0 ? 0 : max(1, Int((values[i] / top * Double(chartW)).rounded()))
            if let lp = labelPaths?[i] {
                // A label read from the report (a rule id, a reason code) names its JSON path too.
                w("<text x=\"\(labelW - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(str(lp, tag: "tspan"))</text>")
            } else {
                w("<text x=\"\(labelW - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(Self.esc(Self.short(row.label)))</text>")
            }
            w("<rect class=\"\(row.cls)\" x=\"\(labelW)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"\(rowH - 6)\" rx=\"2\"/>")
            w("<text x=\"\(labelW + width + 4)\" y=\"\(y + 14)\">\(num(row.path, format, tag: "tspan"))</text>")
        }
        if rows.isEmpty { w("<text x=\"6\" y=\"16\">none</text>") }
        w("</svg>\n")
    }

    static func short(_ s: String) -> String { s.count > 26 ? String(s.prefix(25)) + "…" : s }

    /// A table: header cells and rows of already-rendered cells (first cell is the row header).
    mutating func table(_ caption: String, headers: [String], rows: [[String]]) {
        w("<table>\n<caption>\(Self.esc(caption))</caption>\n<thead><tr>")
        // A header that is already markup (starts with `<`) is used as is.
        for (i, h) in headers.enumerated() {
            w("<th scope=\"col\"\(i > 0 ? " class=\"n\"" : "")>\(h.hasPrefix("<") ? h : Self.esc(h))</th>")
        }
        w("</tr></thead>\n<tbody>\n")
        if rows.isEmpty {
            w("<tr><td class=\"empty\" colspan=\"\(headers.count)\">none</td></tr>\n")
        }
        for r in rows {
            w("<tr>")
            for (i, c) in r.enumerated() {
                w(i == 0 ? "<th scope=\"row\">\(c)</th>" : "<td class=\"n\">\(c)</td>")
            }
            w("</tr>\n")
        }
        w("</tbody>\n</table>\n")
    }

    static let funnelStages: [(key: String, label: String)] = [
        ("records", "records"), ("valid_email", "valid e-mail"), ("researched", "researched company"),
        ("qualified", "qualified"), ("nurture", "nurture"), ("disqualified", "disqualified"), ("rejected", "rejected"),
        ("suppressed", "suppressed"),
    ]

    mutating func funnel() {
        let sources = report["funnel"]?.pairs.map(\.0) ?? []
        w("<section aria-labelledby=\"h-funnel\">\n<h2 id=\"h-funnel\">Funnel per source</h2>\n")
        _ = figureOpen("Records → valid e-mail → researched company → qualified / nurture / disqualified / rejected, per source")
        w("<div class=\"grid\">\n")
        for src in sources {
            w("<div><h3 class=\"small\">\(Self.esc(src))</h3>\n")
            bars("Funnel of \(src)", rows: Self.funnelStages.map { ($0.label, "funnel/\(src)/\($0.key)", "s-\($0.key)") }, compact: true)
            w("</div>\n")
        }
        w("</div>\n")
        table("Funnel per source (records = leads + merged + rejected + suppressed)",
              headers: ["source"] + Self.funnelStages.map(\.label) + ["merged"],
              rows: sources.map { src in
                  [Self.esc(src)] + Self.funnelStages.map { num("funnel/\(src)/\($0.key)") } + [num("funnel/\(src)/merged")]
              })
        w("</figure>\n")
        _ = figureOpen("Conversion to qualified per source (qualified ÷ records)")
        bars("Conversion to qualified", rows: sources.map { ($0, "funnel/\($0)/conversion", "s-qualified") }, format: .percent, maxValue: 1)
        table("Conversion to qualified per source", headers: ["source", "records", "qualified", "conversion"],
              rows: sources.map { src in
                  [Self.esc(src), num("funnel/\(src)/records"), num("funnel/\(src)/qualified"), num("funnel/\(src)/conversion", .percent)]
              })
        w("</figure>\n</section>\n")
    }

    mutating func scores() {
        w("<section aria-labelledby=\"h-scores\">\n<h2 id=\"h-scores\">Scores and grades</h2>\n<div class=\"grid\">\n")
        let buckets = report["score_histogram"]?.items ?? []
        _ = figureOpen("Score histogram (leads per ten-point range)")
        let counts = buckets.map { $0["leads"]?.doubleValue ?? 0 }
        let top = max(counts.max() ?? 0, 1)
        let colW = 36, chartH = 150
        w("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(buckets.count * colW + 10)\" height=\"\(chartH + 40)\" viewBox=\"0 0 \(buckets.count * colW + 10) \(chartH + 40)\" role=\"img\" aria-label=\"Score histogram; the table below has the numbers\">")
        for (i, _) in buckets.enumerated() {
            let h = counts[i] <= 0 ? 0 : max(1, Int((counts[i] / top * Double(chartH - 20)).rounded()))
            let x = i * colW + 6
            w("<rect class=\"bar\" x=\"\(x)\" y=\"\(chartH - h)\" width=\"\(colW - 6)\" height=\"\(h)\" rx=\"2\"/>")
            w("<text x=\"\(x + (colW - 6) / 2)\" y=\"\(chartH - h - 4)\" text-anchor=\"middle\">\(num("score_histogram/\(i)/leads", tag: "tspan"))</text>")
            w("<text x=\"\(x + (colW - 6) / 2)\" y=\"\(chartH + 16)\" text-anchor=\"middle\">\(num("score_histogram/\(i)/from", tag: "tspan"))</text>")
        }
        w("<text x=\"6\" y=\"\(chartH + 34)\">lowest score of each ten-point range</text>")
        w("</svg>\n")
        table("Leads per score range", headers: ["score", "leads"], rows: buckets.indices.map { i in
            ["\(num("score_histogram/\(i)/from"))–\(num("score_histogram/\(i)/to"))", num("score_histogram/\(i)/leads")]
        })
        w("</figure>\n")
        let grades = report["grades"]?.pairs.map(\.0) ?? []
        _ = figureOpen("Grade split")
        bars("Leads per grade", rows: grades.enumerated().map { ("grade \($1)", "grades/\($1)", "m\($0 % 8)") })
        table("Leads per grade", headers: ["grade", "leads"], rows: grades.map { [Self.esc($0), num("grades/\($0)")] })
        w("</figure>\n</div>\n</section>\n")
    }

    mutating func reasons() {
        w("<section aria-labelledby=\"h-reasons\">\n<h2 id=\"h-reasons\">Why leads drop out</h2>\n<div class=\"grid\">\n")
        let dq = report["disqualification_reasons"]?.items ?? []
        _ = figureOpen("Top disqualification reasons")
        bars("Disqualified leads per rule", rows: dq.indices.map { (dq[$0]["rule"]?.text ?? "", "disqualification_reasons/\($0)/leads", "s-disqualified") },
             labelPaths: dq.indices.map { "disqualification_reasons/\($0)/rule" })
        table("Disqualified leads per hard disqualifier", headers: ["rule", "leads"],
              rows: dq.indices.map { [str("disqualification_reasons/\($0)/rule"), num("disqualification_reasons/\($0)/leads")] })
        w("</figure>\n")
        let rj = report["reject_reasons_top"]?.items ?? []
        _ = figureOpen("Top reject reasons")
        bars("Rejected records per reason", rows: rj.indices.map { (rj[$0]["reason_code"]?.text ?? "", "reject_reasons_top/\($0)/count", "s-rejected") },
             labelPaths: rj.indices.map { "reject_reasons_top/\($0)/reason_code" })
        table("Rejected records per reason, with the first examples (file:line, record)", headers: ["reason", "records", "first examples"],
              rows: rj.indices.map { i in
                  let ex = (rj[i]["examples"]?.items ?? []).indices.map { j in
                      "\(str("reject_reasons_top/\(i)/examples/\(j)/file")):\(num("reject_reasons_top/\(i)/examples/\(j)/line")) (record \(num("reject_reasons_top/\(i)/examples/\(j)/record")))"
                  }.joined(separator: "<br/>")
                  return [str("reject_reasons_top/\(i)/reason_code"), num("reject_reasons_top/\(i)/count"), ex]
              })
        w("</figure>\n</div>\n</section>\n")
    }

    mutating func fill() {
        let fields = report["fill"]?.pairs ?? []
        var methods: [String] = []
        for (_, f) in fields { for (m, _) in f["by_method"]?.pairs ?? [] where !methods.contains(m) { methods.append(m) } }
        methods.sort()
        let leads = Double(report.pointer("counts/leads")?.intValue ?? 0)
        w("<section aria-labelledby=\"h-fill\">\n<h2 id=\"h-fill\">Field fill rates by method</h2>\n")
        _ = figureOpen("Share of leads with a value, split by how it was found")
        let rowH = 20, labelW = 170, chartW = 520
        w("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelW + chartW + 70)\" height=\"\(fields.count * rowH + 8)\" viewBox=\"0 0 \(labelW + chartW + 70) \(fields.count * rowH + 8)\" role=\"img\" aria-label=\"Fill rate per field as stacked bars by method; the table below has the numbers\">")
        for (i, (field, f)) in fields.enumerated() {
            let y = i * rowH + 4
            w("<text x=\"\(labelW - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(Self.esc(field))</text>")
            w("<rect x=\"\(labelW)\" y=\"\(y + 2)\" width=\"\(chartW)\" height=\"\(rowH - 6)\" fill=\"none\" stroke=\"#d0d7de\"/>")
            var x = Double(labelW)
            for (m, v) in f["by_method"]?.pairs ?? [] {
                let share = leads == 0 ? 0 : (v.doubleValue ?? 0) / leads
                let width = share * Double(chartW)
                let cls = "m\((methods.firstIndex(of: m) ?? 0) % 8)"
                w("<rect class=\"\(cls)\" x=\"\(Int(x.rounded()))\" y=\"\(y + 2)\" width=\"\(max(0, Int(width.rounded())))\" height=\"\(rowH - 6)\"><title>\(Self.esc(field)) \(Self.esc(m))</title></rect>")
                x += width
            }
            w("<text x=\"\(labelW + chartW + 6)\" y=\"\(y + 13)\">\(num("fill/\(field)/rate", .percent, tag: "tspan"))</text>")
        }
        w("</svg>\n<ul class=\"key\" aria-label=\"Methods\">")
        for (i, m) in methods.enumerated() { w("<li><i class=\"k-m\(i % 8)\"></i>\(Self.esc(m))</li>") }
        w("</ul>\n")
        table("Leads with a value per field and method (json-ld, microdata, opengraph, meta, text, link, header: from the company site; input: from the record; derived: computed by leadsmith)",
              headers: ["field", "fill rate", "leads"] + methods,
              rows: fields.map { field, f in
                  let byMethod = Set(f["by_method"]?.pairs.map(\.0) ?? [])
                  return [Self.esc(field), num("fill/\(field)/rate", .percent), num("fill/\(field)/filled")]
                      + methods.map { byMethod.contains($0) ? num("fill/\(field)/by_method/\($0)") : "–" }
              })
        w("</figure>\n</section>\n")
    }

    mutating func ages() {
        let sources = report["lead_age"]?.pairs ?? []
        let labels = HandoffStats.ageBuckets.map(\.label)
        w("<section aria-labelledby=\"h-age\">\n<h2 id=\"h-age\">Lead age at hand-off</h2>\n")
        _ = figureOpen("Time from the record's own timestamp to this run, per source")
        let rowH = 24, labelW = 120, chartW = 560
        w("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelW + chartW + 10)\" height=\"\(sources.count * rowH + 8)\" viewBox=\"0 0 \(labelW + chartW + 10) \(sources.count * rowH + 8)\" role=\"img\" aria-label=\"Lead age per source as stacked bars; the table below has the numbers\">")
        for (i, (src, a)) in sources.enumerated() {
            let y = i * rowH + 4
            let total = Double(a["leads"]?.intValue ?? 0)
            w("<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Self.esc(src))</text>")
            var x = Double(labelW)
            for (j, label) in labels.enumerated() {
                let n = a["buckets"]?[label]?.doubleValue ?? 0
                let width = total == 0 ? 0 : n / total * Double(chartW)
                w("<rect class=\"m\(j % 8)\" x=\"\(Int(x.rounded()))\" y=\"\(y + 2)\" width=\"\(max(0, Int(width.rounded())))\" height=\"\(rowH - 6)\">\(key(label, tag: "title"))</rect>")
                x += width
            }
            if total == 0 { w("<text x=\"\(labelW + 4)\" y=\"\(y + 15)\">no record timestamps</text>") }
        }
        w("</svg>\n<ul class=\"key\" aria-label=\"Age ranges\">")
        for (j, l) in labels.enumerated() { w("<li><i class=\"k-m\(j % 8)\"></i>\(key(l))</li>") }
        w("</ul>\n")
        table("Leads per age range, per source (leads without a record timestamp are counted as unknown)",
              headers: ["source"] + labels.map { key($0) } + ["unknown", "mean age", "oldest"],
              rows: sources.map { src, _ in
                  [Self.esc(src)] + labels.map { num("lead_age/\(src)/buckets/\($0)") }
                      + [num("lead_age/\(src)/unknown"), num("lead_age/\(src)/mean_hours", .days), num("lead_age/\(src)/max_hours", .days)]
              })
        w("</figure>\n</section>\n")
    }

    mutating func sitesAndTimings() {
        w("<section aria-labelledby=\"h-run\">\n<h2 id=\"h-run\">Research and run</h2>\n<div class=\"grid\">\n")
        let kinds: [(String, String)] = [("blocked", "blocked by robots.txt"), ("rate_limited", "rate-limited"), ("failed", "failed")]
        _ = figureOpen("Company sites that could not be read")
        bars("Sites per problem", rows: kinds.map { ($0.1, "sites/\($0.0)/count", "s-disqualified") })
        table("Sites per problem, with the first domains", headers: ["problem", "sites", "first domains"], rows: kinds.map { k, label in
            let ex = (report.pointer("sites/\(k)/examples")?.items ?? []).indices.map { str("sites/\(k)/examples/\($0)") }.joined(separator: ", ")
            return [Self.esc(label), num("sites/\(k)/count"), ex]
        })
        w("</figure>\n")
        let stages = report["timings_ms"]?.pairs.map(\.0) ?? []
        _ = figureOpen("Time per stage")
        bars("Milliseconds per stage", rows: stages.map { ($0, "timings_ms/\($0)", "bar") }, format: .ms)
        table("Wall-clock time per stage", headers: ["stage", "time"], rows: stages.map { [Self.esc($0), num("timings_ms/\($0)", .ms)] })
        w("</figure>\n</div>\n</section>\n")
    }
}
