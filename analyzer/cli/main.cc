// drlint command line (shared/spec/cli.md): scan, graph, rules, explain,
// version. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage,
// configuration or unreadable-input error.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "analyzer/cli/catalog.h"
#include "analyzer/cli/outputs.h"
#include "analyzer/report/graph_writer.h"
#include "analyzer/report/report.h"
#include "analyzer/scan/analyze.h"
#include "analyzer/util/one_line.h"
#include "analyzer/scan/scan.h"

namespace {

using namespace drlint;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct ScanArgs {
  std::vector<std::string> paths;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::string fail_on = "error";
  std::string root;
  std::string color = "auto";
  unsigned jobs = 0;
  std::size_t max_file_mb = 64;
  std::vector<std::string> vars;       // --var NAME=VALUE
  std::vector<std::string> var_files;  // --var-file FILE
  std::string config;                  // --config FILE
  std::string baseline;                // --baseline FILE.sarif
  bool timings = false;                // --timings: stage times on stderr
  std::string cache_dir;               // --cache-dir DIR: reuse unchanged results
};

// "drlint: timings: discover 0.01s, load 0.52s, ..., total 0.80s" on stderr.
void print_timings(const scan::Stats& stats) {
  std::cerr << "drlint: timings:";
  double total = 0;
  for (const scan::PhaseTime& p : stats.phases) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.3fs,", p.phase.c_str(), p.seconds);
    std::cerr << buf;
    total += p.seconds;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, " total %.3fs", total);
  std::cerr << buf << '\n';
  // The process's peak resident memory so far (the scan and its reports),
  // the number to quote when a scan is too big for its runner.
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) == 0) {
    std::snprintf(buf, sizeof buf, "drlint: peak memory: %.1f MiB resident\n", usage.ru_maxrss / 1024.0);  // KiB
    std::cerr << buf;
  }
  std::cerr << "drlint: pre-scan: " << stats.skipped_blocks << " of " << stats.terraform_blocks
            << " top-level Terraform blocks not parsed (not needed); " << stats.rejected_blocks
            << " not needed but parsed (syntax check); " << stats.skipped_items
            << " variable/output attributes and blocks not parsed (descriptions, validations, ...)\n";
  // The slowest rules, like ESLint's TIMING table.
  std::vector<std::pair<std::string, double>> rules = stats.rule_seconds;
  std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (rules.empty()) return;  // none ran: the result came from the cache
  if (rules.size() > 5) rules.resize(5);
  std::cerr << "drlint: slowest rules:";
  for (const auto& [id, secs] : rules) {
    std::snprintf(buf, sizeof buf, " %s %.3fs", id.c_str(), secs);
    std::cerr << buf;
  }
  std::cerr << '\n';
}

// --var NAME=VALUE / --var-file FILE into the evaluator's inputs.
bool terraform_inputs(const ScanArgs& args, eval::Inputs* out) {
  for (const std::string& v : args.vars) {
    std::size_t eq = v.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "drlint: --var must be NAME=VALUE (got '" << v << "')\n";
      return false;
    }
    out->vars.emplace_back(v.substr(0, eq), v.substr(eq + 1));
  }
  // A variables file the user named and that cannot be opened is an input
  // error (exit 2), as in `terraform plan -var-file`; one outside the scan
  // root is refused later, by the evaluator (a DR903 note).
  for (const std::string& f : args.var_files) {
    errno = 0;
    std::ifstream in(f, std::ios::binary);
    std::error_code ec;
    if (!in || std::filesystem::is_directory(f, ec)) {
      std::cerr << "drlint: error: --var-file " << f << ": cannot be read"
                << (errno ? std::string(": ") + std::strerror(errno) : std::string()) << '\n';
      return false;
    }
  }
  out->var_files = args.var_files;
  return true;
}

