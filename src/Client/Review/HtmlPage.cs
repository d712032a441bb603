using System.Text;

namespace RadiologyNet.Client.Review;

/// <summary>The frame every report page shares: doctype, inline stylesheet, navigation and footer. No scripts, fonts or URLs outside the report folder.</summary>
internal static class HtmlPage
{
    public const string IndexFile = "index.html";
    public const string MapFile = "map.html";
    public const string QuarantineFile = "quarantine.html";

    /// <summary>The page of cluster <paramref name="id"/>.</summary>
    public static string ClusterFile(int id) => $"cluster-{id}.html";

    /// <summary>A whole page; <paramref name="body"/> is trusted HTML, <paramref name="title"/> and <paramref name="reportTitle"/> are escaped here.</summary>
    public static string Render(string reportTitle, string title, string active, string body, string footer)
    {
        var builder = new StringBuilder(body.Length + 8192);
        builder.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append($"<title>{HtmlText.Escape(title)} — {HtmlText.Escape(reportTitle)}</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<header class=\"top\"><span class=\"brand\">").Append(HtmlText.Escape(reportTitle)).Append("</span><nav>")
            .Append(Link(IndexFile, "Overview", active == IndexFile))
            .Append(Link(MapFile, "Map", active == MapFile))
            .Append(Link(QuarantineFile, "Quarantine", active == QuarantineFile))
            .Append("</nav></header>\n<main>\n")
            .Append(body)
            .Append("\n</main>\n<footer>").Append(footer).Append("</footer>\n</body>\n</html>\n");
        return builder.ToString();
    }

    private static string Link(string href, string text, bool active) =>
        $"<a href=\"{href}\"{(active ? " class=\"active\" aria-current=\"page\"" : "")}>{text}</a>";

    private const string Css = """

:root{--ink:#1b1f24;--muted:#5a6270;--line:#d9dde3;--bg:#f4f5f7;--card:#fff;--accent:#0b5cad}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0;background:var(--bg);color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;line-height:1.4}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.top{display:flex;align-items:center;gap:24px;padding:10px 24px;background:#1b1f24;color:#fff}
header.top .brand{font-weight:600;font-size:1.05rem}
header.top nav a{color:#cfd6df;margin-right:18px}header.top nav a.active{color:#fff;border-bottom:2px solid #fff}
main{padding:16px 24px 32px;max-width:1600px;margin:0 auto}
h1{font-size:1.5rem;margin:4px 0 6px}h2{font-size:1.1rem;margin:0 0 4px}h3{font-size:1rem;margin:18px 0 8px}
.quiet{color:var(--muted)}
.stats{display:flex;flex-wrap:wrap;gap:8px 22px;margin:4px 0 14px;color:var(--muted)}.stats b{color:var(--ink);font-size:1.1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;display:flex;flex-direction:column;gap:6px}
.card h2 a{color:var(--ink)}.card h2 .id{color:var(--muted);font-weight:400;font-size:.85rem;margin-right:6px}
.meta{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:.9rem;color:var(--muted)}.meta .size{color:var(--ink);font-weight:600}
.purity{font-variant-numeric:tabular-nums}
svg.bar{display:block;width:100%;height:10px;border-radius:3px;overflow:hidden;background:#e3e5e8}
.legend{display:flex;flex-wrap:wrap;gap:2px 10px;font-size:.8rem;color:var(--muted)}
.key i,.swatch{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:4px;vertical-align:baseline}
.montage{display:grid;grid-template-columns:repeat(4,1fr);gap:3px;background:#000;padding:3px;border-radius:4px}
.montage .thumb{width:100%;height:auto;aspect-ratio:1;display:block;background:#000}
.montage .medoid{outline:2px solid #f5c400;outline-offset:-2px}
.terms{display:flex;flex-wrap:wrap;gap:4px}.terms span{background:#eef1f5;border:1px solid var(--line);border-radius:10px;padding:0 8px;font-size:.82rem}
.thumb{background:#000;display:block}
svg.thumb.missing{display:block}
table{border-collapse:collapse;background:var(--card);font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left}th{font-weight:600;background:#eceff3}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.clusterhead{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
.clusterhead .medoid{width:256px;height:256px;border-radius:4px}
.comp{display:flex;flex-direction:column;gap:10px;min-width:300px;flex:1}
.comp .tables{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.pager{display:flex;gap:16px;margin:2px 0 8px;font-size:.9rem}
.strip{display:flex;flex-wrap:wrap;gap:8px}
figure{margin:0;background:#000;border-radius:4px;overflow:hidden;color:#e8e8e8}
figure .thumb{width:128px;height:128px}
figcaption{font-size:.75rem;padding:2px 5px;font-variant-numeric:tabular-nums;background:#1b1f24}
figcaption a{color:#9cc9ff}
svg.hist{width:100%;max-width:640px;height:auto;background:var(--card);border:1px solid var(--line);border-radius:4px}
.mapwrap{display:grid;grid-template-columns:minmax(0,1fr) minmax(220px,300px);gap:18px;align-items:start}
svg.map{width:100%;max-height:calc(100vh - 170px);height:auto;background:var(--card);border:1px solid var(--line);border-radius:6px}
.maplegend{font-size:.88rem;max-height:calc(100vh - 170px);overflow:auto;padding-right:8px}
.maplegend div{overflow:hidden;text-overflow:ellipsis}
.maplegend div{white-space:nowrap;margin:2px 0}
footer{color:var(--muted);font-size:.8rem;padding:10px 24px 24px;max-width:1600px;margin:0 auto}

""";
}
