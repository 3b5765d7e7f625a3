// The DR audit report as one self-contained HTML file: inline CSS (with a
// print style sheet), inline SVG charts, no scripts, no fonts, no images,
// no network. A Content-Security-Policy meta tag forbids scripts and remote
// loads as a second line of defence; the first is that every value read
// from the scanned files is HTML-escaped (text and attributes alike).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "analyzer/report/audit_model.h"
#include "analyzer/report/report.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/scan/scan.h"

namespace drlint::report {
namespace {

using schedule::format_duration;

// HTML-escapes text for element content and quoted attribute values; drops
// control characters other than tab and line feed.
std::string h(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&#39;"; continue;
      default: break;
    }
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) continue;
    out += ch;
  }
  return out;
}

// At most `max` code points, with an ellipsis when cut.
std::string shorten(std::string_view text, std::size_t max) {
  std::size_t cps = 0, i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (cps == max - 1 && i + len < text.size()) return std::string(text.substr(0, i)) + "\u2026";
    i += len;
    ++cps;
  }
  return std::string(text);
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

const char* verdict_class(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kUnknown: return "unknown";
    case Verdict::kNotDeclared: return "none";
  }
  return "none";
}

std::string verdict_pill(Verdict v) {
  const char* text = v == Verdict::kPass ? "Pass" : v == Verdict::kFail ? "Fail" : v == Verdict::kUnknown ? "Unknown" : "\u2014";
  return std::string("<span class=\"pill ") + verdict_class(v) + "\">" + text + "</span>";
}

std::string level_pill(Level l) {
  return std::string("<span class=\"pill lvl-") + level_name(l) + "\">" + level_name(l) + "</span>";
}

std::string loc_html(const std::string& where) {
  if (where.empty()) return "";
  return "<code class=\"loc\">" + h(where) + "</code>";
}

