#include "analyzer/scan/scan.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/link/link.h"
#include "analyzer/load/hcl_loader.h"
#include "analyzer/load/hcl_prescan.h"
#include "analyzer/scan/ahead_loader.h"
#include "analyzer/scan/parse_plan.h"
#include "analyzer/suppress/suppressions.h"
#include "analyzer/util/hash.h"
#include "analyzer/util/parallel.h"
#include "analyzer/util/read_file.h"
#include "rules/registry.h"

namespace drlint::scan {
namespace {

// DR900 for files that do not parse; DR903 (a note) for Terraform that
// parses but cannot be fully evaluated.
Finding diagnostic_finding(const load::ParseError& e, const char* rule_id = "DR900") {
  Finding f;
  f.rule_id = rule_id;
  f.level = rules::find_rule(rule_id)->level;
  f.message = e.message;
  f.loc = e.loc;
  f.key = std::string(rule_id) == "DR900" ? "parse-error" : e.message;
  return f;
}

void load_json(const load::SourceFile& file, const load::LoadLimits& limits, LoadedFile& out) {
  try {
    if (!nlohmann::json::accept(file.content)) (void)!nlohmann::json::parse(file.content).is_null();
  } catch (const nlohmann::json::parse_error& e) {
    std::string msg = e.what();
    std::size_t p = msg.find("syntax error");
    out.set_error(load::ParseError{loc_of_offset(file.id, file.content, e.byte > 0 ? e.byte - 1 : 0),
                                   "JSON " + (p == std::string::npos ? msg : msg.substr(p))});
    return;
  }
  // yaml-cpp reads JSON and keeps line/column marks, which nlohmann does not.
  load::YamlResult y = load::parse_yaml(file.id, file.content, limits);
  if (y.error) out.set_error(std::move(y.error));
  out.yaml = std::move(y.documents);
}

std::string_view trim_line(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

// Git stores a symbolic link as a blob holding its target; checked out
// without symlink support it becomes a one-line file such as "../main.tf".
bool looks_like_symlink_text(std::string_view text) {
  std::string_view t = trim_line(text);
  if (t.empty() || t.size() > 512 || t.find('\n') != std::string_view::npos) return false;
  if (t.find_first_of(" \t=\"{}") != std::string_view::npos) return false;
  return t.find('/') != std::string_view::npos || t.find(".tf") != std::string_view::npos;
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Evaluate -> link. Evaluation problems that are not syntax errors (a module
// or file() outside the scan root, an unreadable --var-file) are DR903 notes.
void link_stages(const Options& options, Result& result, PhaseClock& clock) {
  eval::Inputs inputs = options.terraform_inputs;
  inputs.jobs = options.jobs;
  result.terraform = eval::evaluate_terraform(result.files, result.sources, result.root, inputs);
  for (const load::ParseError& d : result.terraform.diagnostics) result.findings.push_back(diagnostic_finding(d, "DR903"));
  clock.lap("evaluate");
  if (!options.stream_yaml) {
    result.graph = link::build_graph(result.files, result.sources, result.terraform, options.policy);
    clock.lap("link");
    return;
  }

  auto load_yaml = [&](const std::vector<FileId>& ids) {
    parallel_for(options.jobs, ids.size(), [&](std::size_t k) { load_yaml_file(result, ids[k], options.limits); });
  };
  std::vector<FileId> yaml;
  for (const LoadedFile& lf : result.files)
    if (lf.kind == load::FileKind::kYaml && !lf.error) yaml.push_back(lf.id);

  link::GraphLinker linker(result.files, result.sources, result.terraform);
  // CRDs first (a custom resource's scope comes from its CRD): the files
  // that mention the kind are loaded ahead of the others.
  std::vector<FileId> crd_files;
  for (FileId id : yaml)
    if (result.sources.get(id).content.find("CustomResourceDefinition") != std::string::npos) crd_files.push_back(id);
  load_yaml(crd_files);
  linker.add_crds(crd_files);

  // The other files stream: workers parse them in order, at most a window
  // of source bytes ahead of this thread, which links each file as soon as
  // it is parsed and hands its freed documents back to the workers.
  // The suppression directives of the streamed files that have any, in
  // file order (a vector per file was 1.2 MiB at 50k files, at the peak).
  std::vector<std::pair<FileId, std::vector<suppress::Directive>>> streamed_directives;
  {
    AheadLoader loader(result, yaml, options.yaml_window_bytes, options.jobs, options.limits);
    for (std::size_t i = 0; i < yaml.size(); ++i) {
      FileId id = yaml[i];
      loader.wait_ready(i);
      linker.add_objects({id});
      // Annotations are suppressions: read them before the documents go.
      std::vector<suppress::Directive> found;
      suppress::find_file_directives(result.sources.get(id), &result.files[id], &found);
      if (!found.empty()) streamed_directives.emplace_back(id, std::move(found));
      if (result.files[id].error) result.findings.push_back(diagnostic_finding(*result.files[id].error));
      std::vector<Value> dropped;
      linker.release(result.files, {id}, &dropped);
      loader.consumed(i, std::move(dropped));
      // Nothing reads a linked file whose documents are all gone but the
      // lines that findings quote: its content goes too (read again if
      // asked; at 50k files, 20 MiB of YAML text at the peak).
      if (result.files[id].yaml.empty() && !linker.keeps_whole(id)) result.sources.release_content(id);
    }
  }
  result.graph = linker.finish(options.policy);
  result.link_leftovers = linker.leftovers();
  result.directives.emplace();
  auto streamed = streamed_directives.begin();
  for (FileId id = 0; id < result.files.size(); ++id) {
    if (result.files[id].kind != load::FileKind::kYaml || result.files[id].error) {
      suppress::find_file_directives(result.sources.get(id), &result.files[id], &*result.directives);
    } else if (streamed != streamed_directives.end() && streamed->first == id) {
      for (suppress::Directive& d : streamed->second) result.directives->push_back(std::move(d));
      ++streamed;
    }
  }
  clock.lap("load YAML + link");
}

}  // namespace

PhaseClock::PhaseClock(Stats& stats) : stats_(stats), last_(now_seconds()) {}

void PhaseClock::lap(const char* phase) {
  double now = now_seconds();
  stats_.phases.push_back(PhaseTime{phase, now - last_});
  last_ = now;
}

SourceLoc loc_of_offset(FileId id, std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  SourceLoc l{id, 1, 1, 1, 1};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++l.line;
      line_start = i + 1;
    }
  }
  l.column = static_cast<std::uint32_t>(offset - line_start + 1);
  l.end_line = l.line;
  l.end_column = l.column;
  return l;
}

LoadedFile load_terraform_ranges(const load::SourceFile& file, const std::vector<load::ByteRange>& ranges,
                                 const load::LoadLimits& limits) {
  LoadedFile out;
  out.id = file.id;
  out.kind = file.kind;
  load::HclResult r = load::parse_hcl_ranges(file.id, file.content, ranges, limits);
  if (r.error) out.set_error(std::move(r.error));
  else out.hcl = std::make_unique<hcl::File>(std::move(r.file));
  return out;
}

LoadedFile load_file(const load::SourceFile& file, const load::LoadLimits& limits) {
  LoadedFile out;
  out.id = file.id;
  out.kind = file.kind;
  const std::string& text = file.content;
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    std::size_t at = text.find('\0');
    out.set_error(load::ParseError{loc_of_offset(file.id, text, at), "binary content (NUL byte); not a text file"});
    return out;
  }
  switch (file.kind) {
    case load::FileKind::kTerraform:
    case load::FileKind::kTfvars: {
      load::HclResult r = load::parse_hcl(file.id, text, limits);
      if (r.error && looks_like_symlink_text(text))
        r.error->message = "the file holds only the path '" + std::string(trim_line(text)) +
                           "': a symbolic link checked out as a plain file (core.symlinks=false?); not HCL";
      if (r.error) out.set_error(std::move(r.error));
      else out.hcl = std::make_unique<hcl::File>(std::move(r.file));
      break;
    }
    case load::FileKind::kTerraformJson:
    case load::FileKind::kTfvarsJson:
      load_json(file, limits, out);
      break;
    case load::FileKind::kYaml: {
      bool in_templates = file.path.find("templates/") != std::string::npos;
      if (in_templates && load::looks_like_helm_template(text)) {
        out.helm_template = true;
        break;
      }
      load::YamlResult r = load::parse_yaml(file.id, text, limits);
      out.yaml = std::move(r.documents);
      if (r.error) out.set_error(std::move(r.error));
      break;
    }
    case load::FileKind::kOther:
      break;
  }
  return out;
}

std::unique_ptr<Result> read_sources(const Options& options) {
  auto result = std::make_unique<Result>();
  result->started = now_seconds();
  PhaseClock clock(result->stats);
  discover::Result found = discover::discover(options.discovery);
  result->root = found.root;
  result->sources.set_root(found.root);
  result->skipped = std::move(found.skipped);
  result->errors = std::move(found.errors);

  // FileIds follow the sorted discovery order, so output is deterministic
  // whatever the thread count.
  for (const discover::Candidate& c : found.files) {
    load::SourceFile f;
    f.path = c.rel_path;
    f.kind = c.kind;
    // Where a released file's lines are read again (SourceTable): only if
    // that is where it was found.
    f.reopenable = c.abs_path.size() == found.root.size() + 1 + c.rel_path.size() &&
                   c.abs_path.compare(0, found.root.size(), found.root) == 0 &&
                   c.abs_path[found.root.size()] == '/' &&
                   c.abs_path.compare(found.root.size() + 1, std::string::npos, c.rel_path) == 0;
    result->sources.add(std::move(f));
  }
  const std::size_t n = result->sources.size();
  result->files.resize(n);
  if (options.hash_contents) result->content_hashes.resize(n);
  clock.lap("discover");

  // Read every file once. A file that cannot be read is a DR900 at load.
  // Files are opened by the path discovery found them at, which only this
  // read needs (a file named outside the root is not at root + "/" + path):
  // the table does not keep it.
  parallel_for(options.jobs, n, [&](std::size_t i) {
    const load::SourceFile& f = result->sources.get(static_cast<FileId>(i));
    LoadedFile& lf = result->files[i];
    lf.id = f.id;
    lf.kind = f.kind;
    std::string content, err;
    if (!read_file(found.files[i].abs_path, options.limits.max_file_bytes, &content, &err))
      lf.set_error(load::ParseError{SourceLoc{f.id, 1, 1, 1, 1}, err});
    if (options.hash_contents) result->content_hashes[i] = hash_bytes(lf.error ? "\x01" + err : content);
    result->sources.set_content(f.id, std::move(content));
  });
  for (std::size_t i = 0; i < n; ++i) result->stats.bytes += result->sources.get(static_cast<FileId>(i)).content.size();
  result->stats.files = n;
  clock.lap("read");
  return result;
}

void load_and_link(const Options& options, Result& r) {
  Result* result = &r;
  PhaseClock clock(result->stats);
  const std::size_t n = result->sources.size();
  const unsigned jobs = options.jobs;  // 0: all cores (parallel_for)
  // 1. Load all but the .tf files, which are pre-scanned.
  std::vector<std::optional<load::Prescan>> prescans(n);
  parallel_for(jobs, n, [&](std::size_t i) {
    if (result->files[i].error) return;  // unreadable
    const load::SourceFile& f = result->sources.get(static_cast<FileId>(i));
    if (f.kind == load::FileKind::kYaml && options.build_graph && options.stream_yaml) return;  // loaded while linking
    if (f.kind == load::FileKind::kTerraform && options.prescan &&
        std::memchr(f.content.data(), '\0', f.content.size()) == nullptr) {
      prescans[i] = load::prescan_hcl(f.content);  // parsed in step 3
      return;
    }
    result->files[i] = load_file(f, options.limits);
  });
  // 2. Decide which blocks each .tf file needs parsed, per directory.
  std::vector<ParsePlan> plans = plan_terraform_parse(result->sources, prescans);
  std::vector<FileId> terraform;
  for (std::size_t i = 0; i < n; ++i)
    if (prescans[i]) terraform.push_back(static_cast<FileId>(i));
  prescans.clear();
  for (const ParsePlan& p : plans) {
    result->stats.terraform_blocks += p.blocks;
    result->stats.skipped_blocks += p.skipped_blocks;
    result->stats.rejected_blocks += p.rejected_blocks;
    result->stats.skipped_items += p.skipped_items;
  }
  // 3. Parse them, largest first so that no thread waits on a big file.
  std::sort(terraform.begin(), terraform.end(), [&](FileId a, FileId b) {
    return result->sources.get(a).content.size() > result->sources.get(b).content.size();
  });
  parallel_for(jobs, terraform.size(), [&](std::size_t k) {
    FileId id = terraform[k];
    const load::SourceFile& f = result->sources.get(id);
    const ParsePlan& plan = plans[id];
    result->files[id] = plan.whole ? load_file(f, options.limits) : load_terraform_ranges(f, plan.ranges, options.limits);
  });

  for (const LoadedFile& lf : result->files)
    if (lf.error) result->findings.push_back(diagnostic_finding(*lf.error));
  clock.lap("load");
  if (options.build_graph) link_stages(options, *result, clock);
  std::stable_sort(result->findings.begin(), result->findings.end(), finding_less);
  result->stats.seconds = now_seconds() - result->started;
}

std::unique_ptr<Result> run(const Options& options) {
  std::unique_ptr<Result> result = read_sources(options);
  load_and_link(options, *result);
  return result;
}

}  // namespace drlint::scan
