// The DR audit report as GitHub-flavoured Markdown: readable as a file, in a
// pull request comment and as a GitHub Actions job summary
// ($GITHUB_STEP_SUMMARY). Every value read from the scanned files is
// escaped, so a namespace called `<script>` or `a|b` neither runs nor breaks
// a table.
#include <cstdio>
#include <string>

#include "analyzer/report/audit_model.h"
#include "analyzer/report/report.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/scan/scan.h"

namespace drlint::report {
namespace {

using schedule::format_duration;

// Markdown-escapes text for inline use (also inside table cells): HTML
// metacharacters become entities, inline Markdown punctuation gets a backslash,
// line breaks become spaces and other control characters are dropped.
std::string md(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '&': out += "&amp;"; continue;
      case '\n': case '\r': case '\t': out += ' '; continue;
      // Inline Markdown syntax anywhere in a line (a value never starts a
      // line, so block syntax such as '#' or '-' cannot trigger); '$' is
      // GitHub's math delimiter.
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '$':
        out += '\\';
        out += ch;
        continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) continue;
    out += ch;
  }
  return out;
}

// A location rendered as code-like text without a code span (a backtick in
// a path could end the span): escaped and wrapped in <code>.
std::string md_loc(std::string_view where) {
  if (where.empty()) return "";
  return "<code>" + md(where) + "</code>";
}

const char* verdict_badge(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "✅ pass";
    case Verdict::kFail: return "❌ fail";
    case Verdict::kUnknown: return "❔ unknown";
    case Verdict::kNotDeclared: return "—";
  }
  return "";
}

const char* level_badge(Level l) {
  switch (l) {
    case Level::kError: return "🔴 error";
    case Level::kWarning: return "🟠 warning";
    case Level::kNote: return "🔵 note";
  }
  return "";
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void write_finding(std::ostream& out, const FindingRow& f) {
  out << "- " << level_badge(f.level) << " **" << md(f.rule_id) << "** " << md(f.rule_name) << " at "
      << md_loc(f.where) << ": " << md(f.message);
  if (f.suppressed)
    out << " *(suppressed" << (f.justification.empty() ? std::string() : ": " + md(f.justification)) << ")*";
  out << '\n';
  for (const std::string& r : f.related) out << "  - related: " << md(r) << '\n';
}

}  // namespace

