#include "analyzer/scan/analyze.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <utility>

#include "analyzer/cache/result_cache.h"
#include "analyzer/config/config_loader.h"
#include "analyzer/report/fingerprint.h"
#include "analyzer/suppress/suppressions.h"
#include "rules/rule_context.h"
#include "rules/runner.h"

namespace drlint::scan {
namespace fs = std::filesystem;

std::string resolve_root(const discover::Options& options) {
  std::error_code ec;
  fs::path root;
  if (!options.root.empty()) {
    root = fs::absolute(options.root, ec).lexically_normal();
  } else {
    std::string first = options.paths.empty() ? "." : options.paths.front();
    std::string git = discover::find_git_root(first);
    root = git.empty() ? fs::current_path(ec) : fs::path(git);
  }
  std::string s = root.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

namespace {

// .drlint.yaml policies become kPolicy nodes in the graph.
link::PolicyInputs policy_inputs(const config::Config& config) {
  link::PolicyInputs in;
  for (const config::PolicyDecl& p : config.policies) {
    link::ConfigPolicy cp;
    cp.name = p.name;
    cp.namespaces = p.namespaces;
    cp.rpo = p.rpo ? Value::string(std::to_string(*p.rpo) + "s", p.rpo_loc) : Value::null(p.loc);
    cp.rto = p.rto ? Value::string(std::to_string(*p.rto) + "s", p.rto_loc) : Value::null(p.loc);
    cp.loc = p.loc;
    in.policies.push_back(std::move(cp));
  }
  return in;
}

// The baseline (compared after the cache, since it is an input of its own).
void finish(const AnalyzeOptions& options, Analysis& out) {
  Result& result = *out.result;
  if (!options.baseline_path.empty()) {
    std::vector<std::string> fps = report::fingerprints(result.findings, result.sources);
    if (!baseline::apply_baseline(result.findings, fps, options.baseline_path, &out.absent, &out.error)) {
      out.result.reset();
    }
  }
}

}  // namespace

Analysis analyze(const AnalyzeOptions& options) {
  Analysis out;
  Options scan_options = options.scan;
  std::string root = resolve_root(scan_options.discovery);
  scan_options.discovery.root = root;

  // Configuration: explicit --config, else the file at the scan root.
  std::string config_path = options.config_path;
  if (config_path.empty()) config_path = config::find_config(root);
  std::string config_display;
  if (!config_path.empty()) {
    std::error_code ec;
    fs::path abs = fs::absolute(config_path, ec).lexically_normal();
    fs::path rel = abs.lexically_relative(root);
    config_display = (!rel.empty() && *rel.begin() != "..") ? rel.generic_string() : config_path;
    if (!config::load_config(abs.string(), config_display, &out.config, &out.error)) return out;
    for (const std::string& e : out.config.exclude) scan_options.discovery.exclude.push_back(e);
  }

  const bool caching = !options.cache_dir.empty() && scan_options.build_graph;
  scan_options.hash_contents = caching;
  Hash128 key;
  if (caching) key = cache::run_key(scan_options, root, config_path);
  out.result = read_sources(scan_options);
  // The configuration file is scanned like any YAML file; reloading it with
  // its FileId lets rules and reports point at its lines.
  if (!config_display.empty()) {
    FileId id = out.result->sources.find(config_display);
    config::Config located;
    std::string ignored;
    if (id != kNoFile &&
        config::load_config_text(out.result->sources.get(id).content, config_display, id, &located, &ignored))
      out.config = std::move(located);
  }
  scan_options.policy = policy_inputs(out.config);  // objectives become kPolicy nodes
  bool hit = false;
  if (caching) {
    PhaseClock cache_clock(out.result->stats);
    std::string why;
    hit = cache::load_result(options.cache_dir, key, *out.result, options.need_graph, &why);
    out.cache_status = hit ? "hit" : "miss (" + why + ")";
    cache_clock.lap("cache");
  }
  if (!hit) load_and_link(scan_options, *out.result);
  Result& result = *out.result;
  PhaseClock clock(result.stats);
  if (hit) {
    result.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count() - result.started;
    finish(options, out);
    return out;
  }

  // Rules and reports read the graph: the syntax trees and the evaluated
  // Terraform can go (graph attributes share what they need), once the
  // suppression directives that annotations carry are read from them.
  std::vector<suppress::Directive> directives = result.directives ? std::move(*result.directives)
                                                                   : suppress::find_directives(result.sources, result.files);
  // Freeing millions of small nodes takes a while (a quarter second at 50k
  // files): with more than one job it overlaps the rules, suppressions and
  // reports (out.release; the CLI joins it before exiting). They only read
  // the graph, whose shared subtrees stay alive, and the sources.
  std::vector<std::string> paths_read = result.terraform.paths_read;
  if (options.release_trees) {
    auto trees = std::make_shared<std::pair<std::vector<LoadedFile>, eval::Model>>();
    for (LoadedFile& f : result.files) {
      if (f.yaml.empty() && !f.hcl) continue;  // most YAML went while linking
      LoadedFile t;
      t.yaml = std::move(f.yaml);
      t.hcl = std::move(f.hcl);
      f.yaml = {};
      f.hcl.reset();
      trees->first.push_back(std::move(t));
    }
    trees->second = std::move(result.terraform);
    result.terraform = {};
    std::shared_ptr<void> leftovers = std::move(result.link_leftovers);
    if (scan_options.jobs != 1)
      out.release = ReleaseThread(std::thread([t = std::move(trees), l = std::move(leftovers)]() mutable {
        t.reset();
        l.reset();
      }));
  }
  clock.lap("release");

  rules::RuleContext context{result.graph, out.config, result.sources};
  rules::run_rules(context, &result.findings, &result.stats.rule_seconds);
  std::stable_sort(result.findings.begin(), result.findings.end(), finding_less);
  clock.lap("rules");

  suppress::apply_suppressions(result.findings, result.sources, result.files, std::move(directives), &out.config);
  clock.lap("suppressions");

  if (caching) {
    std::string err;
    if (!cache::store_result(options.cache_dir, key, result, paths_read, &err)) out.cache_warning = err;
    clock.lap("cache");
  }
  finish(options, out);
  return out;
}

}  // namespace drlint::scan
