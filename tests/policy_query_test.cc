#include "rules/policy_query.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/graph/graph.h"

using namespace drlint;
using namespace drlint::rules;
using graph::EdgeKind;
using graph::NodeId;
using graph::NodeKind;

namespace {

SourceLoc at(std::uint32_t line) { return SourceLoc{0, line, 1, line, 2}; }

config::PolicyDecl policy(const std::string& name, std::vector<std::string> namespaces, std::optional<Seconds> rpo,
                          std::optional<Seconds> rto, std::uint32_t line) {
  config::PolicyDecl p;
  p.name = name;
  p.namespaces = std::move(namespaces);
  p.rpo = rpo;
  p.rto = rto;
  p.loc = at(line);
  p.rpo_loc = at(line + 1);
  p.rto_loc = at(line + 2);
  return p;
}

Value annotations(std::vector<Value::Entry> entries) { return Value::map(std::move(entries), at(50)); }

struct G {
  graph::Graph g;
  NodeId add(NodeKind kind, const std::string& name, const std::string& address, Value attrs, std::string ns = "") {
    graph::Node n;
    n.kind = kind;
    n.name = name;
    n.ns = std::move(ns);
    n.address = address;
    n.loc = at(static_cast<std::uint32_t>(g.nodes().size() + 100));
    n.attrs = std::move(attrs);
    return g.add_node(std::move(n));
  }
  NodeId ns(const std::string& name) {
    return add(NodeKind::kNamespace, name, "Namespace/" + name, Value::map({{"annotations", Value::map({})}}));
  }
  NodeId schedule(const std::string& name, Value cron, std::vector<Value::Entry> extra = {}) {
    Value a = Value::map({{"schedule", std::move(cron)}});
    for (auto& e : extra) a.set(e.first, e.second);
    return add(NodeKind::kVeleroSchedule, name, "Schedule/velero/" + name, std::move(a), "velero");
  }
};

}  // namespace

TEST_CASE("objectives: annotation wins over policy, per objective", "[rules][policy_query]") {
  config::Config c;
  c.policies.push_back(policy("customer-checkout", {"payments", "checkout-*"}, 15 * 60, 30 * 60, 3));
  Value ann = annotations({{"drlint.io/rpo", Value::string("5m", at(60))}});
  NamespaceObjectives o = resolve_objectives(c, "payments", &ann);
  REQUIRE(o.rpo);
  CHECK(o.rpo->value == 300);
  CHECK(o.rpo->source == "annotation drlint.io/rpo");
  CHECK(o.rpo->loc.line == 60);
  REQUIRE(o.rto);
  CHECK(o.rto->value == 1800);
  CHECK(o.rto->source == "policy customer-checkout");
  CHECK(o.rto->loc.line == 5);
  CHECK(o.named);
}

TEST_CASE("objectives: exact name beats glob, longer glob beats shorter", "[rules][policy_query]") {
  config::Config c;
  c.policies.push_back(policy("everything", {"*"}, 24 * 3600, std::nullopt, 1));
  c.policies.push_back(policy("checkout", {"checkout-*"}, 3600, std::nullopt, 10));
  c.policies.push_back(policy("checkout-eu", {"checkout-eu"}, 900, std::nullopt, 20));
  CHECK(resolve_objectives(c, "checkout-eu", nullptr).rpo->source == "policy checkout-eu");
  CHECK(resolve_objectives(c, "checkout-us", nullptr).rpo->source == "policy checkout");
  CHECK(resolve_objectives(c, "reporting", nullptr).rpo->source == "policy everything");
  CHECK_FALSE(resolve_objectives(c, "reporting", nullptr).named);  // a glob does not name it
  CHECK(resolve_objectives(c, "checkout-eu", nullptr).named);
}

TEST_CASE("objectives: malformed annotation falls back to the policy and is reported", "[rules][policy_query]") {
  config::Config c;
  c.policies.push_back(policy("p", {"payments"}, 3600, std::nullopt, 1));
  Value ann = annotations({{"drlint.io/rpo", Value::string("15 minutes", at(60))}});
  NamespaceObjectives o = resolve_objectives(c, "payments", &ann);
  REQUIRE(o.rpo);
  CHECK(o.rpo->value == 3600);
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].find("15 minutes") != std::string::npos);
  CHECK_FALSE(resolve_objectives(c, "other", nullptr).any());
}

TEST_CASE("effective RPO: best covering schedule, unknowns flagged", "[rules][policy_query]") {
  G t;
  NodeId payments = t.ns("payments");
  NodeId reporting = t.ns("reporting");
  NodeId daily = t.schedule("daily", Value::string("0 2 * * *", at(10)));
  NodeId hourly = t.schedule("hourly", Value::string("0 * * * *", at(11)));
  NodeId weekdays = t.schedule("weekdays", Value::string("0 2 * * 1-5", at(12)));
  NodeId unknown = t.schedule("tf", Value::unknown("var.backup_cron has no value", at(13)));
  NodeId paused = t.schedule("paused", Value::string("*/5 * * * *", at(14)), {{"paused", Value::boolean(true, at(15))}});
  t.g.add_edge(daily, payments, EdgeKind::kCovers);
  t.g.add_edge(hourly, payments, EdgeKind::kCovers);
  t.g.add_edge(weekdays, reporting, EdgeKind::kCovers);
  t.g.add_edge(paused, reporting, EdgeKind::kCovers);
  t.g.finalize();

  EffectiveRpo p = effective_rpo(t.g, payments);
  REQUIRE(p.best);
  CHECK(p.best->definition == hourly);
  CHECK(p.best->gap == 3600);
  CHECK_FALSE(p.any_unknown);
  CHECK(covering_definitions(t.g, payments).size() == 2);

  EffectiveRpo r = effective_rpo(t.g, reporting);
  REQUIRE(r.best);
  CHECK(r.best->gap == 72 * 3600);  // the weekend
  CHECK(r.cadences.size() == 2);
  CHECK(cadence_of(t.g, paused).state == Cadence::State::kNever);

  Cadence u = cadence_of(t.g, unknown);
  CHECK(u.state == Cadence::State::kUnknown);
  CHECK(u.reason == "var.backup_cron has no value");
  CHECK(u.loc.line == 13);
  CHECK_FALSE(effective_rpo(t.g, t.ns("nothing")).covered());
}

