#include "analyzer/suppress/suppressions.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <string_view>

#include "analyzer/config/config.h"
#include "rules/registry.h"

namespace drlint::suppress {
namespace {

constexpr std::string_view kMarker = "drlint:ignore";
constexpr std::string_view kAnnotation = "drlint.io/ignore";
constexpr std::string_view kReasonAnnotation = "drlint.io/ignore-reason";
constexpr std::uint32_t kEndOfFile = std::numeric_limits<std::uint32_t>::max();

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_lines(std::string_view content) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= content.size()) {
    std::size_t nl = content.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < content.size()) lines.push_back(content.substr(start));
      break;
    }
    std::string_view line = content.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

// A comment found by the lexers: 1-based line, 1-based byte column of its
// marker ('#' or '//'), the text after the marker, and whether code precedes
// it on the line.
struct Comment {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string_view body;
  std::size_t marker_len = 1;
  bool after_code = false;
};

struct Lexed {
  std::vector<Comment> comments;
  std::vector<bool> comment_only;  // index line-1: the line holds a comment and nothing else
};

// YAML: '#' starts a comment at the start of a line or after white space,
// outside quoted scalars and block scalars ('|', '>').
Lexed lex_yaml(const std::vector<std::string_view>& lines) {
  Lexed out;
  out.comment_only.assign(lines.size(), false);
  char quote = 0;
  int block_indent = -1;  // the indentation a block scalar's content must exceed
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view text = lines[i];
    std::size_t indent = 0;
    while (indent < text.size() && text[indent] == ' ') ++indent;
    bool blank = trim(text).empty();
    if (block_indent >= 0) {
      if (blank || static_cast<int>(indent) > block_indent) continue;
      block_indent = -1;
    }
    if (blank) continue;
    std::size_t code_end = text.size();
    for (std::size_t j = 0; j < text.size(); ++j) {
      char c = text[j];
      if (quote == '\'') {
        if (c == '\'') {
          if (j + 1 < text.size() && text[j + 1] == '\'') ++j;
          else quote = 0;
        }
        continue;
      }
      if (quote == '"') {
        if (c == '\\') ++j;
        else if (c == '"') quote = 0;
        continue;
      }
      if (c == '#' && (j == 0 || text[j - 1] == ' ' || text[j - 1] == '\t')) {
        Comment cm;
        cm.line = static_cast<std::uint32_t>(i + 1);
        cm.column = static_cast<std::uint32_t>(j + 1);
        cm.body = text.substr(j + 1);
        cm.after_code = !trim(text.substr(0, j)).empty();
        out.comment_only[i] = !cm.after_code;
        out.comments.push_back(cm);
        code_end = j;
        break;
      }
      if (c == '"' || c == '\'') {
        // A quote opens a scalar only where a scalar can start.
        std::size_t p = j;
        while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
        if (p == 0 || std::string_view(":-[{,?").find(text[p - 1]) != std::string_view::npos) quote = c;
      }
    }
    if (quote) continue;
    // Block scalar header: "key: |", "- >-", "key: |2" (before any comment).
    std::string_view code = trim(text.substr(0, code_end));
    std::size_t k = code.size();
    while (k > 0 && (code[k - 1] == '-' || code[k - 1] == '+' || (code[k - 1] >= '0' && code[k - 1] <= '9'))) --k;
    if (k == 0 || (code[k - 1] != '|' && code[k - 1] != '>') || code.size() - k > 2) continue;
    std::size_t ind = k - 1;  // the indicator
    std::size_t b = ind;
    while (b > 0 && (code[b - 1] == ' ' || code[b - 1] == '\t')) --b;
    if (b > 0 && code[b - 1] != ':' && code[b - 1] != '-') continue;
    if (b > 0 && code[b - 1] == '-' && b >= 2 && code[b - 2] != ' ' && b - 1 != 0) continue;
    // Content must be indented deeper than the key (or the dash) that owns it.
    std::size_t owner = indent;
    std::size_t pos = indent;
    std::size_t last_dash = indent;
    while (pos + 1 < text.size() && text[pos] == '-' && (text[pos + 1] == ' ' || text[pos + 1] == '\t')) {
      last_dash = pos;
      pos += 2;
      while (pos < text.size() && text[pos] == ' ') ++pos;
    }
    owner = pos;
    if (pos < text.size() && (text[pos] == '|' || text[pos] == '>')) owner = last_dash;
    block_indent = static_cast<int>(owner);
  }
  return out;
}

