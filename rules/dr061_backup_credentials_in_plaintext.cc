// DR061 backup-credentials-in-plaintext: backup credentials (storage account
// key, client secret, Velero credentials.secretContents) are written as
// literal values in Helm values, Terraform or manifests.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/graph/graph.h"
#include "analyzer/load/source_table.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(Velero's Azure plugin reads its credentials from a file of `KEY=value`
lines (`AZURE_CLIENT_SECRET`, `AZURE_STORAGE_ACCOUNT_ACCESS_KEY`, ...). Written
as a literal in the Helm values (`credentials.secretContents.cloud`), in a
Terraform `helm_release` `set` block, or in a Secret manifest, the secret is in
the repository's history for good: everyone who can read the repository can
read, overwrite and delete every backup, which is also the attacker's first
move before ransomware. Base64 in a Secret's `data:` is an encoding, not
encryption.

Values that come from a variable without a literal value, a reference to
another resource, Key Vault, or an existing Secret are not reported.

**How to fix**: prefer workload identity (no secret at all); otherwise keep
the secret out of the repository and reference it: `credentials.existingSecret`
created from Key Vault (External Secrets, Secrets Store CSI), or a Terraform
`set_sensitive` fed from a Key Vault data source. Rotate the leaked secret.

Before:

```yaml
credentials:
  secretContents:
    cloud: |
      AZURE_SUBSCRIPTION_ID=00000000-0000-0000-0000-000000000000
      AZURE_CLIENT_ID=11111111-1111-1111-1111-111111111111
      AZURE_CLIENT_SECRET=s3cr3t-v4lue
```

After:

```yaml
credentials:
  useSecret: false
podLabels:
  azure.workload.identity/use: "true"
serviceAccount:
  server:
    annotations:
      azure.workload.identity/client-id: 11111111-1111-1111-1111-111111111111
```
)md";

const RuleInfo kInfo{
    "DR061",
    "backup-credentials-in-plaintext",
    Level::kError,
    "Backup credentials appear as literal values instead of a reference or workload identity.",
    "Backup credentials (a storage account key, a client secret, or Velero's "
    "credentials.secretContents) appear as literal values in Helm values, a Terraform "
    "helm_release set block or a Kubernetes Secret manifest, so anyone who can read the "
    "repository can read and delete every backup. Values from variables without a literal "
    "value, references, Key Vault and existing Secrets are not reported.",
    kHelp,
    {"security", "credentials", "velero", "secrets"},
    "7.5",
};

