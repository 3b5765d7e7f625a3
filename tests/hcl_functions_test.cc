// Terraform built-in functions and expression operators, table-driven: each
// row is an expression and the expected value (Value::to_display()), or
// "(unknown)" with a substring of the reason.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/eval/terraform.h"
#include "analyzer/scan/scan.h"
#include "test_support.h"

namespace {

struct Row {
  const char* expr;
  const char* expected;  // to_display(), or "(unknown)"
  const char* reason = "";  // for unknowns: a substring of the reason
};

const std::vector<Row> kRows = {
    // strings
    {R"(lower("AbC"))", R"("abc")"},
    {R"(upper("AbC"))", R"("ABC")"},
    {R"(title("hello world-foo"))", R"("Hello World-Foo")"},
    {R"(format("%s-%d-%v-%q-%%", "a", 42, true, "x"))", R"("a-42-true-"x"-%")"},
    {R"(format("%05d|%-4s|%.2f|%x", 42, "ab", 3.14159, 255))", R"("00042|ab  |3.14|ff")"},
    {R"(format("%v", [1, "a"]))", R"("[1,"a"]")"},
    {R"(formatlist("%s=%s", ["a", "b"], "x"))", R"(["a=x", "b=x"])"},
    {R"(join(",", ["a", "b", "c"]))", R"("a,b,c")"},
    {R"(split(",", "a,b,,c"))", R"(["a", "b", "", "c"])"},
    {R"(replace("a-b-c", "-", "_"))", R"("a_b_c")"},
    {R"(replace("velero-01", "/[0-9]+$/", "x$0"))", R"("velero-x01")"},
    {R"(replace("abc123", "/([a-z]+)([0-9]+)/", "$2$1"))", R"("123abc")"},
    {R"(trimspace("  a b \n"))", R"("a b")"},
    {R"(trim("?!hello?!", "!?"))", R"("hello")"},
    {R"(trimprefix("helloworld", "hello"))", R"("world")"},
    {R"(trimsuffix("helloworld", "world"))", R"("hello")"},
    {R"(substr("hello world", 1, 4))", R"("ello")"},
    {R"(substr("hello", -3, -1))", R"("llo")"},
    {R"(startswith("velero", "vel"))", "true"},
    {R"(endswith("velero", "ro"))", "true"},
    {R"(strcontains("velero", "xyz"))", "false"},
    {R"(chomp("a\n\n"))", R"("a")"},
    {R"(indent(2, "a\nb"))", "\"a\n  b\""},
    {R"(strrev("abc"))", R"("cba")"},
    {R"(regex("[a-z]+", "123abc456"))", R"("abc")"},
    {R"(regexall("[0-9]", "a1b2"))", R"(["1", "2"])"},
    // conversions
    {R"(tostring(12))", R"("12")"},
    {R"(tonumber("12.5"))", "12.5"},
    {R"(tobool("true"))", "true"},
    {R"(tolist(["a"]))", R"(["a"])"},
    {R"(toset(["b", "a", "b"]))", R"(["a", "b"])"},
    {R"(tomap({a = 1}))", "{a: 1}"},
    // collections
    {R"(length([1, 2, 3]))", "3"},
    {R"(length({a = 1}))", "1"},
    {R"(length("héllo"))", "5"},
    {R"(keys({b = 1, a = 2}))", R"(["a", "b"])"},
    {R"(values({b = 1, a = 2}))", "[2, 1]"},
    {R"(contains(["a", "b"], "b"))", "true"},
    {R"(element(["a", "b", "c"], 4))", R"("b")"},
    {R"(flatten([["a"], [["b"]], "c"]))", R"(["a", "b", "c"])"},
    {R"(distinct(["a", "b", "a"]))", R"(["a", "b"])"},
    {R"(compact(["a", "", null, "b"]))", R"(["a", "b"])"},
    {R"(zipmap(["a", "b"], [1, 2]))", "{a: 1, b: 2}"},
    {R"(range(3))", "[0, 1, 2]"},
    {R"(range(1, 10, 4))", "[1, 5, 9]"},
    {R"(concat(["a"], ["b", "c"]))", R"(["a", "b", "c"])"},
    {R"(merge({a = 1, b = 2}, {b = 3}, null))", "{a: 1, b: 3}"},
    {R"(lookup({a = "x"}, "a"))", R"("x")"},
    {R"(lookup({a = "x"}, "b", "d"))", R"("d")"},
    {R"(coalesce("", null, "b", "c"))", R"("b")"},
    {R"(coalescelist([], ["a"]))", R"(["a"])"},
    {R"(one(["a"]))", R"("a")"},
    {R"(one([]))", "null"},
    {R"(sum([1, 2, 3.5]))", "6.5"},
    {R"(index(["a", "b"], "b"))", "1"},
    {R"(reverse([1, 2]))", "[2, 1]"},
    {R"(slice(["a", "b", "c"], 1, 3))", R"(["b", "c"])"},
    {R"(sort(["b", "a"]))", R"(["a", "b"])"},
    {R"(alltrue([true, true]))", "true"},
    {R"(anytrue([false]))", "false"},
    {R"(setunion(["a"], ["b", "a"]))", R"(["a", "b"])"},
    // numbers
    {R"(min(3, 1, 2))", "1"},
    {R"(max(3, 1, 2))", "3"},
    {R"(abs(-4))", "4"},
    {R"(ceil(1.2))", "2"},
    {R"(floor(1.8))", "1"},
    {R"(pow(2, 10))", "1024"},
    {R"(parseint("ff", 16))", "255"},
    // encodings
    {R"(jsonencode({b = [1, true, null], a = "x<y"}))", R"("{"a":"x\u003cy","b":[1,true,null]}")"},
    {R"(jsondecode("{\"a\": [1, \"b\"]}"))", R"({a: [1, "b"]})"},
    {R"(yamlencode({b = [1, 2], a = "x"}))", "\"\"a\": \"x\"\n\"b\":\n- 1\n- 2\n\""},
    {R"(yamldecode("a: 1\nb: [x, y]\n"))", R"({a: 1, b: ["x", "y"]})"},
    {R"(base64encode("velero"))", R"("dmVsZXJv")"},
    {R"(base64decode("dmVsZXJv"))", R"("velero")"},
    {R"(urlencode("a b&c"))", R"("a+b%26c")"},
    // files and paths
    {R"(file("data/hello.txt"))", "\"hello\n\""},
    {R"(fileexists("data/hello.txt"))", "true"},
    {R"(fileexists("data/nope.txt"))", "false"},
    {R"(templatefile("data/t.tpl", { who = "velero" }))", R"("hi velero")"},
    {R"(basename("a/b/c.yaml"))", R"("c.yaml")"},
    {R"(dirname("a/b/c.yaml"))", R"("a/b")"},
    {R"(path.module)", R"(".")"},
    {R"(terraform.workspace)", R"("default")"},
    // try / can
    {R"(try({a = 1}.b, "fallback"))", R"("fallback")"},
    {R"(try(var.unset, "fallback"))", "(unknown)", "has no value"},
    {R"(can({a = 1}.b))", "false"},
    {R"(can(1 + 1))", "true"},
    // operators and expressions
    {R"(1 + 2 * 3)", "7"},
    {R"((1 + 2) * 3)", "9"},
    {R"(7 % 3)", "1"},
    {R"(-5 + 1)", "-4"},
    {R"(1 < 2 && !false)", "true"},
    {R"("a" == "a" ? "y" : "n")", R"("y")"},
    {R"(1 == "1")", "false"},
    {R"(false && var.unset)", "false"},
    {R"(var.unset || true)", "true"},
    {R"("${1 + 1}x")", R"("2x")"},
    {R"("${[1]}")", "[1]"},
    {R"("%{if true}yes%{else}no%{endif}")", R"("yes")"},
    {R"("%{for x in ["a", "b"]}${x};%{endfor}")", R"("a;b;")"},
    {R"([for i, x in ["a", "b"] : "${i}${x}"])", R"(["0a", "1b"])"},
    {R"({for x in ["a", "b"] : x => upper(x)})", R"({a: "A", b: "B"})"},
    {R"([{a = 1}, {a = 2}][*].a)", "[1, 2]"},
    {R"({a = {b = ["x", "y"]}}.a.b[1])", R"("y")"},
    {R"(max([5, 9, 2]...))", "9"},
    // unknowns propagate, with the first reason
    {R"(upper(var.unset))", "(unknown)", "variable \"unset\" has no value"},
    {R"("x-${var.unset}")", "(unknown)", "variable \"unset\" has no value"},
    {R"(var.unset ? "a" : "b")", "(unknown)", "variable \"unset\" has no value"},
    {R"(var.unset ? "a" : "a")", R"("a")"},
    {R"(length([var.unset, 1]))", "2"},
    {R"(jsonencode([var.unset]))", "(unknown)", "has no value"},
    {R"(timestamp())", "(unknown)", "apply time"},
    {R"(uuid())", "(unknown)", "apply time"},
    {R"(cidrsubnet("10.0.0.0/16", 8, 1))", "(unknown)", "function cidrsubnet is not evaluated"},
    {R"(nosuchfunction(1))", "(unknown)", "function nosuchfunction is not evaluated"},
    {R"(file("../../../etc/passwd"))", "(unknown)", "outside the scan root"},
};

}  // namespace