// drlint graph: the unified graph as JSON or DOT (docs/graph.md).
int run_graph(const ScanArgs& args, const std::string& format, const std::string& output) {
  if (format != "json" && format != "dot") {
    std::cerr << "drlint: graph --format must be json or dot (got '" << format << "')\n";
    return 2;
  }
  scan::Options opts;
  opts.discovery.paths = args.paths;
  opts.discovery.root = args.root;
  opts.jobs = args.jobs;
  opts.limits.max_file_bytes = args.max_file_mb << 20;
  if (!terraform_inputs(args, &opts.terraform_inputs)) return 2;
  std::unique_ptr<scan::Result> result = scan::run(opts);
  if (!result->errors.empty()) {
    for (const std::string& e : result->errors) std::cerr << "drlint: error: " << e << '\n';
    return 2;
  }
  std::ofstream file;
  if (output != "-") {
    file.open(output, std::ios::binary);
    if (!file) {
      std::cerr << "drlint: cannot write " << output << '\n';
      return 2;
    }
  }
  std::ostream& out = output == "-" ? std::cout : file;
  if (format == "json") report::write_graph_json(result->graph, result->sources, out);
  else report::write_graph_dot(result->graph, result->sources, out);
  return 0;
}

bool want_color(const std::string& mode, const std::string& target) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return target == "-" && ::isatty(STDOUT_FILENO);
}

// See run_scan. volatile: a pointer that is only written would be optimized
// away, and LeakSanitizer would see the scan as leaked.
scan::Analysis* volatile kept_analysis = nullptr;

