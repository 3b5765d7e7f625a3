// The HTML audit report in a real browser: headless Chromium loads it from
// a file:// URL with networking disabled, and the rendered DOM holds the
// charts. Chromium comes from scripts/setup.sh (Debian package `chromium`);
// the test never installs anything.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "analyzer/report/report.h"
#include "report_support.h"

namespace fs = std::filesystem;
using namespace drlint;
using namespace drlint::testing;

namespace {

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    RunResult r = run_command(std::string("command -v ") + name);
    if (r.exit_code == 0 && !r.out.empty()) {
      std::string path = r.out.substr(0, r.out.find('\n'));
      return path;
    }
  }
  return "";
}

std::string chromium_flags(const fs::path& profile) {
  return " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
         " --disable-component-update --disable-sync --disable-extensions --disable-default-apps"
         " --proxy-server=127.0.0.1:9 --user-data-dir=" +
         shell_quote(profile.string());
}

}  // namespace

TEST_CASE("headless Chromium renders the HTML audit report with its charts", "[report][html][chromium]") {
  std::string chromium = find_chromium();
  if (chromium.empty())
    FAIL("chromium is not installed: run scripts/setup.sh (it installs Debian's `chromium` package) to run the "
         "browser test of the HTML report");

  TempRepo work;
  fs::path hostile = fs::path(DRLINT_TESTDATA) / "report" / "hostile";
  fs::path example = fs::path(DRLINT_TESTDATA) / "examples" / "aks-platform";
  for (const fs::path& dir : {example, hostile}) {
    Scanned s = scan_with_rules(dir);
    INFO("configuration error: " << s.config_error);
    REQUIRE(s.config_error.empty());
    fs::path html = work.path() / (dir.filename().string() + ".html");
    {
      std::ofstream f(html, std::ios::binary);
      report::write_html(*s.scan, report_options(s), f);
    }
    fs::path profile = work.path() / ("profile-" + dir.filename().string());
    fs::create_directories(profile);
    RunResult r = run_command("timeout 120 " + shell_quote(chromium) + chromium_flags(profile) +
                              " --dump-dom " + shell_quote("file://" + html.string()) + " 2>/dev/null");
    INFO(dir.filename().string() << ": chromium exit " << r.exit_code << "\n" << r.out.substr(0, 2000));
    REQUIRE(r.exit_code == 0);
    const std::string& dom = r.out;
    CHECK(dom.find("<svg") != std::string::npos);
    for (const char* id : {"id=\"chart-rpo\"", "id=\"chart-rto\"", "id=\"chart-findings\""})
      CHECK(dom.find(id) != std::string::npos);
    CHECK(dom.find("class=\"bar\"") != std::string::npos);  // the charts have data
    CHECK(dom.find("id=\"objectives\"") != std::string::npos);
    // The hostile names stay text: no script element ever reaches the DOM.
    CHECK(dom.find("<script") == std::string::npos);
    CHECK(dom.find("<img") == std::string::npos);
    if (dir == hostile) CHECK(dom.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  }

  // And a screenshot renders (a broken document would still dump a DOM).
  fs::path shot = work.path() / "shot.png";
  fs::path profile = work.path() / "profile-shot";
  fs::create_directories(profile);
  RunResult r = run_command("timeout 120 " + shell_quote(chromium) + chromium_flags(profile) +
                            " --window-size=1280,1600 --screenshot=" + shell_quote(shot.string()) + " " +
                            shell_quote("file://" + (work.path() / "aks-platform.html").string()) + " 2>/dev/null");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(shot));
  CHECK(fs::file_size(shot) > 10000);
}
