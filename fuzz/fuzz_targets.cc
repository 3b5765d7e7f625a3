#include "fuzz/fuzz_targets.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/cache/codec.h"
#include "analyzer/cache/result_cache.h"
#include "analyzer/config/config_loader.h"
#include "analyzer/eval/template_parse.h"
#include "analyzer/eval/terraform.h"
#include "analyzer/link/link.h"
#include "analyzer/load/hcl_loader.h"
#include "analyzer/load/hcl_prescan.h"
#include "analyzer/load/hcl_recognize.h"
#include "analyzer/load/source_table.h"
#include "analyzer/load/yaml_loader.h"
#include "analyzer/scan/parse_plan.h"
#include "analyzer/scan/scan.h"
#include "analyzer/schedule/cron.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/schedule/iso8601.h"
#include "analyzer/schedule/quantity.h"

namespace drlint::fuzz {
namespace {

FailureHandler g_handler = nullptr;

void check(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

void check_loc(const SourceLoc& loc, FileId file, const char* what) {
  check(loc.file == file, std::string(what) + ": location in the wrong file");
  check(loc.line >= 1 && loc.column >= 1, std::string(what) + ": location without a line/column");
}

// Diagnostics are one line of text: no control characters from the input.
void check_message(const std::string& message, const char* what) {
  check(!message.empty(), std::string(what) + " without a message");
  for (char c : message)
    check(!((c >= 0 && c < 0x20) || c == 0x7f), std::string(what) + " with a control character: " + message);
}

// Splits at '\n' (a trailing '\r' kept), at most `max` pieces.
std::vector<std::string_view> lines_of(std::string_view data, std::size_t max) {
  std::vector<std::string_view> out;
  while (!data.empty() && out.size() < max) {
    std::size_t nl = data.find('\n');
    out.push_back(data.substr(0, nl));
    if (nl == std::string_view::npos) break;
    data.remove_prefix(nl + 1);
  }
  return out;
}

// Nodes of a YAML document carry locations in the file (a bounded walk).
void check_yaml_locs(const Value& root, FileId id) {
  std::vector<const Value*> stack{&root};
  std::size_t budget = 100000;
  while (!stack.empty() && budget-- > 0) {
    const Value* v = stack.back();
    stack.pop_back();
    check_loc(v->loc(), id, "YAML node");
    if (v->is_list())
      for (const Value& i : v->items()) stack.push_back(&i);
    if (v->is_map())
      for (const Value::Entry& e : v->entries()) stack.push_back(&e.second);
  }
}

constexpr FileId kFile = 0;

// --- terraform_eval: the in-memory repository ------------------------------

constexpr const char* kRoot = "/nonexistent/drlint-fuzz-root";
constexpr std::size_t kMaxFiles = 16;

// A repository-relative path made of [A-Za-z0-9._/-] without empty, "." or
// ".." segments; "" if nothing usable remains.
std::string sanitize_path(std::string_view raw) {
  std::string out, seg;
  auto flush = [&] {
    if (!seg.empty() && seg != "." && seg != "..") {
      if (!out.empty()) out += '/';
      out += seg;
    }
    seg.clear();
  };
  for (char c : raw) {
    if (c == '/') {
      flush();
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-') {
      seg += c;
    }
  }
  flush();
  return out.size() > 200 ? out.substr(0, 200) : out;
}

struct RepoFile {
  std::string path;
  std::string content;
};

std::vector<RepoFile> split_repo(std::string_view data) {
  static constexpr std::string_view kMarker = "#--- ";
  std::vector<RepoFile> files{{"main.tf", {}}};
  std::size_t pos = 0;
  while (pos <= data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1);
    if (line.substr(0, kMarker.size()) == kMarker && files.size() < kMaxFiles) {
      std::string_view raw = line.substr(kMarker.size());
      while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
      std::string path = sanitize_path(raw);
      if (path.empty()) path = "f" + std::to_string(files.size()) + ".tf";
      for (const RepoFile& f : files)
        if (f.path == path) path = "d" + std::to_string(files.size()) + "/" + path;
      files.push_back(RepoFile{path, {}});
    } else {
      files.back().content.append(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return files;
}

}  // namespace

void set_failure_handler(FailureHandler handler) { g_handler = handler; }

void fail(const std::string& message) {
  if (g_handler) g_handler(message);
  std::fprintf(stderr, "drlint fuzz: property failed: %s\n", message.c_str());
  std::abort();
}

bool fuzz_yaml(std::string_view data) {
  (void)load::looks_like_helm_template(data);
  load::YamlResult r = load::parse_yaml(kFile, data);
  for (const load::YamlDocument& d : r.documents)
    if (!d.root.is_null() || d.root.loc().line != 0) check_yaml_locs(d.root, kFile);
  if (r.error) {
    check_loc(r.error->loc, kFile, "YAML error");
    check_message(r.error->message, "YAML error");
    return false;
  }
  return true;
}

bool fuzz_hcl(std::string_view data) {
  load::HclResult r = load::parse_hcl(kFile, data);
  if (r.error) {
    check_loc(r.error->loc, kFile, "HCL error");
    check_message(r.error->message, "HCL error");
    return false;
  }
  return true;
}

bool fuzz_hcl_prescan(std::string_view data) {
  if (data.find('\0') != std::string_view::npos) return false;  // the scan never pre-scans binary files
  load::Prescan pre = load::prescan_hcl(data);
  if (!pre.ok) return false;
  std::uint32_t prev_end = 0;
  for (const load::PrescanBlock& b : pre.blocks) {
    check(b.begin >= prev_end && b.begin < b.end && b.end <= data.size(), "pre-scan block range out of order");
    std::uint32_t item_end = b.begin;
    for (const load::PrescanItem& i : b.items) {
      check(i.begin > item_end && i.begin < i.end && i.end < b.end, "pre-scan item range out of order");
      item_end = i.end;
    }
    prev_end = b.end;
  }
  // A block the recognizer accepts is valid HCL on its own.
  std::size_t checked = 0;
  for (const load::PrescanBlock& b : pre.blocks) {
    if (++checked > 64) break;
    std::string_view text = data.substr(b.begin, b.end - b.begin);
    if (!load::recognize_hcl_block(text)) continue;
    load::HclResult alone = load::parse_hcl(kFile, text);
    check(!alone.error, "the recognizer accepts a block tree-sitter rejects: " +
                            (alone.error ? alone.error->message : std::string()));
  }
  // A body item the recognizer accepts is valid HCL inside a block.
  checked = 0;
  for (const load::PrescanBlock& b : pre.blocks) {
    for (const load::PrescanItem& i : b.items) {
      if (++checked > 64) break;
      std::string_view text = data.substr(i.begin, i.end - i.begin);
      if (!load::recognize_hcl_body_item(text)) continue;
      load::HclResult in_block = load::parse_hcl(kFile, "variable \"x\" {\n" + std::string(text) + "\n}\n");
      check(!in_block.error, "the recognizer accepts a body item tree-sitter rejects: " +
                                 (in_block.error ? in_block.error->message : std::string()));
    }
    if (checked > 64) break;
  }
  // The scan's plan: parsing only its ranges finds a syntax error exactly when
  // parsing the whole file does.
  load::SourceTable sources;
  load::SourceFile f;
  f.path = "main.tf";
  f.kind = load::FileKind::kTerraform;
  f.content = std::string(data);
  sources.add(std::move(f));
  std::vector<std::optional<load::Prescan>> prescans(1);
  prescans[0] = std::move(pre);
  std::vector<scan::ParsePlan> plans = scan::plan_terraform_parse(sources, prescans);
  check(plans.size() == 1, "one plan per file");
  load::HclResult whole = load::parse_hcl(kFile, data);
  if (!plans[0].whole) {
    std::uint32_t end = 0;
    for (const load::ByteRange& r : plans[0].ranges) {
      check(r.begin >= end && r.begin <= r.end && r.end <= data.size(), "plan ranges out of order");
      end = r.end;
    }
    load::HclResult part = load::parse_hcl_ranges(kFile, data, plans[0].ranges);
    check(part.error.has_value() == whole.error.has_value(),
          std::string("pre-scanned parse disagrees with the whole parse: whole ") +
              (whole.error ? "fails (" + whole.error->message + ")" : std::string("parses")) + ", ranges " +
              (part.error ? "fail (" + part.error->message + ")" : std::string("parse")));
    if (part.error) check_loc(part.error->loc, kFile, "HCL error (ranges)");
  }
  return !whole.error;
}

bool fuzz_terraform_eval(std::string_view data) {
  std::vector<RepoFile> repo = split_repo(data);
  load::SourceTable sources;
  for (RepoFile& rf : repo) {
    load::SourceFile f;
    f.path = rf.path;
    f.kind = load::classify_path(rf.path);
    f.content = std::move(rf.content);
    sources.add(std::move(f));
  }
  // As scan::run: pre-scan the .tf files, plan, parse the planned ranges.
  const std::size_t n = sources.size();
  std::vector<std::optional<load::Prescan>> prescans(n);
  std::vector<load::LoadedFile> files(n);
  for (std::size_t i = 0; i < n; ++i) {
    const load::SourceFile& f = sources.get(static_cast<FileId>(i));
    if (f.kind == load::FileKind::kTerraform && std::memchr(f.content.data(), '\0', f.content.size()) == nullptr)
      prescans[i] = load::prescan_hcl(f.content);
    else
      files[i] = scan::load_file(f, {});
  }
  std::vector<scan::ParsePlan> plans = scan::plan_terraform_parse(sources, prescans);
  for (std::size_t i = 0; i < n; ++i) {
    if (!prescans[i]) continue;
    const load::SourceFile& f = sources.get(static_cast<FileId>(i));
    files[i] = plans[i].whole ? scan::load_file(f, {}) : scan::load_terraform_ranges(f, plans[i].ranges, {});
  }
  bool ok = true;
  for (const load::LoadedFile& lf : files)
    if (lf.error) {
      check_loc(lf.error->loc, lf.id, "load error");
      check_message(lf.error->message, "load error");
      ok = false;
    }
  eval::Model model = eval::evaluate_terraform(files, sources, kRoot, eval::Inputs{});
  for (const eval::Resource& r : model.resources) check(!r.address.empty(), "resource without an address");
  graph::Graph g = link::build_graph(files, sources, model);
  (void)g;
  return ok;
}

bool fuzz_template(std::string_view data) {
  SourceLoc loc{kFile, 1, 1, 1, 1};
  std::string err1, err2;
  std::optional<hcl::Expr> t = eval::parse_template(data, loc, &err1);
  if (t) (void)eval::is_literal_expr(*t);
  else check(!err1.empty(), "template error without a message");
  std::optional<hcl::Expr> e = eval::parse_expression(data, loc, &err2);
  if (e) (void)eval::is_literal_expr(*e);
  else check(!err2.empty(), "expression error without a message");
  return t.has_value() || e.has_value();
}

bool fuzz_cron(std::string_view data) {
  std::string err;
  std::optional<schedule::CronSchedule> c = schedule::parse_cron(data, &err);
  if (!c) {
    check(!err.empty(), "cron error without a message");
    return false;
  }
  // The normalized text parses back to the same schedule.
  std::string err2;
  std::optional<schedule::CronSchedule> again = schedule::parse_cron(c->describe(), &err2);
  check(again.has_value(), "describe() of \"" + std::string(data) + "\" does not parse: " + err2);
  check(again->minutes == c->minutes && again->hours == c->hours && again->days_of_month == c->days_of_month &&
            again->months == c->months && again->days_of_week == c->days_of_week &&
            again->dom_star == c->dom_star && again->dow_star == c->dow_star && again->every == c->every &&
            again->timezone == c->timezone && again->describe() == c->describe(),
        "describe() does not round-trip: " + c->describe());
  bool runs = schedule::runs_ever(*c);
  std::optional<schedule::Seconds> gap = schedule::longest_gap(*c);
  check(runs == gap.has_value(), "runs_ever disagrees with longest_gap");
  if (!gap) return true;
  // Gaps are positive and at most the 400-year cycle.
  check(*gap > 0 && *gap <= 146097 * schedule::kDay, "longest gap out of range");
  // Consecutive runs inside a window are consecutive runs: never a longer gap.
  const std::int64_t first = schedule::days_from_civil(2024, 1, 15);
  std::optional<schedule::Seconds> window = schedule::longest_gap_in_days(*c, first, first + 70);
  if (window) check(*window > 0 && *window <= *gap, "a gap in a window is longer than the longest gap");
  return true;
}

bool fuzz_iso8601(std::string_view data) {
  std::vector<schedule::RepeatingInterval> parsed;
  for (std::string_view line : lines_of(data, 8)) {
    std::string err;
    std::optional<schedule::RepeatingInterval> r = schedule::parse_repeating_interval(line, &err);
    if (!r) {
      check(!err.empty(), "interval error without a message");
      continue;
    }
    check(r->period > 0, "interval with a period <= 0");
    check(r->seconds_of_day >= 0 && r->seconds_of_day < schedule::kDay, "time of day out of range");
    if (r->repetitions) check(*r->repetitions >= 0, "negative repetition count");
    parsed.push_back(std::move(*r));
  }
  std::optional<schedule::Seconds> gap = schedule::longest_gap_of_intervals(parsed);
  if (parsed.empty()) {
    check(!gap, "a gap without intervals");
    return false;
  }
  check(gap.has_value(), "no gap for parsed intervals");
  schedule::Seconds min_period = parsed[0].period;
  for (const schedule::RepeatingInterval& r : parsed) min_period = std::min(min_period, r.period);
  check(*gap > 0 && *gap <= min_period, "gap of intervals not in (0, smallest period]");
  return true;
}

bool fuzz_duration(std::string_view data) {
  bool any = false;
  std::string err;
  if (std::optional<schedule::Seconds> d = schedule::parse_duration(data, &err)) {
    any = true;
    check(*d >= 0 && *d <= schedule::kMaxSeconds, "parse_duration out of range");
    std::optional<schedule::Seconds> back = schedule::parse_duration(schedule::format_duration(*d));
    check(back && *back == *d, "format_duration does not round-trip " + std::to_string(*d));
  } else {
    check(!err.empty(), "parse_duration error without a message");
  }
  err.clear();
  if (std::optional<schedule::Seconds> d = schedule::parse_go_duration(data, &err)) {
    any = true;
    // Go's int64 nanoseconds: about 2562047h47m16s either way.
    check(*d >= -9223372037 && *d <= 9223372037, "parse_go_duration beyond Go's range");
    (void)schedule::format_duration(*d);
  } else {
    check(!err.empty(), "parse_go_duration error without a message");
  }
  err.clear();
  if (std::optional<schedule::Seconds> d = schedule::parse_iso8601_duration(data, &err)) {
    any = true;
    check(*d >= 0 && *d <= schedule::kMaxSeconds, "parse_iso8601_duration out of range");
    (void)schedule::format_duration(*d);
  } else {
    check(!err.empty(), "parse_iso8601_duration error without a message");
  }
  return any;
}

bool fuzz_quantity(std::string_view data) {
  bool any = false;
  std::string err;
  if (std::optional<std::uint64_t> b = schedule::parse_quantity_bytes(data, &err)) {
    any = true;
    (void)schedule::format_bytes(*b);
    std::optional<std::uint64_t> back = schedule::parse_quantity_bytes(std::to_string(*b));
    check(back && *back == *b, "a byte count does not parse as itself");
  } else {
    check(!err.empty(), "parse_quantity_bytes error without a message");
  }
  err.clear();
  if (std::optional<double> t = schedule::parse_throughput(data, &err)) {
    any = true;
    check(std::isfinite(*t) && *t > 0, "throughput not finite and positive");
  } else {
    check(!err.empty(), "parse_throughput error without a message");
  }
  return any;
}

bool fuzz_config(std::string_view data) {
  config::Config cfg;
  std::string err;
  if (config::load_config_text(data, ".drlint.yaml", kFile, &cfg, &err)) {
    check(cfg.path == ".drlint.yaml" && cfg.version == 1, "loaded configuration with a wrong path or version");
    for (const config::PolicyDecl& p : cfg.policies) {
      if (p.rpo) check(*p.rpo >= 0, "negative rpo");
      if (p.rto) check(*p.rto >= 0, "negative rto");
    }
    check(std::isfinite(cfg.recovery.restore_bytes_per_second) && cfg.recovery.restore_bytes_per_second > 0,
          "restore throughput not finite and positive");
    return true;
  }
  // FILE:LINE:COL: message, on one line.
  check(err.rfind(".drlint.yaml:", 0) == 0, "configuration error without FILE:LINE:COL: " + err);
  std::size_t p = std::strlen(".drlint.yaml:");
  std::size_t digits = 0;
  while (p < err.size() && err[p] >= '0' && err[p] <= '9') ++p, ++digits;
  check(digits > 0 && p < err.size() && err[p] == ':', "configuration error without a line: " + err);
  check_message(err, "configuration error");
  return false;
}

bool fuzz_result_cache(std::string_view data) {
  constexpr std::size_t kFiles = 4;
  cache::Reader r(data);
  cache::Payload p;
  if (!cache::read_payload(r, kFiles, &p)) return false;
  auto valid = [&](const SourceLoc& l) { return l.file == kNoFile || l.file < kFiles; };
  for (const Finding& f : p.findings) {
    check(valid(f.loc), "finding location outside the scan");
    for (const RelatedLocation& rl : f.related) check(valid(rl.loc), "related location outside the scan");
    check(f.level >= Level::kNote && f.level <= Level::kError, "finding level out of range");
  }
  for (const graph::Node& n : p.graph.nodes()) check(valid(n.loc) && n.attrs.is_map(), "bad graph node");
  for (const graph::Edge& e : p.graph.edges())
    check(graph::index(e.from) < p.graph.nodes().size() && graph::index(e.to) < p.graph.nodes().size(),
          "edge to a node that does not exist");
  // What was read encodes to what reads back the same.
  scan::Result again;
  again.findings = p.findings;
  again.graph = std::move(p.graph);
  again.stats.terraform_blocks = p.terraform_blocks;
  cache::Writer w;
  cache::write_payload(w, again);
  cache::Reader r2(w.bytes());
  cache::Payload q;
  check(cache::read_payload(r2, kFiles, &q) && r2.at_end(), "re-encoded payload does not read back");
  check(q.findings.size() == again.findings.size() && q.graph.nodes().size() == again.graph.nodes().size() &&
            q.graph.edges().size() == again.graph.edges().size() && q.terraform_blocks == p.terraform_blocks,
        "re-encoded payload reads back different");
  return true;
}

const Target* targets() {
  static const Target kTargets[] = {
      {"yaml", fuzz_yaml},
      {"hcl", fuzz_hcl},
      {"hcl_prescan", fuzz_hcl_prescan},
      {"terraform_eval", fuzz_terraform_eval},
      {"template", fuzz_template},
      {"cron", fuzz_cron},
      {"iso8601", fuzz_iso8601},
      {"duration", fuzz_duration},
      {"quantity", fuzz_quantity},
      {"config", fuzz_config},
      {"result_cache", fuzz_result_cache},
      {nullptr, nullptr},
  };
  return kTargets;
}

const Target* find_target(std::string_view name) {
  for (const Target* t = targets(); t->name; ++t)
    if (name == t->name) return t;
  return nullptr;
}

}  // namespace drlint::fuzz
