#include "analyzer/load/yaml_loader.h"

#include <catch2/catch.hpp>

using drlint::Value;
using drlint::load::parse_yaml;

TEST_CASE("multi-document YAML keeps every document with exact positions", "[yaml]") {
  const char* text =
      "apiVersion: v1\n"
      "kind: Namespace\n"
      "metadata:\n"
      "  name: payments\n"
      "---\n"
      "# a comment\n"
      "apiVersion: v1\n"
      "kind: PersistentVolumeClaim\n"
      "metadata:\n"
      "  name: data\n"
      "spec:\n"
      "  storageClassName: managed-csi\n"
      "  resources:\n"
      "    requests:\n"
      "      storage: 10Gi\n";
  auto r = parse_yaml(7, text);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.documents.size() == 2);
  const Value& ns = r.documents[0].root;
  CHECK(ns.string_at("metadata.name") == "payments");
  CHECK(ns.at_path("metadata.name")->loc().line == 4);
  CHECK(ns.at_path("metadata.name")->loc().column == 9);
  const Value* sc = r.documents[1].root.at_path("spec.storageClassName");
  REQUIRE(sc);
  CHECK(sc->text() == "managed-csi");
  CHECK(sc->loc().file == 7u);
  CHECK(sc->loc().line == 12);
  CHECK(sc->loc().column == 21);
  CHECK(sc->loc().end_column == 32);
}

TEST_CASE("YAML scalars are typed like Kubernetes reads them", "[yaml]") {
  auto r = parse_yaml(0, "a: 3\nb: \"3\"\nc: true\nd: null\ne: 1h\nf: 'false'\ng: ~\n");
  REQUIRE(r.documents.size() == 1);
  const Value& v = r.documents[0].root;
  CHECK(v.get("a")->is_number());
  CHECK(v.get("a")->as_number() == 3);
  CHECK(v.get("b")->is_string());
  CHECK(v.get("c")->is_bool());
  CHECK(v.get("d")->is_null());
  CHECK(v.get("e")->is_string());
  CHECK(v.get("f")->is_string());
  CHECK(v.get("g")->is_null());
}

TEST_CASE("a YAML syntax error is reported at its line and earlier documents are kept", "[yaml]") {
  const char* text =
      "kind: Namespace\n"
      "---\n"
      "kind: ConfigMap\n"
      "data:\n"
      "  key: [unclosed\n"
      "  other: 1\n";
  auto r = parse_yaml(0, text);
  REQUIRE(r.error);
  CHECK(r.error->loc.line >= 5);
  CHECK(r.error->loc.line <= 7);
  CHECK(r.error->message.find("YAML syntax error") == 0);
  REQUIRE(r.documents.size() == 1);
  CHECK(r.documents[0].root.string_at("kind") == "Namespace");
}

TEST_CASE("a bad indentation error points at the offending line", "[yaml]") {
  auto r = parse_yaml(0, "metadata:\n  name: a\n labels: b\n");
  REQUIRE(r.error);
  CHECK(r.error->loc.line == 3);
}

TEST_CASE("YAML anchors, aliases and merge keys", "[yaml]") {
  auto r = parse_yaml(0, "base: &b\n  ttl: 720h\n  snap: true\nother:\n  <<: *b\n  ttl: 24h\n");
  REQUIRE_FALSE(r.error);
  const Value& v = r.documents[0].root;
  CHECK(v.string_at("other.ttl") == "24h");
  CHECK(v.get("other")->get("snap")->as_bool());
}

TEST_CASE("a YAML alias bomb is refused within the node budget", "[yaml][hostile]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i)
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
  drlint::load::LoadLimits limits;
  limits.max_yaml_nodes = 100000;
  auto r = parse_yaml(0, text, limits);
  REQUIRE(r.error);
  CHECK(r.error->message.find("alias bomb") != std::string::npos);
}

TEST_CASE("deeply nested YAML is refused before the parser recurses", "[yaml][hostile]") {
  std::string text(100000, '[');
  auto r = parse_yaml(0, text);
  REQUIRE(r.error);
  CHECK(r.error->message.find("nested deeper") != std::string::npos);
  std::string dashes;
  for (int i = 0; i < 100000; ++i) dashes += "- ";
  auto r2 = parse_yaml(0, "\n" + dashes + "x\n");
  REQUIRE(r2.error);
}

TEST_CASE("Helm templates are recognised and not parsed", "[yaml]") {
  CHECK(drlint::load::looks_like_helm_template("metadata:\n  name: {{ .Release.Name }}\n"));
  CHECK_FALSE(drlint::load::looks_like_helm_template("# use {{ .Values.x }} in templates\nkey: v\n"));
}

TEST_CASE("UTF-8 BOM and CRLF line endings load", "[yaml]") {
  auto r = parse_yaml(0, "\xEF\xBB\xBFkind: Namespace\r\nmetadata:\r\n  name: a\r\n");
  REQUIRE_FALSE(r.error);
  CHECK(r.documents[0].root.string_at("metadata.name") == "a");
  CHECK(r.documents[0].root.at_path("metadata.name")->loc().line == 3);
}