constexpr const char* kCss = R"css(
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--navy:#1b2a4a;--pass:#1a7f37;--pass-bg:#dafbe1;
--fail:#cf222e;--fail-bg:#ffebe9;--unk:#9a6700;--unk-bg:#fff8c5;--note:#0969da;--note-bg:#ddf4ff;--warn:#bc4c00;--warn-bg:#fff1e5}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#eef1f5;color:var(--ink);font:14px/1.5 -apple-system,"Segoe UI","Helvetica Neue",Arial,"Liberation Sans",sans-serif}
.doc{max-width:1120px;margin:24px auto;background:#fff;box-shadow:0 1px 3px rgba(27,42,74,.12),0 8px 24px rgba(27,42,74,.08);border-radius:6px;overflow:hidden}
header.cover{background:var(--navy);color:#fff;padding:28px 40px 22px}
.kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;opacity:.75;margin:0 0 4px}
header.cover h1{margin:0 0 14px;font-size:28px;font-weight:600;word-break:break-word}
dl.meta{display:grid;grid-template-columns:repeat(4,auto);gap:2px 28px;margin:0;font-size:12.5px;justify-content:start}
dl.meta dt{opacity:.7;margin:0}dl.meta dd{margin:0 0 4px;font-weight:500;word-break:break-word}
.content{padding:8px 40px 32px}
.verdict{margin:24px 0 8px;padding:14px 18px;border-radius:6px;border-left:6px solid;font-size:15px}
.verdict.fail{background:var(--fail-bg);border-color:var(--fail)}.verdict.pass{background:var(--pass-bg);border-color:var(--pass)}
.verdict.unknown{background:var(--unk-bg);border-color:var(--unk)}
.verdict strong{display:block;font-size:17px;margin-bottom:2px}
.cards{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin:16px 0 8px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:#fff}
.card .n{font-size:26px;font-weight:600;line-height:1.1}.card .l{font-size:12px;color:var(--muted)}
.card.bad .n{color:var(--fail)}.card.warn .n{color:var(--warn)}.card.good .n{color:var(--pass)}
h2{font-size:19px;margin:34px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--navy);color:var(--navy)}
h3{font-size:15px;margin:20px 0 8px}
p.lead{color:var(--muted);margin:4px 0 12px}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:13px}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;font-size:12px;color:#31373d}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.c,th.c{text-align:center}
table.matrix,table.counts,table.compact{width:auto;min-width:50%}table.matrix td.c{min-width:110px}
table.findings{table-layout:fixed}table.findings col.lvl{width:84px}table.findings col.rule{width:190px}
table.findings col.loc{width:230px}table.findings col.base{width:110px}
table.findings .loc{word-break:normal;overflow-wrap:anywhere}
tr.ns-fail td:first-child{box-shadow:inset 4px 0 0 var(--fail)}tr.ns-pass td:first-child{box-shadow:inset 4px 0 0 var(--pass)}
tr.ns-unknown td:first-child{box-shadow:inset 4px 0 0 var(--unk)}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11.5px;font-weight:600;white-space:nowrap}
.pill.pass{background:var(--pass-bg);color:var(--pass)}.pill.fail{background:var(--fail-bg);color:var(--fail)}
.pill.unknown{background:var(--unk-bg);color:var(--unk)}.pill.none{color:var(--muted)}
.pill.lvl-error{background:var(--fail-bg);color:var(--fail)}.pill.lvl-warning{background:var(--warn-bg);color:var(--warn)}
.pill.lvl-note{background:var(--note-bg);color:var(--note)}
.yes{background:var(--pass-bg);color:var(--pass);font-weight:700}.no{color:#afb8c1}
code,.loc{font:12px/1.4 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:3px;word-break:break-all}
.charts{display:grid;grid-template-columns:1fr;gap:14px;margin:10px 0}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:12px 14px 6px;break-inside:avoid}
figcaption{font-weight:600;font-size:13px;margin-bottom:4px}
figure svg{display:block;width:100%;height:auto}
.small{font-size:12px;color:var(--muted)}
ul.detail{margin:6px 0 12px;padding-left:18px}ul.detail li{margin:3px 0}
ul.rel{margin:4px 0 0;padding-left:16px;font-size:12px;color:var(--muted)}
.sup{color:var(--muted);font-style:italic}
footer{border-top:1px solid var(--line);padding:12px 40px;font-size:12px;color:var(--muted);background:var(--soft)}
@media (max-width:800px){.cards{grid-template-columns:repeat(3,1fr)}dl.meta{grid-template-columns:repeat(2,auto)}.content,header.cover{padding-left:16px;padding-right:16px}}
@media print{
 @page{size:A4;margin:14mm 12mm}
 body{background:#fff;font-size:11pt}
 .doc{box-shadow:none;margin:0;max-width:none;border-radius:0}
 header.cover{padding:16px 0 14px;background:#fff;color:var(--navy);border-bottom:3px solid var(--navy)}
 .content{padding:0}footer{padding:8px 0;background:#fff}
 h2{break-after:avoid}table,figure,.verdict,.cards{break-inside:avoid}tr{break-inside:avoid}
 thead{display:table-header-group}
 .cards{grid-template-columns:repeat(6,1fr)}
}
)css";

// --- charts ----------------------------------------------------------------------

constexpr double kChartW = 1000;
constexpr double kLabelW = 170;
constexpr double kPlotX0 = kLabelW + 10;
constexpr double kPlotX1 = kChartW - 70;

struct Tick {
  Seconds value;
  std::string label;
};

// Log-scale time axis (RPO): from 1 minute to at least 7 days.
double log_x(Seconds v, Seconds lo, Seconds hi) {
  double lv = std::log10(static_cast<double>(std::max<Seconds>(v, lo)));
  double a = std::log10(static_cast<double>(lo)), b = std::log10(static_cast<double>(hi));
  return kPlotX0 + (lv - a) / (b - a) * (kPlotX1 - kPlotX0);
}

std::string svg_open(double height, const std::string& id, const std::string& title, const std::string& desc) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + id + "\" viewBox=\"0 0 " + fmt(kChartW) +
         " " + fmt(height) + "\" role=\"img\" aria-labelledby=\"" + id + "-t " + id + "-d\"><title id=\"" + id + "-t\">" +
         h(title) + "</title><desc id=\"" + id + "-d\">" + h(desc) +
         "</desc><style>text{font:12px -apple-system,'Segoe UI',Arial,'Liberation Sans',sans-serif;fill:#1f2328}"
         ".ax{fill:#59636e;font-size:11px}.val{font-size:11px;font-weight:600}</style>";
}

std::string legend_item(double x, double y, const char* color, const std::string& label, bool line = false) {
  std::string s;
  if (line)
    s += "<line x1=\"" + fmt(x) + "\" y1=\"" + fmt(y - 9) + "\" x2=\"" + fmt(x) + "\" y2=\"" + fmt(y + 3) +
         "\" stroke=\"" + color + "\" stroke-width=\"3\"/>";
  else
    s += "<rect x=\"" + fmt(x - 5) + "\" y=\"" + fmt(y - 9) + "\" width=\"11\" height=\"11\" rx=\"2\" fill=\"" + color + "\"/>";
  s += "<text x=\"" + fmt(x + 10) + "\" y=\"" + fmt(y) + "\" class=\"ax\">" + h(label) + "</text>";
  return s;
}

std::string rpo_chart(const AuditModel& m) {
  std::vector<const NamespaceAudit*> rows;
  Seconds hi = 7 * schedule::kDay;
  for (const NamespaceAudit& n : m.namespaces) {
    rows.push_back(&n);
    if (n.rpo.declared) hi = std::max(hi, n.rpo.value);
    if (n.effective_rpo_known) hi = std::max(hi, n.effective_rpo);
  }
  const Seconds lo = 60;
  std::vector<Tick> ticks = {{60, "1m"},     {300, "5m"},     {900, "15m"},   {3600, "1h"},     {4 * 3600, "4h"},
                             {12 * 3600, "12h"}, {86400, "1d"}, {7 * 86400, "7d"}, {30 * 86400, "30d"}, {90 * 86400, "90d"},
                             {365 * 86400, "1y"}};
  while (!ticks.empty() && ticks.back().value > hi && ticks[ticks.size() - 2].value >= hi) ticks.pop_back();
  hi = std::max(hi, ticks.back().value);
  const double top = 34, row_h = 36;
  double height = top + row_h * static_cast<double>(std::max<std::size_t>(rows.size(), 1)) + 30;
  std::string s = svg_open(height, "chart-rpo", "Declared vs achieved RPO per namespace",
                           "Horizontal bars: the effective RPO (longest gap between backups of the best covering "
                           "schedule) per namespace on a logarithmic time axis; a dark line marks the declared RPO.");
  s += legend_item(kPlotX0 + 5, 16, "#1a7f37", "achieved RPO (meets the objective)");
  s += legend_item(kPlotX0 + 245, 16, "#cf222e", "achieved RPO (misses it)");
  s += legend_item(kPlotX0 + 430, 16, "#8c959f", "no objective declared");
  s += legend_item(kPlotX0 + 600, 16, "#1b2a4a", "declared RPO", true);
  double bottom = top + row_h * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
  for (const Tick& t : ticks) {
    double x = log_x(t.value, lo, hi);
    s += "<line x1=\"" + fmt(x) + "\" y1=\"" + fmt(top) + "\" x2=\"" + fmt(x) + "\" y2=\"" + fmt(bottom) +
         "\" stroke=\"#d1d9e0\" stroke-dasharray=\"2 3\"/>";
    s += "<text x=\"" + fmt(x) + "\" y=\"" + fmt(bottom + 16) + "\" text-anchor=\"middle\" class=\"ax\">" + t.label + "</text>";
  }
  if (rows.empty())
    s += "<text x=\"" + fmt(kPlotX0) + "\" y=\"" + fmt(top + 22) + "\" class=\"ax\">No namespaces in the scanned manifests</text>";
  double y = top;
  for (const NamespaceAudit* n : rows) {
    double cy = y + row_h / 2;
    s += "<g class=\"row\"><title>" + h(n->name) + "</title>";
    s += "<text x=\"" + fmt(kLabelW) + "\" y=\"" + fmt(cy + 4) + "\" text-anchor=\"end\">" + h(shorten(n->name, 24)) + "</text>";
    if (n->effective_rpo_known) {
      const char* color = !n->rpo.declared ? "#8c959f" : n->rpo_verdict == Verdict::kPass ? "#1a7f37" : "#cf222e";
      double x = log_x(n->effective_rpo, lo, hi);
      s += "<rect class=\"bar\" x=\"" + fmt(kPlotX0) + "\" y=\"" + fmt(cy - 8) + "\" width=\"" + fmt(std::max(2.0, x - kPlotX0)) +
           "\" height=\"16\" rx=\"2\" fill=\"" + color + "\"/>";
      s += "<text x=\"" + fmt(x + 6) + "\" y=\"" + fmt(cy + 4) + "\" class=\"val\">" + h(n->effective_rpo_text) + "</text>";
    } else {
      bool uncovered = !n->covered;
      s += "<rect x=\"" + fmt(kPlotX0) + "\" y=\"" + fmt(cy - 8) + "\" width=\"" + fmt(kPlotX1 - kPlotX0) +
           "\" height=\"16\" rx=\"2\" fill=\"" + (uncovered ? "#ffebe9" : "#fff8c5") + "\" stroke=\"" +
           (uncovered ? "#cf222e" : "#9a6700") + "\" stroke-dasharray=\"4 3\"/>";
      s += "<text x=\"" + fmt(kPlotX0 + 8) + "\" y=\"" + fmt(cy + 4) + "\" class=\"val\" style=\"fill:" +
           (uncovered ? "#cf222e" : "#9a6700") + "\">" + h(uncovered ? "no backup covers this namespace" : n->effective_rpo_text) +
           "</text>";
    }
    if (n->rpo.declared) {
      double x = log_x(n->rpo.value, lo, hi);
      s += "<line x1=\"" + fmt(x) + "\" y1=\"" + fmt(cy - 13) + "\" x2=\"" + fmt(x) + "\" y2=\"" + fmt(cy + 13) +
           "\" stroke=\"#1b2a4a\" stroke-width=\"3\"/>";
      s += "<text x=\"" + fmt(x) + "\" y=\"" + fmt(cy - 15) + "\" text-anchor=\"middle\" class=\"ax\">" + h(n->rpo.text) + "</text>";
    }
    s += "</g>";
    y += row_h;
  }
  s += "</svg>";
  return s;
}

Seconds nice_step(Seconds span) {
  static const Seconds steps[] = {60, 120, 300, 600, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400};
  for (Seconds s : steps)
    if (span / s <= 6) return s;
  return std::max<Seconds>(86400, span / 6);
}

std::string rto_chart(const AuditModel& m) {
  Seconds hi = 0;
  for (const NamespaceAudit& n : m.namespaces) {
    if (n.rto.declared) hi = std::max(hi, n.rto.value);
    if (n.rto_estimate.known) hi = std::max(hi, n.rto_estimate.total);
  }
  if (hi <= 0) hi = 3600;
  Seconds step = nice_step(hi);
  hi = (hi + step - 1) / step * step;
  if (hi == 0) hi = step;
  auto x_of = [&](Seconds v) { return kPlotX0 + static_cast<double>(v) / static_cast<double>(hi) * (kPlotX1 - kPlotX0); };
  const double top = 34, row_h = 36;
  std::size_t count = std::max<std::size_t>(m.namespaces.size(), 1);
  double bottom = top + row_h * static_cast<double>(count);
  std::string s = svg_open(bottom + 30, "chart-rto", "Declared vs estimated RTO per namespace",
                           "Stacked bars: the estimated restore-based recovery time per namespace (detection, "
                           "decision, data restore, validation); a dark line marks the declared RTO.");
  struct Seg {
    const char* color;
    const char* label;
  };
  const Seg segs[] = {{"#8c959f", "detection"}, {"#d4a72c", "decision"}, {"#0969da", "restore data"}, {"#8250df", "validation"}};
  double lx = kPlotX0 + 5;
  for (const Seg& g : segs) {
    s += legend_item(lx, 16, g.color, g.label);
    lx += 120;
  }
  s += legend_item(lx + 20, 16, "#1b2a4a", "declared RTO", true);
  for (Seconds t = 0; t <= hi; t += step) {
    double x = x_of(t);
    s += "<line x1=\"" + fmt(x) + "\" y1=\"" + fmt(top) + "\" x2=\"" + fmt(x) + "\" y2=\"" + fmt(bottom) +
         "\" stroke=\"#d1d9e0\" stroke-dasharray=\"2 3\"/>";
    s += "<text x=\"" + fmt(x) + "\" y=\"" + fmt(bottom + 16) + "\" text-anchor=\"middle\" class=\"ax\">" +
         format_duration(t) + "</text>";
  }
  if (m.namespaces.empty())
    s += "<text x=\"" + fmt(kPlotX0) + "\" y=\"" + fmt(top + 22) + "\" class=\"ax\">No namespaces in the scanned manifests</text>";
  double y = top;
  for (const NamespaceAudit& n : m.namespaces) {
    double cy = y + row_h / 2;
    s += "<g class=\"row\"><title>" + h(n.name) + "</title>";
    s += "<text x=\"" + fmt(kLabelW) + "\" y=\"" + fmt(cy + 4) + "\" text-anchor=\"end\">" + h(shorten(n.name, 24)) + "</text>";
    const RtoEstimate& e = n.rto_estimate;
    if (e.known) {
      Seconds parts[] = {e.detection, e.decision, e.restore, e.validation};
      Seconds acc = 0;
      for (int i = 0; i < 4; ++i) {
        double x0 = x_of(acc), x1 = x_of(acc + parts[i]);
        acc += parts[i];
        if (x1 - x0 <= 0) continue;
        s += "<rect class=\"bar\" x=\"" + fmt(x0) + "\" y=\"" + fmt(cy - 8) + "\" width=\"" + fmt(x1 - x0) +
             "\" height=\"16\" fill=\"" + segs[i].color + "\"><title>" + segs[i].label + " " + format_duration(parts[i]) +
             "</title></rect>";
      }
      bool over = n.rto.declared && n.rto_verdict == Verdict::kFail;
      s += "<text x=\"" + fmt(x_of(acc) + 6) + "\" y=\"" + fmt(cy + 4) + "\" class=\"val\"" +
           (over ? " style=\"fill:#cf222e\"" : "") + ">" + format_duration(e.total) + "</text>";
    } else {
      s += "<text x=\"" + fmt(kPlotX0 + 8) + "\" y=\"" + fmt(cy + 4) + "\" class=\"val\" style=\"fill:#9a6700\">" +
           h("no estimate: " + e.reason) + "</text>";
    }
    if (n.rto.declared) {
      double x = x_of(n.rto.value);
      s += "<line x1=\"" + fmt(x) + "\" y1=\"" + fmt(cy - 13) + "\" x2=\"" + fmt(x) + "\" y2=\"" + fmt(cy + 13) +
           "\" stroke=\"#1b2a4a\" stroke-width=\"3\"/>";
      s += "<text x=\"" + fmt(x) + "\" y=\"" + fmt(cy - 15) + "\" text-anchor=\"middle\" class=\"ax\">" + h(n.rto.text) + "</text>";
    }
    s += "</g>";
    y += row_h;
  }
  s += "</svg>";
  return s;
}

std::string findings_chart(const AuditModel& m) {
  std::size_t hi = 1;
  for (const RuleCount& r : m.rules) hi = std::max(hi, r.total());
  const double top = 30, row_h = 26;
  const double label_w = 300, x0 = label_w + 10, x1 = kChartW - 60;
  std::size_t count = std::max<std::size_t>(m.rules.size(), 1);
  double height = top + row_h * static_cast<double>(count) + 10;
  std::string s = svg_open(height, "chart-findings", "Findings per rule",
                           "Stacked horizontal bars: the number of unsuppressed findings of each rule, by level.");
  s += legend_item(x0 + 5, 16, "#cf222e", "error");
  s += legend_item(x0 + 85, 16, "#e16f24", "warning");
  s += legend_item(x0 + 175, 16, "#0969da", "note");
  if (m.rules.empty())
    s += "<text x=\"" + fmt(x0) + "\" y=\"" + fmt(top + 18) + "\" class=\"ax\">No findings</text>";
  double y = top;
  for (const RuleCount& r : m.rules) {
    double cy = y + row_h / 2;
    s += "<g class=\"row\"><text x=\"" + fmt(label_w) + "\" y=\"" + fmt(cy + 4) + "\" text-anchor=\"end\">" +
         h(shorten(r.id + " " + r.name, 44)) + "</text>";
    double x = x0;
    std::pair<std::size_t, const char*> parts[] = {{r.error, "#cf222e"}, {r.warning, "#e16f24"}, {r.note, "#0969da"}};
    for (auto& [n, color] : parts) {
      if (!n) continue;
      double w = static_cast<double>(n) / static_cast<double>(hi) * (x1 - x0);
      s += "<rect class=\"bar\" x=\"" + fmt(x) + "\" y=\"" + fmt(cy - 7) + "\" width=\"" + fmt(w) +
           "\" height=\"14\" fill=\"" + color + "\"/>";
      x += w;
    }
    std::string label = std::to_string(r.total());
    if (r.suppressed) label += " (+" + std::to_string(r.suppressed) + " suppressed)";
    s += "<text x=\"" + fmt(x + 6) + "\" y=\"" + fmt(cy + 4) + "\" class=\"val\">" + label + "</text></g>";
    y += row_h;
  }
  s += "</svg>";
  return s;
}

// --- sections ---------------------------------------------------------------------

void finding_rows(std::ostream& out, const std::vector<FindingRow>& rows, bool show_baseline) {
  out << "<table class=\"findings\"><colgroup><col class=\"lvl\"><col class=\"rule\"><col class=\"loc\"><col>"
      << (show_baseline ? "<col class=\"base\">" : "") << "</colgroup><thead><tr><th>Level</th><th>Rule</th><th>Location</th><th>Finding</th>";
  if (show_baseline) out << "<th>Since baseline</th>";
  out << "</tr></thead><tbody>\n";
  for (const FindingRow& f : rows) {
    out << "<tr><td>" << level_pill(f.level) << "</td><td><strong>" << h(f.rule_id) << "</strong><br><span class=\"small\">"
        << h(f.rule_name) << "</span></td><td>" << loc_html(f.where) << "</td><td>" << h(f.message);
    if (f.suppressed)
      out << "<div class=\"sup\">Suppressed" << (f.justification.empty() ? std::string() : ": " + h(f.justification))
          << "</div>";
    if (!f.related.empty()) {
      out << "<ul class=\"rel\">";
      for (const std::string& r : f.related) out << "<li>" << h(r) << "</li>";
      out << "</ul>";
    }
    out << "</td>";
    if (show_baseline) {
      const char* b = f.baseline == Finding::BaselineState::kNew         ? "new"
                      : f.baseline == Finding::BaselineState::kUnchanged ? "unchanged"
                      : f.baseline == Finding::BaselineState::kAbsent    ? "fixed"
                                                                         : "";
      out << "<td>" << b << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void write_html(const scan::Result& scan, const Options& options, std::ostream& out) {
  AuditModel m = build_audit_model(scan, options.config, options.absent, options.tool_version, options.generated_at);
  std::size_t with_obj = m.namespaces_with_objectives();
  std::size_t failing = m.namespaces_failing();
  std::size_t passing = static_cast<std::size_t>(std::count_if(
      m.namespaces.begin(), m.namespaces.end(), [](const NamespaceAudit& n) { return n.verdict == Verdict::kPass; }));

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:; base-uri 'none'; form-action 'none'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"drlint"
      << (m.tool_version.empty() ? "" : " " + h(m.tool_version)) << "\">\n<title>Disaster recovery audit \u2014 "
      << h(m.root_name) << "</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n<main class=\"doc\">\n";

  // Cover.
  out << "<header class=\"cover\"><p class=\"kicker\">Disaster recovery audit</p><h1>" << h(m.root_name) << "</h1>"
      << "<dl class=\"meta\"><div><dt>Generated</dt><dd>" << h(m.generated_at) << "</dd></div>"
      << "<div><dt>Tool</dt><dd>drlint " << h(m.tool_version) << "</dd></div>"
      << "<div><dt>Files scanned</dt><dd>" << m.files << "</dd></div>"
      << "<div><dt>Configuration</dt><dd>" << (m.config_path.empty() ? std::string("none (annotations, default assumptions)") : h(m.config_path))
      << "</dd></div></dl></header>\n<div class=\"content\">\n";

  // Verdict + cards.
  const char* vclass = failing ? "fail" : with_obj == 0 ? "unknown" : "pass";
  out << "<section class=\"verdict " << vclass << "\" id=\"verdict\"><strong>";
  if (failing)
    out << "Recovery would not work as declared";
  else if (with_obj == 0)
    out << "No recovery objectives are declared";
  else
    out << "Declared recovery objectives are met on paper";
  out << "</strong>";
  if (failing)
    out << failing << " of " << plural(m.namespaces.size(), "namespace", "namespaces")
        << " miss their recovery objectives or hold workloads that no backup covers. ";
  else if (with_obj == 0)
    out << "Annotate namespaces with <code>drlint.io/rpo</code> / <code>drlint.io/rto</code> or add "
           "<code>policies:</code> to <code>.drlint.yaml</code> so that drlint can check them. ";
  out << plural(m.errors, "error", "errors") << ", " << plural(m.warnings, "warning", "warnings") << " and "
      << plural(m.notes, "note", "notes") << " were found"
      << (m.suppressed ? " (" + std::to_string(m.suppressed) + " suppressed)" : std::string()) << ".</section>\n";

  auto card = [&](const std::string& n, const std::string& label, const char* cls) {
    out << "<div class=\"card " << cls << "\"><div class=\"n\">" << n << "</div><div class=\"l\">" << label << "</div></div>";
  };
  out << "<section class=\"cards\">";
  card(std::to_string(passing) + "/" + std::to_string(m.namespaces.size()), "namespaces meet their objectives",
       failing ? "bad" : "good");
  card(std::to_string(m.errors), "errors", m.errors ? "bad" : "good");
  card(std::to_string(m.warnings), "warnings", m.warnings ? "warn" : "good");
  card(std::to_string(m.definitions.size()), "backup definitions", m.definitions.empty() ? "bad" : "");
  card(std::to_string(m.restore_drills), "restore drills", m.restore_drills ? "good" : "warn");
  card(std::to_string(m.backup_alerts), "backup alerts", m.backup_alerts ? "good" : "warn");
  out << "</section>\n";

  if (!m.input_errors.empty()) {
    out << "<section class=\"verdict unknown\"><strong>Input errors: this report is incomplete</strong><ul>";
    for (const std::string& e : m.input_errors) out << "<li>" << h(e) << "</li>";
    out << "</ul></section>\n";
  }

  // 1. Objectives.
  out << "<section id=\"objectives\"><h2>1. Recovery objectives</h2>\n<p class=\"lead\">Declared RPO and RTO per "
         "namespace against what the configuration delivers: the effective RPO is the longest gap between two runs of "
         "the best covering backup; the RTO estimate is a restore from backup (see the recovery assumptions at the end).</p>\n";
  out << "<table><thead><tr><th>Namespace</th><th>Declared RPO</th><th>Effective RPO</th><th>RPO</th><th>Declared "
         "RTO</th><th>Estimated RTO</th><th>RTO</th><th>Verdict</th></tr></thead><tbody>\n";
  for (const NamespaceAudit& n : m.namespaces) {
    out << "<tr class=\"ns-" << verdict_class(n.verdict) << "\"><td><strong>" << h(n.name) << "</strong><br>"
        << "<span class=\"small\">" << plural(n.workloads, "workload", "workloads") << ", " << plural(n.pvcs, "PVC", "PVCs")
        << "</span></td><td>";
    if (n.rpo.declared) out << h(n.rpo.text) << "<br><span class=\"small\">" << h(n.rpo.source) << "</span>";
    else out << "<span class=\"small\">\u2014</span>";
    out << "</td><td>" << h(n.effective_rpo_text);
    if (!n.effective_rpo_via.empty()) out << "<br><span class=\"small\">" << h(n.effective_rpo_via) << "</span>";
    out << "</td><td>" << verdict_pill(n.rpo_verdict) << "</td><td>";
    if (n.rto.declared) out << h(n.rto.text) << "<br><span class=\"small\">" << h(n.rto.source) << "</span>";
    else out << "<span class=\"small\">\u2014</span>";
    out << "</td><td>";
    if (n.rto_estimate.known)
      out << format_duration(n.rto_estimate.total) << "<br><span class=\"small\">"
          << (n.covered ? h(n.rto_estimate.bytes_text) + " to restore" : std::string("no backup to restore from"))
          << "</span>";
    else
      out << "unknown<br><span class=\"small\">" << h(n.rto_estimate.reason) << "</span>";
    out << "</td><td>" << verdict_pill(n.rto_verdict) << "</td><td>" << verdict_pill(n.verdict) << "</td></tr>\n";
  }
  if (m.namespaces.empty()) out << "<tr><td colspan=\"8\">No namespaces found in the scanned manifests.</td></tr>\n";
  out << "</tbody></table>\n<div class=\"charts\">\n<figure><figcaption>Declared vs achieved RPO</figcaption>"
      << rpo_chart(m) << "</figure>\n<figure><figcaption>Declared vs estimated RTO</figcaption>" << rto_chart(m)
      << "</figure>\n</div>\n";
  out << "<h3>Where each figure comes from</h3><ul class=\"detail\">\n";
  for (const NamespaceAudit& n : m.namespaces) {
    out << "<li><strong>" << h(n.name) << "</strong>";
    if (!n.where.empty()) out << " " << loc_html(n.where);
    out << ": ";
    if (n.rpo.declared) out << "RPO " << h(n.rpo.text) << " from " << h(n.rpo.source) << " " << loc_html(n.rpo.where) << "; ";
    if (n.rto.declared) out << "RTO " << h(n.rto.text) << " from " << h(n.rto.source) << " " << loc_html(n.rto.where) << "; ";
    if (!n.rpo.declared && !n.rto.declared) out << "no objective declared; ";
    if (n.covered) {
      out << "backed up by ";
      for (std::size_t i = 0; i < n.covered_by.size(); ++i) out << (i ? ", " : "") << h(n.covered_by[i]);
    } else {
      out << "<strong>covered by no backup</strong>";
    }
    const RtoEstimate& e = n.rto_estimate;
    if (e.known)
      out << "; restore estimate " << format_duration(e.total) << " = detection " << format_duration(e.detection)
          << " + decision " << format_duration(e.decision) << " + restore " << format_duration(e.restore) << " ("
          << h(e.bytes_text) << " in " << plural(e.volumes, "volume", "volumes") << " at " << h(m.throughput_text)
          << ") + validation " << format_duration(e.validation);
    if (n.warm_standby) out << "; a warm standby is declared";
    for (const std::string& p : n.objective_problems) out << "; <strong>" << h(p) << "</strong>";
    out << ".</li>\n";
  }
  out << "</ul></section>\n";

  // 2. Coverage.
  out << "<section id=\"coverage\"><h2>2. Backup coverage</h2>\n<p class=\"lead\">Which backup definition selects "
         "which namespace, after its included and excluded namespaces.</p>\n";
  if (m.definitions.empty()) {
    out << "<p><strong>No backup definition</strong> (Velero Schedule or Backup, Helm <code>schedules:</code>, Azure "
           "Backup for AKS backup instance) was found in the scanned inputs.</p>\n";
  } else {
    if (!m.namespaces.empty()) {
      out << "<table class=\"matrix\"><thead><tr><th>Namespace</th>";
      for (const BackupDefinitionAudit& d : m.definitions) out << "<th class=\"c\">" << h(d.label) << "</th>";
      out << "</tr></thead><tbody>\n";
      for (std::size_t r = 0; r < m.namespaces.size(); ++r) {
        out << "<tr><td><strong>" << h(m.namespaces[r].name) << "</strong></td>";
        for (std::size_t c = 0; c < m.definitions.size(); ++c)
          out << (m.coverage[r][c] ? "<td class=\"c yes\">\u2713</td>" : "<td class=\"c no\">\u2014</td>");
        out << "</tr>\n";
      }
      out << "</tbody></table>\n";
    }
    out << "<table><thead><tr><th>Backup definition</th><th>Kind</th><th>Cadence</th><th>Retention</th><th>Stores "
           "in</th><th class=\"num\">Restore drills</th><th>Declared at</th></tr></thead><tbody>\n";
    for (const BackupDefinitionAudit& d : m.definitions)
      out << "<tr><td><strong>" << h(d.label) << "</strong></td><td>" << h(d.kind) << "</td><td>" << h(d.cadence)
          << "</td><td>" << h(d.retention) << "</td><td>" << (d.storage.empty() ? "\u2014" : h(d.storage))
          << "</td><td class=\"num\">" << d.restore_drills << "</td><td>" << loc_html(d.where) << "</td></tr>\n";
    out << "</tbody></table>\n";
  }
  out << "<p class=\"small\">Restore drills found: " << m.restore_drills << ". Alerts on backup failures: "
      << m.backup_alerts << ". Warm standby (a second region behind Traffic Manager or Front Door): "
      << (m.warm_standby ? "yes" : "no") << ".</p></section>\n";

  // 3. Storage.
  out << "<section id=\"storage\"><h2>3. Backup storage and clusters</h2>\n<p class=\"lead\">Where backups are kept "
         "and whether they survive the loss of the cluster's region.</p>\n";
  if (m.storage.empty()) {
    out << "<p>No backup storage found in the scanned inputs.</p>\n";
  } else {
    out << "<table><thead><tr><th>Storage</th><th>Region</th><th>Redundancy</th><th>Protected cluster</th><th>Cluster "
           "region</th><th>Backups leave the region</th><th>Notes</th><th>Declared at</th></tr></thead><tbody>\n";
    for (const StorageAudit& s : m.storage) {
      std::string off_class = s.off_region.rfind("yes", 0) == 0 ? "pass" : s.off_region == "no" ? "fail" : "unknown";
      out << "<tr><td><strong>" << h(s.name) << "</strong><br><span class=\"small\">" << h(s.kind) << "</span></td><td>"
          << (s.region.empty() ? "unknown<br><span class=\"small\">" + h(s.region_note) + "</span>" : h(s.region))
          << "</td><td>" << h(s.redundancy) << "</td><td>" << (s.cluster.empty() ? "\u2014" : h(s.cluster)) << "</td><td>"
          << (s.cluster_region.empty() ? "unknown" : h(s.cluster_region)) << "</td><td><span class=\"pill " << off_class
          << "\">" << h(s.off_region) << "</span></td><td>";
      for (std::size_t i = 0; i < s.notes.size(); ++i) out << (i ? ", " : "") << h(s.notes[i]);
      out << "</td><td>" << loc_html(s.where) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  if (!m.clusters.empty()) {
    out << "<table><thead><tr><th>AKS cluster</th><th>Region</th><th>Availability zones (per node pool)</th><th>Declared "
           "at</th></tr></thead><tbody>\n";
    for (const ClusterAudit& c : m.clusters)
      out << "<tr><td><strong>" << h(c.name) << "</strong></td><td>" << h(c.region) << "</td><td>"
          << h(c.zones.empty() ? "none" : c.zones) << "</td><td>" << loc_html(c.where) << "</td></tr>\n";
    out << "</tbody></table>\n";
  }
  out << "</section>\n";

  // 4. Findings.
  out << "<section id=\"findings\"><h2>4. Findings</h2>\n";
  out << "<figure><figcaption>Findings per rule</figcaption>" << findings_chart(m) << "</figure>\n";
  if (!m.rules.empty()) {
    out << "<table class=\"counts\"><thead><tr><th>Rule</th><th>Name</th><th class=\"num\">Errors</th><th class=\"num\">Warnings</th>"
           "<th class=\"num\">Notes</th><th class=\"num\">Suppressed</th></tr></thead><tbody>\n";
    for (const RuleCount& r : m.rules)
      out << "<tr><td><strong>" << h(r.id) << "</strong></td><td>" << h(r.name) << "</td><td class=\"num\">" << r.error
          << "</td><td class=\"num\">" << r.warning << "</td><td class=\"num\">" << r.note << "</td><td class=\"num\">"
          << r.suppressed << "</td></tr>\n";
    out << "<tr><th colspan=\"2\">Total</th><th class=\"num\">" << m.errors << "</th><th class=\"num\">" << m.warnings
        << "</th><th class=\"num\">" << m.notes << "</th><th class=\"num\">" << m.suppressed << "</th></tr>\n";
    out << "</tbody></table>\n<h3>All findings</h3>\n";
    finding_rows(out, m.findings, m.has_baseline);
  }
  out << "</section>\n";

  // 5. Baseline.
  if (m.has_baseline) {
    out << "<section id=\"changes\"><h2>5. Changes since the baseline</h2>\n<section class=\"cards\">";
    card(std::to_string(m.new_count), "new findings", m.new_count ? "bad" : "good");
    card(std::to_string(m.unchanged_count), "unchanged", "");
    card(std::to_string(m.absent_count), "fixed since the baseline", m.absent_count ? "good" : "");
    out << "</section>\n";
    std::vector<FindingRow> fresh;
    for (const FindingRow& f : m.findings)
      if (f.baseline == Finding::BaselineState::kNew) fresh.push_back(f);
    if (!fresh.empty()) {
      out << "<h3>New findings</h3>\n";
      finding_rows(out, fresh, false);
    }
    if (!m.absent.empty()) {
      out << "<h3>Fixed since the baseline</h3>\n";
      finding_rows(out, m.absent, false);
    }
    out << "</section>\n";
  }

  // 6. Assumptions.
  out << "<section id=\"assumptions\"><h2>" << (m.has_baseline ? "6" : "5")
      << ". Recovery assumptions</h2>\n<p class=\"lead\">Estimated RTO = detection + decision + data to restore \u00f7 "
         "restore throughput + validation. Source: "
      << (m.assumptions_source == "defaults" ? std::string("drlint defaults (no <code>recovery:</code> in <code>.drlint.yaml</code>)")
                                             : loc_html(m.assumptions_source))
      << ".</p>\n<table class=\"compact\"><thead><tr><th>Term</th><th>Value</th></tr></thead><tbody>"
      << "<tr><td>Detection</td><td>" << format_duration(m.detection) << "</td></tr>"
      << "<tr><td>Decision</td><td>" << format_duration(m.decision) << "</td></tr>"
      << "<tr><td>Restore throughput</td><td>" << h(m.throughput_text) << "</td></tr>"
      << "<tr><td>Validation</td><td>" << format_duration(m.validation) << "</td></tr></tbody></table></section>\n";

  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", m.seconds);
  out << "</div>\n<footer>Generated by drlint " << h(m.tool_version)
      << " from the repository's files only: nothing was deployed or contacted. Scan time " << secs
      << " s.</footer>\n</main>\n</body>\n</html>\n";
}

}  // namespace drlint::report