// HCL (Terraform, tfvars): '#' and '//' line comments outside strings, block
// comments and heredocs.
Lexed lex_hcl(const std::vector<std::string_view>& lines) {
  Lexed out;
  out.comment_only.assign(lines.size(), false);
  bool in_block_comment = false;
  std::string heredoc;  // terminator while inside a heredoc
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view text = lines[i];
    if (!heredoc.empty()) {
      if (trim(text) == heredoc) heredoc.clear();
      continue;
    }
    std::vector<int> stack;  // -1: inside a string; n > 0: inside ${ } with brace depth n
    bool code_seen = false;
    bool comment_seen = false;
    std::string pending_heredoc;
    for (std::size_t j = 0; j < text.size(); ++j) {
      char c = text[j];
      char next = j + 1 < text.size() ? text[j + 1] : '\0';
      if (in_block_comment) {
        comment_seen = true;
        if (c == '*' && next == '/') {
          in_block_comment = false;
          ++j;
        }
        continue;
      }
      if (!stack.empty() && stack.back() == -1) {
        if (c == '\\') {
          ++j;
        } else if (c == '"') {
          stack.pop_back();
        } else if ((c == '$' || c == '%') && next == '{') {
          stack.push_back(1);
          ++j;
        }
        continue;
      }
      if (is_blank(c)) continue;
      if (stack.empty() && (c == '#' || (c == '/' && next == '/'))) {
        Comment cm;
        cm.line = static_cast<std::uint32_t>(i + 1);
        cm.column = static_cast<std::uint32_t>(j + 1);
        cm.marker_len = c == '#' ? 1 : 2;
        cm.body = text.substr(j + cm.marker_len);
        cm.after_code = code_seen;
        out.comments.push_back(cm);
        comment_seen = true;
        break;
      }
      if (c == '/' && next == '*') {
        in_block_comment = true;
        comment_seen = true;
        ++j;
        continue;
      }
      code_seen = true;
      if (c == '"') {
        stack.push_back(-1);
      } else if (!stack.empty() && c == '{') {
        ++stack.back();
      } else if (!stack.empty() && c == '}') {
        if (--stack.back() == 0) stack.pop_back();
      } else if (stack.empty() && c == '<' && next == '<') {
        std::size_t p = j + 2;
        if (p < text.size() && text[p] == '-') ++p;
        std::size_t s = p;
        while (p < text.size() && (std::isalnum(static_cast<unsigned char>(text[p])) || text[p] == '_')) ++p;
        if (p > s) {
          pending_heredoc = std::string(text.substr(s, p - s));
          j = p - 1;
        }
      }
    }
    out.comment_only[i] = comment_seen && !code_seen;
    if (!pending_heredoc.empty()) heredoc = pending_heredoc;
  }
  return out;
}

bool id_shaped(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) ++i;
  if (i < 2 || i == t.size()) return false;
  for (; i < t.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  return true;
}