void write_markdown(const scan::Result& scan, const Options& options, std::ostream& out) {
  AuditModel m = build_audit_model(scan, options.config, options.absent, options.tool_version, options.generated_at);

  out << "# Disaster recovery audit: " << md(m.root_name) << "\n\n";
  out << "Generated " << md(m.generated_at) << " by drlint" << (m.tool_version.empty() ? "" : " " + md(m.tool_version))
      << " from " << plural(m.files, "file", "files") << ". Configuration: "
      << (m.config_path.empty() ? std::string("none (objectives from namespace annotations, default recovery assumptions)")
                                : md_loc(m.config_path))
      << ".\n\n";

  // Verdict.
  std::size_t with_obj = m.namespaces_with_objectives();
  std::size_t failing = m.namespaces_failing();
  if (failing > 0)
    out << "> **❌ Recovery would not work as declared:** " << failing << " of " << plural(m.namespaces.size(), "namespace", "namespaces")
        << " miss their recovery objectives or have no backup.";
  else if (with_obj == 0)
    out << "> **❔ No recovery objectives are declared** (annotate namespaces with `drlint.io/rpo` / `drlint.io/rto` or add "
           "`policies:` to `.drlint.yaml`).";
  else
    out << "> **✅ Every namespace with declared objectives meets them on paper.**";
  out << " Findings: " << plural(m.errors, "error", "errors") << ", " << plural(m.warnings, "warning", "warnings") << ", "
      << plural(m.notes, "note", "notes");
  if (m.suppressed) out << " (" << m.suppressed << " suppressed)";
  out << ".\n\n";

  if (!m.input_errors.empty()) {
    out << "**Input errors** (the report is incomplete):\n\n";
    for (const std::string& e : m.input_errors) out << "- " << md(e) << '\n';
    out << '\n';
  }

  // Objectives.
  out << "## Recovery objectives\n\n";
  if (m.namespaces.empty()) {
    out << "No namespaces found in the scanned manifests.\n\n";
  } else {
    out << "| Namespace | Declared RPO | Effective RPO | RPO | Declared RTO | Estimated RTO | RTO | Verdict |\n"
           "|---|---|---|---|---|---|---|---|\n";
    for (const NamespaceAudit& n : m.namespaces) {
      out << "| **" << md(n.name) << "** | " << (n.rpo.declared ? md(n.rpo.text) : "—") << " | "
          << md(n.effective_rpo_text) << " | " << verdict_badge(n.rpo_verdict) << " | "
          << (n.rto.declared ? md(n.rto.text) : "—") << " | "
          << (n.rto_estimate.known ? md(format_duration(n.rto_estimate.total)) + (n.covered ? "" : " (no backup to restore from)")
                                   : std::string("unknown"))
          << " | "
          << verdict_badge(n.rto_verdict) << " | " << verdict_badge(n.verdict) << " |\n";
    }
    out << "\nHow each figure was obtained:\n\n";
    for (const NamespaceAudit& n : m.namespaces) {
      out << "- **" << md(n.name) << "**";
      if (!n.where.empty()) out << " (" << md_loc(n.where) << ")";
      out << ": ";
      if (n.rpo.declared) out << "RPO " << md(n.rpo.text) << " from " << md(n.rpo.source) << " at " << md_loc(n.rpo.where) << "; ";
      if (n.rto.declared) out << "RTO " << md(n.rto.text) << " from " << md(n.rto.source) << " at " << md_loc(n.rto.where) << "; ";
      if (!n.rpo.declared && !n.rto.declared) out << "no objective declared; ";
      if (n.covered) {
        out << "backed up by ";
        for (std::size_t i = 0; i < n.covered_by.size(); ++i) out << (i ? ", " : "") << md(n.covered_by[i]);
        out << "; effective RPO " << md(n.effective_rpo_text);
        if (!n.effective_rpo_via.empty()) out << " via " << md(n.effective_rpo_via);
      } else {
        out << "**covered by no backup**";
      }
      out << "; ";
      const RtoEstimate& e = n.rto_estimate;
      if (e.known)
        out << "restore estimate " << md(format_duration(e.total)) << " = detection " << md(format_duration(e.detection))
            << " + decision " << md(format_duration(e.decision)) << " + restore " << md(format_duration(e.restore)) << " ("
            << md(e.bytes_text) << " in " << plural(e.volumes, "volume", "volumes") << " at " << md(m.throughput_text)
            << ") + validation " << md(format_duration(e.validation));
      else
        out << "no restore estimate (" << md(e.reason) << ")";
      if (n.warm_standby) out << "; a warm standby is declared";
      for (const std::string& p : n.objective_problems) out << "; ⚠️ " << md(p);
      out << ".\n";
    }
    out << '\n';
  }

  // Coverage.
  out << "## Backup coverage\n\n";
  if (m.definitions.empty()) {
    out << "**No backup definition** (Velero Schedule/Backup, Helm `schedules:`, Azure Backup instance) was found.\n\n";
  } else if (!m.namespaces.empty()) {
    out << "| Namespace |";
    for (const BackupDefinitionAudit& d : m.definitions) out << ' ' << md(d.label) << " |";
    out << "\n|---|";
    for (std::size_t i = 0; i < m.definitions.size(); ++i) out << ":---:|";
    out << '\n';
    for (std::size_t r = 0; r < m.namespaces.size(); ++r) {
      out << "| " << md(m.namespaces[r].name) << " |";
      for (std::size_t c = 0; c < m.definitions.size(); ++c) out << (m.coverage[r][c] ? " ✅ |" : " · |");
      out << '\n';
    }
    out << '\n';
  }
  if (!m.definitions.empty()) {
    out << "| Backup definition | Kind | Cadence | Retention | Stores in | Restore drills | Declared at |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const BackupDefinitionAudit& d : m.definitions)
      out << "| " << md(d.label) << " | " << md(d.kind) << " | " << md(d.cadence) << " | " << md(d.retention) << " | "
          << (d.storage.empty() ? "—" : md(d.storage)) << " | " << (d.restore_drills ? std::to_string(d.restore_drills) : "none")
          << " | " << md_loc(d.where) << " |\n";
    out << '\n';
  }
  out << "Restore drills found: " << m.restore_drills << ". Alerts on backup failures: " << m.backup_alerts
      << ". Warm standby (second region behind Traffic Manager / Front Door): " << (m.warm_standby ? "yes" : "no")
      << ".\n\n";

  // Storage.
  out << "## Backup storage\n\n";
  if (m.storage.empty()) {
    out << "No backup storage found in the scanned inputs.\n\n";
  } else {
    out << "| Storage | Kind | Region | Redundancy | Protected cluster | Cluster region | Backups leave the region | Notes | Declared at |\n"
           "|---|---|---|---|---|---|---|---|---|\n";
    for (const StorageAudit& s : m.storage) {
      std::string notes;
      for (const std::string& n : s.notes) notes += (notes.empty() ? "" : ", ") + md(n);
      out << "| " << md(s.name) << " | " << md(s.kind) << " | "
          << (s.region.empty() ? "unknown" + (s.region_note.empty() ? std::string() : " (" + md(s.region_note) + ")")
                               : md(s.region))
          << " | " << md(s.redundancy) << " | " << (s.cluster.empty() ? "—" : md(s.cluster)) << " | "
          << (s.cluster_region.empty() ? "unknown" : md(s.cluster_region)) << " | " << md(s.off_region) << " | "
          << (notes.empty() ? "—" : notes) << " | " << md_loc(s.where) << " |\n";
    }
    out << '\n';
  }
  if (!m.clusters.empty()) {
    out << "| AKS cluster | Region | Availability zones (per node pool) | Declared at |\n|---|---|---|---|\n";
    for (const ClusterAudit& c : m.clusters)
      out << "| " << md(c.name) << " | " << md(c.region) << " | " << md(c.zones.empty() ? "none" : c.zones) << " | "
          << md_loc(c.where) << " |\n";
    out << '\n';
  }

  // Findings.
  out << "## Findings\n\n";
  if (m.rules.empty()) {
    out << "No findings.\n\n";
  } else {
    out << "| Rule | Name | Errors | Warnings | Notes | Suppressed |\n|---|---|---:|---:|---:|---:|\n";
    for (const RuleCount& r : m.rules)
      out << "| " << md(r.id) << " | " << md(r.name) << " | " << r.error << " | " << r.warning << " | " << r.note << " | "
          << r.suppressed << " |\n";
    out << "| **Total** | | **" << m.errors << "** | **" << m.warnings << "** | **" << m.notes << "** | **"
        << m.suppressed << "** |\n\n";
    out << "<details><summary>All " << m.findings.size() << " findings with their locations</summary>\n\n";
    for (const FindingRow& f : m.findings) write_finding(out, f);
    out << "\n</details>\n\n";
  }

  // Baseline.
  if (m.has_baseline) {
    out << "## Changes since the baseline\n\n";
    out << "| New | Unchanged | Fixed (gone since the baseline) |\n|---:|---:|---:|\n| " << m.new_count << " | "
        << m.unchanged_count << " | " << m.absent_count << " |\n\n";
    if (m.new_count) {
      out << "**New findings**\n\n";
      for (const FindingRow& f : m.findings)
        if (f.baseline == Finding::BaselineState::kNew) write_finding(out, f);
      out << '\n';
    }
    if (!m.absent.empty()) {
      out << "**Fixed since the baseline**\n\n";
      for (const FindingRow& f : m.absent) write_finding(out, f);
      out << '\n';
    }
  }

  // Assumptions.
  out << "## Recovery assumptions\n\n"
         "The estimated RTO of a namespace is detection + decision + data to restore / restore throughput + "
         "validation. Source: "
      << (m.assumptions_source == "defaults" ? std::string("drlint defaults (no `recovery:` in `.drlint.yaml`)")
                                             : md_loc(m.assumptions_source))
      << ".\n\n| Term | Value |\n|---|---|\n"
      << "| Detection | " << md(format_duration(m.detection)) << " |\n"
      << "| Decision | " << md(format_duration(m.decision)) << " |\n"
      << "| Restore throughput | " << md(m.throughput_text) << " |\n"
      << "| Validation | " << md(format_duration(m.validation)) << " |\n\n";
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", m.seconds);
  out << "<sub>drlint reads the repository only; nothing was deployed or contacted. Scan time " << secs
      << " s.</sub>\n";
}

}  // namespace drlint::report
