// drlint command line (shared/spec/cli.md): scan, graph, rules, explain,
// version. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage,
// configuration or unreadable-input error.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "analyzer/cli/catalog.h"
#include "analyzer/cli/outputs.h"
#include "analyzer/report/report.h"
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
};

bool want_color(const std::string& mode, const std::string& target) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return target == "-" && ::isatty(STDOUT_FILENO);
}

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
  scan::Options opts;
  opts.discovery.paths = args.paths;
  opts.discovery.root = args.root;
  opts.jobs = args.jobs;
  opts.limits.max_file_bytes = args.max_file_mb << 20;
  std::unique_ptr<scan::Result> result = scan::run(opts);

  for (const cli::Output& o : outputs) {
    report::Options ro;
    ro.tool_version = DRLINT_VERSION;
    ro.color = o.format == "text" && want_color(args.color, o.file);
    if (!cli::write_output(*result, o, ro, &err)) {
      std::cerr << "drlint: " << err << '\n';
      return kExitUsage;
    }
  }
  if (!result->errors.empty()) {
    for (const std::string& e : result->errors) std::cerr << "drlint: error: " << e << '\n';
    return kExitUsage;
  }
  return cli::fails(*result, *threshold) ? kExitFindings : kExitClean;
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

  std::string rules_format = "text";
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rule catalog");
  rules_cmd->add_option("-f,--format", rules_format, "text|json|markdown")->capture_default_str();
  std::string rules_out_dir;
  rules_cmd->add_option("--output-dir", rules_out_dir, "With --format markdown: write one page per rule here");

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
  if (*rules_cmd) return cli::print_rules(rules_format, rules_out_dir, std::cout, std::cerr);
  if (*explain_cmd) return cli::explain_rule(explain_id, std::cout, std::cerr);
  if (*scan_cmd) return run_scan(scan_args);
  return kExitUsage;
}