// Parses "DR010, DR012 -- reason" (the text after "drlint:ignore", or an
// annotation value) into the directive's ids/unknown/malformed/reason.
void parse_body(std::string_view body, Directive* d) {
  std::string_view ids = body;
  std::size_t dash = body.find("--");
  if (dash != std::string_view::npos) {
    ids = body.substr(0, dash);
    d->reason = std::string(trim(body.substr(dash + 2)));
  }
  std::size_t i = 0;
  while (i < ids.size()) {
    while (i < ids.size() && (is_blank(ids[i]) || ids[i] == ',')) ++i;
    std::size_t s = i;
    while (i < ids.size() && !is_blank(ids[i]) && ids[i] != ',') ++i;
    if (i == s) break;
    std::string_view tok = ids.substr(s, i - s);
    if (!id_shaped(tok)) {
      d->malformed = std::string(trim(ids.substr(s)));
      break;
    }
    std::string upper(tok);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!rules::find_rule(upper)) {
      if (std::find(d->unknown.begin(), d->unknown.end(), std::string(tok)) == d->unknown.end())
        d->unknown.emplace_back(tok);
    } else if (std::find(d->ids.begin(), d->ids.end(), upper) == d->ids.end()) {
      d->ids.push_back(upper);
    }
  }
}

void comment_directives(FileId id, std::string_view content, bool hcl, std::vector<Directive>* out) {
  if (content.find(kMarker) == std::string_view::npos) return;
  std::vector<std::string_view> lines = split_lines(content);
  Lexed lexed = hcl ? lex_hcl(lines) : lex_yaml(lines);
  for (const Comment& c : lexed.comments) {
    std::string_view body = c.body;
    while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.remove_prefix(1);
    if (body.substr(0, kMarker.size()) != kMarker) continue;
    body.remove_prefix(kMarker.size());
    if (!body.empty() && !is_blank(body.front())) continue;  // "drlint:ignored", "drlint:ignore-foo"
    Directive d;
    d.source = Directive::Source::kComment;
    std::string_view line = lines[c.line - 1];
    d.loc = SourceLoc{id, c.line, c.column, c.line, static_cast<std::uint32_t>(line.size() + 1)};
    d.text = std::string(trim(line.substr(c.column - 1)));
    parse_body(body, &d);
    d.first_line = c.line;
    d.last_line = c.line;
    if (!c.after_code) {
      // Reaches the next line that is not a comment of its own.
      std::size_t n = c.line;  // index of the next line
      while (n < lines.size() && lexed.comment_only[n]) ++n;
      if (n < lines.size() && !trim(lines[n]).empty()) d.last_line = static_cast<std::uint32_t>(n + 1);
    }
    out->push_back(std::move(d));
  }
}

// Lines at column 1 that start or end a YAML document ("---", "...").
std::vector<std::uint32_t> document_markers(std::string_view content) {
  std::vector<std::uint32_t> out;
  std::vector<std::string_view> lines = split_lines(content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if ((l.substr(0, 3) == "---" || l.substr(0, 3) == "...") && (l.size() == 3 || is_blank(l[3])))
      out.push_back(static_cast<std::uint32_t>(i + 1));
  }
  return out;
}

void annotation_directive(const Value& object, std::uint32_t first, std::uint32_t last, std::vector<Directive>* out) {
  if (!object.is_map()) return;
  const Value* annotations = object.at_path("metadata.annotations");
  if (!annotations || !annotations->is_map()) return;
  const Value* v = annotations->get(kAnnotation);
  if (!v || !v->is_scalar()) return;
  Directive d;
  d.source = Directive::Source::kAnnotation;
  d.loc = v->loc();
  d.text = std::string(kAnnotation) + ": " + std::string(v->text());
  parse_body(v->text(), &d);
  if (d.reason.empty()) {
    const Value* r = annotations->get(kReasonAnnotation);
    if (r && r->is_scalar()) d.reason = std::string(trim(r->text()));
  }
  d.first_line = first;
  d.last_line = last;
  std::string kind(object.string_at("kind"));
  std::string ns(object.string_at("metadata.namespace"));
  std::string name(object.string_at("metadata.name"));
  d.object = (kind.empty() ? "object" : kind) + " " + (ns.empty() ? name : ns + "/" + name);
  out->push_back(std::move(d));
}