TEST_CASE("cadence and retention of Azure Backup instances", "[rules][policy_query]") {
  G t;
  NodeId ns = t.ns("payments");
  NodeId pol = t.add(NodeKind::kBackupPolicy, "aks-4h", "azurerm_data_protection_backup_policy_kubernetes_cluster.p",
                     Value::map({{"backup_repeating_time_intervals",
                                  Value::list({Value::string("R/2024-01-01T02:00:00+00:00/PT4H", at(20))}, at(20))},
                                 {"retention", Value::list({Value::map({{"rule", Value::string("default")},
                                                                         {"data_store_type", Value::string("OperationalStore")},
                                                                         {"duration", Value::string("PT2H", at(21))}})})}}));
  NodeId bi = t.add(NodeKind::kBackupInstance, "payments", "azurerm_data_protection_backup_instance_kubernetes_cluster.b",
                    Value::map({}));
  NodeId orphan = t.add(NodeKind::kBackupInstance, "orphan", "azurerm_data_protection_backup_instance_kubernetes_cluster.o",
                        Value::map({{"backup_policy_id", Value::unknown("ref:module.x.id", at(30))}}));
  t.g.add_edge(bi, pol, EdgeKind::kUsesPolicy);
  t.g.add_edge(bi, ns, EdgeKind::kCovers);
  t.g.finalize();
  Cadence c = cadence_of(t.g, bi);
  REQUIRE(c.state == Cadence::State::kKnown);
  CHECK(c.gap == 4 * 3600);
  CHECK(c.loc.line == 20);
  Retention r = retention_of(t.g, bi);
  REQUIRE(r.known);
  CHECK(r.value == 2 * 3600);
  CHECK(r.loc.line == 21);
  CHECK(cadence_of(t.g, orphan).state == Cadence::State::kUnknown);
  CHECK_FALSE(retention_of(t.g, orphan).known);
}

TEST_CASE("retention of Velero schedules: ttl, default, unknown", "[rules][policy_query]") {
  G t;
  NodeId set = t.schedule("a", Value::string("@daily"), {{"ttl", Value::string("72h0m0s", at(40))}});
  NodeId unset = t.schedule("b", Value::string("@daily"));
  NodeId unknown = t.schedule("c", Value::string("@daily"), {{"ttl", Value::unknown("var.ttl", at(41))}});
  t.g.finalize();
  CHECK(retention_of(t.g, set).value == 72 * 3600);
  Retention d = retention_of(t.g, unset);
  CHECK(d.known);
  CHECK(d.defaulted);
  CHECK(d.value == 720 * 3600);
  CHECK_FALSE(retention_of(t.g, unknown).known);
}

TEST_CASE("resource filters: CRDs and secrets", "[rules][policy_query]") {
  G t;
  auto def = [&](std::vector<Value::Entry> attrs) {
    NodeId id = t.schedule("s" + std::to_string(t.g.nodes().size()), Value::string("@daily"), std::move(attrs));
    return t.g.node(id);
  };
  CHECK(backs_up_crds(def({})).included == Tri::kYes);
  CHECK(backs_up_crds(def({{"include_cluster_resources", Value::null()}})).included == Tri::kYes);
  ResourceDecision off = backs_up_crds(def({{"include_cluster_resources", Value::boolean(false, at(7))}}));
  CHECK(off.included == Tri::kNo);
  CHECK(off.loc.line == 7);
  CHECK(off.why == "includeClusterResources: false");
  CHECK(backs_up_crds(def({{"excluded_resources", Value::list({Value::string("CustomResourceDefinitions", at(8))})}}))
            .included == Tri::kNo);
  CHECK(backs_up_crds(def({{"included_resources", Value::list({Value::string("deployments")}, at(9))}})).included ==
        Tri::kNo);
  CHECK(backs_up_crds(def({{"included_resources", Value::list({Value::string("*")})}})).included == Tri::kYes);
  CHECK(backs_up_crds(def({{"include_cluster_resources", Value::unknown("var.x")}})).included == Tri::kUnknown);
  CHECK(backs_up_secrets(def({})).included == Tri::kYes);
  CHECK(backs_up_secrets(def({{"excluded_resources", Value::list({Value::string("secrets")})}})).included == Tri::kNo);
  CHECK(backs_up_secrets(def({{"excluded_resources", Value::list({Value::unknown("var.x")})}})).included ==
        Tri::kUnknown);
  CHECK(backs_up_secrets(def({{"included_resources", Value::list({Value::string("configmaps")})}})).included ==
        Tri::kNo);
}