constexpr std::string_view kSecretNames[] = {
    "AZURE_CLIENT_SECRET",
    "AZURE_STORAGE_ACCOUNT_ACCESS_KEY",
    "AZURE_STORAGE_KEY",
    "AZURE_CLIENT_CERTIFICATE_PASSWORD",
};

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A value that stands for a secret instead of being one.
bool is_placeholder(std::string_view v) {
  v = trim(v);
  while (!v.empty() && (v.back() == '"' || v.back() == '\'' || v.back() == ',' || v.back() == '\\')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
  v = trim(v);
  if (v.empty()) return true;
  if (v.front() == '$' || v.front() == '<' || v.front() == '%' || v.front() == '#') return true;  // ${X}, $(x), <secret>
  if (v.find("{{") != std::string_view::npos || v.find("${") != std::string_view::npos) return true;
  std::string l = query::lower(v);
  for (const char* p : {"changeme", "change-me", "replace", "your-", "your_", "xxxx", "****", "redacted", "todo", "placeholder"})
    if (l.find(p) != std::string::npos) return true;
  return false;
}

struct Hit {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // 1-based byte column of the name
  std::string name;
};

// Finds `NAME=literal` (or `NAME: literal`) credential assignments in one
// piece of text (a line, or a decoded Secret value).
void find_in_text(std::string_view text, std::uint32_t line, std::uint32_t col_base, std::vector<Hit>& out) {
  for (std::string_view name : kSecretNames) {
    std::size_t from = 0;
    while (true) {
      std::size_t p = text.find(name, from);
      if (p == std::string_view::npos) break;
      from = p + name.size();
      if (p > 0 && is_ident_char(text[p - 1])) continue;
      std::size_t q = p + name.size();
      if (q < text.size() && is_ident_char(text[q])) continue;
      while (q < text.size() && (text[q] == ' ' || text[q] == '"')) ++q;
      if (q >= text.size() || (text[q] != '=' && text[q] != ':')) continue;
      ++q;
      std::string_view rest = text.substr(q);
      // The value ends at an escaped newline ("...\nNEXT=...") or the line end.
      std::size_t nl = rest.find("\\n");
      if (nl != std::string_view::npos) rest = rest.substr(0, nl);
      if (is_placeholder(rest)) continue;
      out.push_back(Hit{line, col_base + static_cast<std::uint32_t>(p), std::string(name)});
    }
  }
}

std::string decode_base64(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  int bits = 0;
  unsigned acc = 0;
  for (char c : in) {
    if (c == '=' || c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '#') break;
    int v = val(c);
    if (v < 0) return "";
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

int indent_of(std::string_view line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

// Scans the lines of the value at `loc`: the line itself, then a YAML block
// scalar (more-indented lines) or an HCL heredoc (up to its terminator).
// With `base64`, an inline scalar is also decoded (a Secret's data:).
std::vector<Hit> scan_value(const load::SourceTable& sources, const SourceLoc& loc, bool base64) {
  std::vector<Hit> hits;
  if (!loc.valid() || loc.file >= sources.size()) return hits;
  std::string_view first = sources.line_text(loc.file, loc.line);
  find_in_text(first, loc.line, 1, hits);
  std::string_view after = loc.column >= 1 && loc.column - 1 < first.size() ? first.substr(loc.column - 1) : "";
  std::size_t colon = first.find(':');
  std::string_view inline_value = colon != std::string_view::npos ? trim(first.substr(colon + 1)) : std::string_view{};
  if (base64 && !inline_value.empty() && inline_value.front() != '|' && inline_value.front() != '>') {
    std::string decoded = decode_base64(inline_value);
    std::vector<Hit> dh;
    find_in_text(decoded, loc.line, 1, dh);
    for (Hit& h : dh) {
      h.column = static_cast<std::uint32_t>(colon + 3);
      hits.push_back(h);
    }
  }
  std::size_t heredoc = first.find("<<");
  if (heredoc != std::string_view::npos) {
    std::string_view marker = first.substr(heredoc + 2);
    if (!marker.empty() && marker.front() == '-') marker.remove_prefix(1);
    marker = trim(marker);
    for (std::uint32_t l = loc.line + 1; l < loc.line + 200; ++l) {
      std::string_view t = sources.line_text(loc.file, l);
      if (trim(t) == marker || (t.empty() && l > loc.line + 100)) break;
      find_in_text(t, l, 1, hits);
    }
    return hits;
  }
  // YAML block scalar: `key: |` then lines indented deeper than the key.
  bool block = false;
  for (std::string_view s : {inline_value, trim(after)})
    if (!s.empty() && (s.front() == '|' || s.front() == '>')) block = true;
  if (!block) return hits;
  int key_indent = indent_of(first);
  for (std::uint32_t l = loc.line + 1; l < loc.line + 200; ++l) {
    if (l > 1000000) break;
    std::string_view t = sources.line_text(loc.file, l);
    if (trim(t).empty()) {
      if (sources.line_text(loc.file, l + 1).empty() && sources.line_text(loc.file, l + 2).empty()) break;
      continue;
    }
    if (indent_of(t) <= key_indent) break;
    find_in_text(t, l, 1, hits);
  }
  return hits;
}

// The line that holds the value at `loc` may be the block scalar's first
// content line rather than the `key: |` line; step back to the key.
SourceLoc key_line(const load::SourceTable& sources, SourceLoc loc, std::string_view key) {
  if (!loc.valid() || loc.file >= sources.size()) return loc;
  for (std::uint32_t l = loc.line; l >= 1 && l + 3 > loc.line; --l) {
    std::string_view t = sources.line_text(loc.file, l);
    std::string_view tt = trim(t);
    if (tt.substr(0, key.size()) == key && tt.size() > key.size() && (tt[key.size()] == ':' || tt[key.size()] == '"')) {
      SourceLoc k = loc;
      k.line = l;
      k.column = static_cast<std::uint32_t>(indent_of(t) + 1);
      return k;
    }
    if (l == 1) break;
  }
  return loc;
}

void report_hits(const RuleContext& ctx, FindingSink& out, const std::vector<Hit>& hits, FileId file,
                 const std::string& where, const std::string& subject, const SourceLoc& related,
                 const std::string& related_msg, std::set<std::string>& seen) {
  const load::SourceTable& sources = ctx.sources;
  for (const Hit& h : hits) {
    std::string key = "credential " + sources.path(file) + " " + subject + " " + h.name;
    if (!seen.insert(key + ":" + std::to_string(h.line)).second) continue;
    SourceLoc at{file, h.line, h.column, h.line, h.column + static_cast<std::uint32_t>(h.name.size())};
    std::string msg = h.name + " is written as a literal value in " + where +
                      ": anyone who can read the repository can read, overwrite and delete every backup. Rotate the "
                      "secret and use workload identity, or reference it (credentials.existingSecret from Key Vault, "
                      "set_sensitive from a Key Vault data source).";
    FindingBuilder f = out.report(kInfo, at, msg, key);
    if (related.valid() && related.line != h.line) f.related(related, related_msg);
  }
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  const load::SourceTable& sources = ctx.sources;
  std::set<std::string> seen;
  std::set<std::string> velero_secret_names;
  // Velero installations: credentials.secretContents (Helm values or helm_release set blocks).
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kVeleroServer)) {
    const graph::Node& server = g.node(id);
    if (std::optional<std::string> s = query::known_text(server.attr("existing_secret"))) velero_secret_names.insert(*s);
    const Value* keys = server.attr("secret_contents_keys");
    if (!keys || !keys->is_list()) continue;
    for (const Value& k : keys->items()) {
      if (!k.loc().valid() || k.loc().file >= sources.size()) continue;
      bool hcl = sources.path(k.loc().file).find(".tf") != std::string::npos;
      SourceLoc start = hcl ? k.loc() : key_line(sources, k.loc(), k.text());
      std::vector<Hit> hits = scan_value(sources, start, false);
      std::string where = hcl ? "Terraform (helm_release '" + server.name + "', credentials.secretContents." + std::string(k.text()) + ")"
                              : "Velero Helm values (credentials.secretContents." + std::string(k.text()) + ")";
      report_hits(ctx, out, hits, k.loc().file, where, "velero " + server.address, start,
                  "credentials.secretContents." + std::string(k.text()) + " starts here", seen);
    }
  }
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kBackupStorageLocation))
    if (std::optional<std::string> s = query::known_text(g.node(id).attr("credential_name"))) velero_secret_names.insert(*s);
  // Secret manifests holding Velero-format credentials (the `cloud` key, or a
  // Secret a Velero server or location names).
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kSecret)) {
    const graph::Node& secret = g.node(id);
    const Value* keys = secret.attr("keys");
    if (!keys || !keys->is_list()) continue;
    bool velero_secret = velero_secret_names.count(secret.name.str()) > 0 || secret.ns == "velero";
    for (const Value& k : keys->items()) {
      if (!k.loc().valid() || k.loc().file >= sources.size()) continue;
      if (!velero_secret && k.text() != "cloud") continue;
      SourceLoc start = key_line(sources, k.loc(), k.text());
      std::vector<Hit> hits = scan_value(sources, start, true);
      report_hits(ctx, out, hits, k.loc().file,
                  "Secret " + secret.ns + "/" + secret.name + " (key '" + std::string(k.text()) + "')", "secret " + secret.address,
                  secret.loc, "Secret " + secret.ns + "/" + secret.name + " declared here", seen);
    }
  }
}

}  // namespace

Rule make_dr061() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