void annotation_directives(const load::SourceFile& file, const load::LoadedFile& loaded, std::vector<Directive>* out) {
  if (file.content.find(kAnnotation) == std::string::npos) return;
  std::vector<std::uint32_t> markers = document_markers(file.content);
  std::uint32_t error_line = loaded.error ? loaded.error->loc.line : 0;
  const auto& docs = loaded.yaml;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Value& root = docs[i].root;
    if (!root.is_map() || root.loc().line == 0) continue;
    std::uint32_t start = root.loc().line;
    std::uint32_t end = kEndOfFile;
    for (std::size_t j = i + 1; j < docs.size(); ++j)
      if (docs[j].root.loc().line > start) {
        end = docs[j].root.loc().line - 1;
        break;
      }
    for (std::uint32_t m : markers)
      if (m > start) {
        end = std::min(end, m - 1);
        break;
      }
    if (error_line > start) end = std::min(end, error_line - 1);
    std::string_view kind = root.string_at("kind");
    const Value* items = root.get("items");
    if (kind.size() >= 4 && kind.substr(kind.size() - 4) == "List" && items && items->is_list()) {
      const auto& list = items->items();
      for (std::size_t k = 0; k < list.size(); ++k) {
        std::uint32_t s = list[k].loc().line;
        std::uint32_t e = end;
        if (k + 1 < list.size() && list[k + 1].loc().line > s) e = list[k + 1].loc().line - 1;
        annotation_directive(list[k], s, e, out);
      }
      continue;
    }
    annotation_directive(root, start, end, out);
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

void find_file_directives(const load::SourceFile& file, const load::LoadedFile* loaded, std::vector<Directive>* out) {
  if (loaded && loaded->helm_template) return;
  switch (file.kind) {
    case load::FileKind::kYaml:
      comment_directives(file.id, file.content, false, out);
      if (loaded) annotation_directives(file, *loaded, out);
      break;
    case load::FileKind::kTerraform:
    case load::FileKind::kTfvars:
      comment_directives(file.id, file.content, true, out);
      break;
    default:
      break;  // JSON has no comments
  }
}

std::vector<Directive> find_directives(const load::SourceTable& sources, const std::vector<load::LoadedFile>& files) {
  std::map<FileId, const load::LoadedFile*> by_id;
  for (const load::LoadedFile& f : files) by_id[f.id] = &f;
  std::vector<Directive> out;
  for (FileId id = 0; id < sources.size(); ++id) {
    auto it = by_id.find(id);
    find_file_directives(sources.get(id), it == by_id.end() ? nullptr : it->second, &out);
  }
  return out;
}

void apply_suppressions(std::vector<Finding>& findings, const load::SourceTable& sources,
                        const std::vector<load::LoadedFile>& files, const config::Config* config) {
  apply_suppressions(findings, sources, files, find_directives(sources, files), config);
}

void apply_suppressions(std::vector<Finding>& findings, const load::SourceTable& /*sources*/,
                        const std::vector<load::LoadedFile>& files, std::vector<Directive> directives,
                        const config::Config* config) {
  if (directives.empty()) return;

  std::map<FileId, std::vector<std::size_t>> by_file;
  for (std::size_t i = 0; i < directives.size(); ++i) by_file[directives[i].loc.file].push_back(i);
  // used[i][k]: directive i's k-th rule ID matched a finding.
  std::vector<std::vector<bool>> used(directives.size());
  for (std::size_t i = 0; i < directives.size(); ++i) used[i].assign(directives[i].ids.size(), false);

  for (Finding& f : findings) {
    if (!f.loc.valid()) continue;
    auto it = by_file.find(f.loc.file);
    if (it == by_file.end()) continue;
    const Directive* chosen = nullptr;
    for (std::size_t i : it->second) {
      const Directive& d = directives[i];
      if (f.loc.line < d.first_line || f.loc.line > d.last_line) continue;
      auto id = std::find(d.ids.begin(), d.ids.end(), f.rule_id);
      if (id == d.ids.end()) continue;
      used[i][static_cast<std::size_t>(id - d.ids.begin())] = true;
      // A comment is more specific than an object's annotation.
      if (!chosen || (chosen->source == Directive::Source::kAnnotation && d.source == Directive::Source::kComment))
        chosen = &d;
    }
    if (chosen && !f.suppression) {
      Suppression s;
      s.kind = Suppression::Kind::kInSource;
      s.justification = chosen->reason;
      s.loc = chosen->loc;
      f.suppression = s;
    }
  }

  // The notes about the suppressions themselves.
  std::map<FileId, const load::LoadedFile*> by_id;
  for (const load::LoadedFile& f : files) by_id[f.id] = &f;
  auto override_for = [config](std::string_view id) -> const config::RuleOverride* {
    return config ? config->override_for(id) : nullptr;
  };
  auto emit = [&](const char* rule_id, const Directive& d, std::string message, std::string key) {
    const config::RuleOverride* o = override_for(rule_id);
    if (o && o->off) return;
    const rules::RuleInfo* info = rules::find_rule(rule_id);
    Finding f;
    f.rule_id = rule_id;
    f.level = o && o->level ? *o->level : info ? info->level : Level::kNote;
    f.message = std::move(message);
    f.loc = d.loc;
    f.key = std::move(key);
    findings.push_back(std::move(f));
  };
  const std::string kForm = "`drlint:ignore DR010[,DR012] -- reason`";
  for (std::size_t i = 0; i < directives.size(); ++i) {
    const Directive& d = directives[i];
    bool annotation = d.source == Directive::Source::kAnnotation;
    std::string what = annotation ? "The " + std::string(kAnnotation) + " annotation on " + d.object : "Suppression";
    std::string form = annotation ? "`" + std::string(kAnnotation) + ": \"DR010,DR012 -- reason\"`" : kForm;
    auto lf = by_id.find(d.loc.file);
    bool analyzable = lf == by_id.end() || (!lf->second->error && !lf->second->helm_template);
    if (!d.malformed.empty()) {
      emit("DR902", d,
           what + " has \"" + d.malformed + "\" where rule IDs belong; expected " + form +
               " (the reason goes after `--`).",
           "malformed " + d.text);
    } else if (d.ids.empty() && d.unknown.empty()) {
      emit("DR902", d, what + " names no rule ID, so it suppresses nothing; expected " + form + ".",
           "no-ids " + d.text);
    }
    for (const std::string& u : d.unknown)
      emit("DR902", d,
           what + " names the unknown rule ID " + u + ", which suppresses nothing; use a rule ID listed by "
                  "`drlint rules`.",
           "unknown " + u + " " + d.text);
    if (analyzable) {
      for (std::size_t k = 0; k < d.ids.size(); ++k) {
        if (used[i][k]) continue;
        const config::RuleOverride* o = override_for(d.ids[k]);
        if (o && o->off) continue;  // the rule did not run
        const std::string& id = d.ids[k];
        if (annotation)
          emit("DR902", d,
               what + " names " + id + ", but no " + id + " finding is in that object; remove " + id + " from it.",
               "unused " + id + " " + d.text);
        else
          emit("DR902", d,
               "Suppression of " + id + " matches no " + id + " finding on this line" +
                   (d.last_line > d.first_line ? " or the next" : "") +
                   "; remove it, or move it to the line of the finding.",
               "unused " + id + " " + d.text);
      }
    }
    if (d.reason.empty() && d.malformed.empty() && !d.ids.empty()) {
      if (annotation)
        emit("DR901", d,
             what + " gives no reason for suppressing " + join(d.ids) + "; add one after `--` in its value or in the "
                    "annotation " + std::string(kReasonAnnotation) + ".",
             "no-reason " + d.text);
      else
        emit("DR901", d,
             "Suppression of " + join(d.ids) + " gives no reason; add one after `--`, e.g. `# drlint:ignore " +
                 join(d.ids) + " -- <why this risk is accepted>`.",
             "no-reason " + d.text);
    }
  }
  std::stable_sort(findings.begin(), findings.end(), finding_less);
}

}  // namespace drlint::suppress
