#include "analyzer/load/loaded_file.h"

#include <catch2/catch.hpp>

#include "analyzer/scan/scan.h"

using drlint::load::FileKind;
using drlint::load::LoadedFile;
using drlint::load::ParseError;
using drlint::load::SourceTable;

namespace {

drlint::FileId add(SourceTable& sources, const std::string& path, const std::string& content) {
  drlint::load::SourceFile f;
  f.path = path;
  f.kind = drlint::load::classify_path(path);
  f.content = content;
  return sources.add(std::move(f));
}

}  // namespace

TEST_CASE("a loaded file is small: its syntax tree and its error are held apart", "[load]") {
  // One LoadedFile per scanned file lives for the whole scan (168 bytes
  // when the tree and the error were inline).
  CHECK(sizeof(LoadedFile) <= 8 * sizeof(void*));
}

TEST_CASE("a loaded file holds the HCL tree, the YAML documents or the error", "[load]") {
  SourceTable sources;
  drlint::FileId tf = add(sources, "main.tf", "resource \"a\" \"b\" {\n  name = \"x\"\n}\n");
  drlint::FileId bad = add(sources, "bad.tf", "resource \"a\" \"b\" {\n  name = = 1\n}\n");
  drlint::FileId yaml = add(sources, "k8s/app.yaml", "kind: Pod\n---\nkind: Service\n");
  drlint::FileId binary = add(sources, "bin.yaml", std::string("a: 1\n\0", 6));

  LoadedFile ok = drlint::scan::load_file(sources.get(tf), {});
  CHECK(ok.id == tf);
  CHECK(ok.kind == FileKind::kTerraform);
  REQUIRE(ok.hcl);
  CHECK_FALSE(ok.error);
  REQUIRE(ok.hcl->body.blocks.size() == 1);
  CHECK(ok.hcl->body.blocks[0].type == "resource");

  LoadedFile broken = drlint::scan::load_file(sources.get(bad), {});
  CHECK_FALSE(broken.hcl);
  REQUIRE(broken.error);
  CHECK(broken.error->loc.file == bad);
  CHECK(broken.error->loc.line == 2);

  LoadedFile docs = drlint::scan::load_file(sources.get(yaml), {});
  CHECK_FALSE(docs.hcl);
  CHECK_FALSE(docs.error);
  CHECK(docs.yaml.size() == 2);

  LoadedFile nul = drlint::scan::load_file(sources.get(binary), {});
  REQUIRE(nul.error);
  CHECK(nul.error->message == "binary content (NUL byte); not a text file");

  nul.set_error(std::nullopt);
  CHECK_FALSE(nul.error);
  nul.set_error(ParseError{drlint::SourceLoc{binary, 3, 1, 3, 1}, "again"});
  REQUIRE(nul.error);
  CHECK(nul.error->loc.line == 3);
}