int run_scan(const ScanArgs& args) {
  std::vector<cli::Output> outputs;
  std::string err;
  if (!cli::parse_outputs(args.formats, args.outputs, &outputs, &err)) {
    std::cerr << "drlint: " << err << '\n';
    return kExitUsage;
  }
  std::optional<int> threshold = cli::parse_fail_on(args.fail_on);
  if (!threshold) {
    std::cerr << "drlint: --fail-on must be error, warning, note or never (got '" << args.fail_on << "')\n";
    return kExitUsage;
  }
  scan::AnalyzeOptions opts;
  opts.scan.discovery.paths = args.paths;
  opts.scan.discovery.root = args.root;
  opts.scan.jobs = args.jobs;
  opts.scan.limits.max_file_bytes = args.max_file_mb << 20;
  opts.config_path = args.config;
  opts.baseline_path = args.baseline;
  opts.cache_dir = args.cache_dir;
  opts.need_graph = false;
  for (const cli::Output& o : outputs)  // the audit data (json, markdown, html) comes from the graph
    opts.need_graph = opts.need_graph || !(o.format == "text" || o.format == "sarif" || o.format == "codequality");
  if (!terraform_inputs(args, &opts.scan.terraform_inputs)) return kExitUsage;
  // The process ends right after the reports, so the scan is never freed:
  // that took a fifth of a second at 50k files, and exit returns the
  // memory at once. (Reachable from kept_analysis: not a leak to LSan.)
  auto* kept = new scan::Analysis(scan::analyze(opts));
  kept_analysis = kept;
  scan::Analysis& analysis = *kept;
  // The trees are freed on a thread of their own while the reports are
  // written; it must end before the process does (every return below).
  struct JoinRelease {
    scan::ReleaseThread& release;
    ~JoinRelease() { release.join(); }
  } join_release{analysis.release};
  if (!analysis.cache_warning.empty())
    std::cerr << "drlint: warning: result not cached: " << escape_control_chars(analysis.cache_warning) << '\n';
  if (!analysis.result) {
    std::cerr << "drlint: error: " << analysis.error << '\n';
    return kExitUsage;
  }
  scan::Result& result = *analysis.result;
  scan::PhaseClock clock(result.stats);

  for (const cli::Output& o : outputs) {
    report::Options ro;
    ro.tool_version = DRLINT_VERSION;
    ro.color = o.format == "text" && want_color(args.color, o.file);
    ro.config = &analysis.config;
    ro.absent = &analysis.absent;
    if (!cli::write_output(result, o, ro, &err)) {
      std::cerr << "drlint: " << err << '\n';
      return kExitUsage;
    }
  }
  clock.lap("report");
  analysis.release.join();
  clock.lap("release wait");
  if (args.timings) {
    print_timings(result.stats);
    if (!analysis.cache_status.empty()) std::cerr << "drlint: cache: " << escape_control_chars(analysis.cache_status) << '\n';
  }
  if (!result.errors.empty()) {
    for (const std::string& e : result.errors) std::cerr << "drlint: error: " << e << '\n';
    return kExitUsage;
  }
  return cli::fails(result, *threshold) ? kExitFindings : kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"drlint: static analysis of AKS disaster recovery (Terraform, Kubernetes, Velero, Azure Backup)",
               "drlint"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("drlint ") + DRLINT_VERSION);

  ScanArgs scan_args;
  CLI::App* scan_cmd = app.add_subcommand("scan", "Scan a repository and report DR findings");
  scan_cmd->add_option("paths", scan_args.paths, "Files or directories to scan (default: .)");
  scan_cmd
      ->add_option("-f,--format", scan_args.formats,
                   "Output format text|json|sarif|markdown|html, optionally FORMAT:FILE; repeat for several "
                   "outputs (e.g. --format text --format sarif:drlint.sarif)")
      ->take_all();
  scan_cmd->add_option("-o,--output", scan_args.outputs, "Output file for the first --format without one ('-' = stdout)");
  scan_cmd->add_option("--fail-on", scan_args.fail_on, "Exit 1 when a finding is at or above: error|warning|note|never")
      ->capture_default_str();
  scan_cmd->add_option("--root", scan_args.root, "Repository root for reported paths (default: git work tree, else cwd)");
  scan_cmd->add_option("-j,--jobs", scan_args.jobs, "Parallel jobs (default: all cores)");
  scan_cmd->add_option("--color", scan_args.color, "auto|always|never (NO_COLOR is honoured)")->capture_default_str();
  scan_cmd->add_option("--max-file-size", scan_args.max_file_mb, "Skip files larger than this many MiB (DR900)")
      ->capture_default_str();

  scan_cmd->add_option("-c,--config", scan_args.config, "Configuration file (default: .drlint.yaml at the scan root)");
  scan_cmd->add_option("--baseline", scan_args.baseline,
                       "Earlier SARIF report: findings already in it are 'unchanged' and do not fail the run");
  scan_cmd->add_option("--var", scan_args.vars, "Terraform input variable NAME=VALUE (repeatable)");
  scan_cmd->add_option("--var-file", scan_args.var_files, "Terraform .tfvars file (repeatable)");
  scan_cmd->add_flag("--timings", scan_args.timings, "Print the time each stage took and the peak memory on stderr");
  scan_cmd->add_option("--cache-dir", scan_args.cache_dir,
                       "Keep the scan's result here and reuse it while no input changes");

  ScanArgs graph_args;
  std::string graph_format = "json", graph_output = "-";
  CLI::App* graph_cmd = app.add_subcommand("graph", "Print the unified DR graph (for debugging links)");
  graph_cmd->add_option("paths", graph_args.paths, "Files or directories to scan (default: .)");
  graph_cmd->add_option("-f,--format", graph_format, "json|dot")->capture_default_str();
  graph_cmd->add_option("-o,--output", graph_output, "Output file ('-' = stdout)")->capture_default_str();
  graph_cmd->add_option("--root", graph_args.root, "Repository root for reported paths");
  graph_cmd->add_option("-j,--jobs", graph_args.jobs, "Parallel jobs (default: all cores)");
  graph_cmd->add_option("--var", graph_args.vars, "Terraform input variable NAME=VALUE (repeatable)");
  graph_cmd->add_option("--var-file", graph_args.var_files, "Terraform .tfvars file (repeatable)");

  std::string rules_format = "text";
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rule catalog");
  rules_cmd->add_option("-f,--format", rules_format, "text|json|markdown")->capture_default_str();
  std::string rules_out_dir, rules_examples;
  rules_cmd->add_option("--output-dir", rules_out_dir, "With --format markdown: write one page per rule here");
  rules_cmd->add_option("--examples", rules_examples,
                        "With --format markdown: quote each rule's first positive fixture from this directory");

  std::string explain_id;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Explain a rule: why it matters, how to fix it");
  explain_cmd->add_option("rule", explain_id, "Rule ID, e.g. DR010")->required();

  CLI::App* version_cmd = app.add_subcommand("version", "Print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (*version_cmd) {
    std::cout << "drlint " << DRLINT_VERSION << '\n';
    return kExitClean;
  }
  if (*rules_cmd) return cli::print_rules(rules_format, rules_out_dir, rules_examples, std::cout, std::cerr);
  if (*explain_cmd) return cli::explain_rule(explain_id, std::cout, std::cerr);
  if (*scan_cmd) return run_scan(scan_args);
  if (*graph_cmd) return run_graph(graph_args, graph_format, graph_output);
  return kExitUsage;
}