TEST_CASE("functions: every listed function and operator", "[eval]") {
  drlint::testing::TempRepo repo;
  repo.write("data/hello.txt", "hello\n");
  repo.write("data/t.tpl", "hi ${who}");
  std::string tf = "variable \"unset\" {}\nresource \"t\" \"x\" {\n";
  for (std::size_t i = 0; i < kRows.size(); ++i) tf += "  v" + std::to_string(i) + " = " + kRows[i].expr + "\n";
  tf += "}\n";
  repo.write("main.tf", tf);

  drlint::load::SourceTable sources;
  drlint::load::SourceFile f;
  f.path = "main.tf";
  f.kind = drlint::load::FileKind::kTerraform;
  f.content = tf;
  sources.add(std::move(f));
  std::vector<drlint::load::LoadedFile> files;
  files.push_back(drlint::scan::load_file(sources.get(0), {}));
  REQUIRE_FALSE(files[0].error);
  drlint::eval::Model m = drlint::eval::evaluate_terraform(files, sources, repo.path().string(), {});
  REQUIRE(m.resources.size() == 1);
  const drlint::Value& attrs = m.resources[0].attrs;
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    const Row& row = kRows[i];
    INFO(row.expr);
    const drlint::Value* v = attrs.get("v" + std::to_string(i));
    REQUIRE(v != nullptr);
    std::string expected = row.expected;
    if (expected == "(unknown)") {
      CHECK_FALSE(v->known());
      CHECK(v->text().find(row.reason) != std::string::npos);
    } else {
      INFO("reason: " << v->text());
      CHECK(v->to_display() == expected);
    }
  }
  bool refused = false;
  for (const auto& d : m.diagnostics)
    refused = refused || d.message == "file(\"../../../etc/passwd\") reads outside the scan root; not read";
  CHECK(refused);
}
