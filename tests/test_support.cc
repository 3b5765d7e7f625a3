#include "test_support.h"

#include "analyzer/report/graph_writer.h"
#include "analyzer/scan/scan.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace drlint::testing {
namespace fs = std::filesystem;

TempRepo::TempRepo() {
  std::string tmpl = (fs::temp_directory_path() / "drlint-test-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  root_ = made ? fs::path(made) : fs::temp_directory_path() / "drlint-test-fallback";
  fs::create_directories(root_);
}

TempRepo::~TempRepo() {
  std::error_code ec;
  fs::permissions(root_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(root_, ec);
}

void TempRepo::write(const std::string& rel, const std::string& content) {
  fs::path p = root_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f << content;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

RunResult run_command(const std::string& command) {
  RunResult r;
  std::string full = command + " 2>&1";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

RunResult run_drlint(const std::string& args, const fs::path& cwd) {
  fs::path err_file = fs::temp_directory_path() / ("drlint-stderr-" + std::to_string(::getpid()));
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && NO_COLOR=1 " + shell_quote(DRLINT_BINARY) + " " + args +
                    " 2>" + shell_quote(err_file.string());
  RunResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return r;
}

std::string findings_text(const scan::Result& r) {
  std::ostringstream out;
  for (const Finding& f : r.findings) {
    out << f.rule_id << ' ' << level_name(f.level) << ' ' << r.sources.path(f.loc.file) << ':' << f.loc.line << ':'
        << f.loc.column << '-' << f.loc.end_line << ':' << f.loc.end_column << ' ' << f.message << " key=" << f.key
        << '\n';
    for (const RelatedLocation& rl : f.related)
      out << "  related " << r.sources.path(rl.loc.file) << ':' << rl.loc.line << ' ' << rl.message << '\n';
    if (f.suppression)
      out << "  suppressed " << static_cast<int>(f.suppression->kind) << ": " << f.suppression->justification << '\n';
  }
  return out.str();
}

scan::Analysis analyze_dir(const std::filesystem::path& dir, scan::AnalyzeOptions options) {
  options.scan.discovery.paths = {dir.string()};
  options.scan.discovery.root = dir.string();
  scan::Analysis a = scan::analyze(options);
  REQUIRE(a.result);
  return a;
}

std::string graph_json(const scan::Result& r) {
  std::ostringstream out;
  report::write_graph_json(r.graph, r.sources, out);
  return out.str();
}

}  // namespace drlint::testing
