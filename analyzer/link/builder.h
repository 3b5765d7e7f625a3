// Internal to link/: the graph under construction, the indexes that let the
// stages find each other's nodes without all-pairs scans, and small helpers
// for reading located Values. Each stage (kubernetes.cc, velero.cc, azure.cc,
// operations.cc, coverage.cc, edges.cc, policy.cc) adds to one Builder.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzer/eval/terraform_model.h"
#include "analyzer/graph/graph.h"
#include "analyzer/link/flat_index.h"
#include "analyzer/link/link.h"
#include "analyzer/load/loaded_file.h"
#include "analyzer/load/source_table.h"

namespace drlint::link::detail {

using graph::EdgeKind;
using graph::NodeId;
using graph::NodeKind;

// Nesting bound for every walk over input Values.
inline constexpr int kMaxDepth = 64;

// A Kubernetes object of a YAML document (List items expanded).
struct K8sObject {
  const Value* root = nullptr;
  const Value* document = nullptr;  // the YAML document holding it (root, or a List around it)
  FileId file = kNoFile;
  std::string api_version, group, version, kind, name, ns;  // ns "" until scoped
  SourceLoc loc;  // metadata.name, else the document
};

class Builder {
 public:
  Builder(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources, const eval::Model& model)
      : files(files), sources(sources), model(model) {}

  const std::vector<load::LoadedFile>& files;
  const load::SourceTable& sources;
  const eval::Model& model;
  graph::Graph g;

  // Adds a node; a taken address gets "@file:line" appended (same object
  // declared twice), and "#2", "#3", ... after that when it is taken too (a
  // module called by several roots). Returns its id.
  NodeId add(NodeKind kind, std::string name, std::string ns, std::string address, SourceLoc loc, Value attrs);
  // Adds an edge once per (from, to, kind).
  void edge(NodeId from, NodeId to, EdgeKind kind, SourceLoc loc);
  graph::Node& node(NodeId id) { return g.mutable_node(id); }
  const graph::Node& node(NodeId id) const { return g.node(id); }
  void set_attr(NodeId id, std::string_view key, Value v) { g.mutable_node(id).attrs.set(key, std::move(v)); }

  // Kubernetes objects by "Kind/namespace/name" (first declaration wins).
  std::optional<NodeId> find_k8s(std::string_view kind, std::string_view ns, std::string_view name) const;
  void index_k8s(std::string_view kind, std::string_view ns, std::string_view name, NodeId id);

  // Terraform resources by "<root_dir>|<module_path>|type.name" and by
  // "type|known name".
  std::optional<NodeId> find_tf(const eval::Resource& from, std::string_view type_dot_name) const;
  std::vector<NodeId> find_tf_by_name(std::string_view type, std::string_view name) const;
  // The node a Terraform reference (unknown "ref:TYPE.NAME..." value) or an
  // Azure resource ID string (".../<segment>/NAME") designates, if scanned.
  std::optional<NodeId> resolve(const eval::Resource& from, const Value& v, std::string_view type,
                                std::string_view id_segment) const;

  std::unordered_map<std::string, NodeId> tf_nodes;                     // scoped address -> node
  std::unordered_map<std::string, std::vector<NodeId>> tf_names;        // "type|name" -> nodes
  std::unordered_map<NodeId, const eval::Resource*> tf_resource;        // node -> resource
  std::vector<K8sObject> objects;                                       // every K8s object
  std::unordered_map<std::string, NodeId> crds;                         // "group/Kind" -> CRD
  std::unordered_set<FileId> crd_files;                                 // files add_crds() took CRDs from
  std::unordered_map<std::string, NodeId> namespaces;                   // name -> Namespace
  std::unordered_set<FileId> values_files_used;                         // consumed by a helm_release
  std::vector<NodeId> velero_servers;

 private:
  StringIdMap k8s_;                               // "Kind/namespace/name" -> node
  AddressSet addresses_{g};                       // every node's address
  std::unordered_map<std::string, int> copies_;  // "address@file:line" -> last number given
  EdgeKeySet edges_;
  mutable std::string key_;                       // k8s_'s key being looked up (no allocation per lookup)
};

// --- Value helpers -----------------------------------------------------------

// The scalar text at `v` ("" if absent, not scalar or unknown).
std::string text_of(const Value* v);
// A copy of *v, or null located at `fallback` when absent.
Value copy_or_null(const Value* v, const SourceLoc& fallback);
// A list of strings from a list of scalars / a single scalar / a
// comma-separated string; unknown stays unknown; absent -> empty list at `fallback`.
Value string_list(const Value* v, const SourceLoc& fallback, bool split_commas = false);
// Lowercased region without blanks ("West Europe" -> "westeurope"), same loc.
Value normalize_region(const Value* v, const SourceLoc& fallback);
std::string normalize_region_text(std::string_view s);
// First map of a Terraform nested block (list of maps) or the map itself.
const Value* block(const Value* attrs, std::string_view name);
// "ref:azurerm_x.y.id" -> "azurerm_x.y" ("data.azurerm_x.y" for data); nullopt otherwise.
std::optional<std::string> tf_ref_target(const Value& v);
// The name after "/<segment>/" in an Azure resource ID (case-insensitive segment).
std::string azure_id_name(std::string_view id, std::string_view segment);
std::string lower(std::string_view s);
std::string loc_key(const load::SourceTable& sources, const SourceLoc& loc);
// Bool-ish value: true/false (also strings); nullopt when absent/unknown/other.
std::optional<bool> bool_of(const Value* v);
// Replaces every location inside `v` (depth-limited) with `loc`.
void relocate(Value& v, const SourceLoc& loc, int depth = 0);

// --- Stages (in the order build_graph runs them) ------------------------------

void add_terraform(Builder& b);        // azure.cc: resources -> nodes, Azure edges
// kubernetes.cc: the objects of these files' YAML documents, appended to b.objects.
void collect_k8s_objects(Builder& b, const std::vector<FileId>& files);
void add_crds(Builder& b, std::size_t first);         // kubernetes.cc: the CRDs among b.objects[first..]
void add_k8s_objects(Builder& b, std::size_t first);  // kubernetes.cc: typed nodes of b.objects[first..]
void add_velero(Builder& b);           // velero.cc: values files, helm_release values, CRs
void add_operations(Builder& b);       // operations.cc: CI workflows, CronJob drills, alerts
void add_implicit_namespaces(Builder& b);  // edges.cc: namespaces referenced but not declared
void add_policies(Builder& b, const PolicyInputs& inputs);  // policy.cc
void add_k8s_edges(Builder& b);        // edges.cc: namespaces, classes, CRDs, secret stores
void add_storage_edges(Builder& b);    // edges.cc: Velero/backup -> Azure storage, clusters
void add_coverage(Builder& b);         // coverage.cc: backup definitions -> namespaces

// PrometheusRule-style rules (a list of {alert, expr, for, labels}) whose
// expression reads Velero backup metrics -> kMonitorAlert nodes (operations.cc).
std::vector<NodeId> add_prometheus_alerts(Builder& b, const Value& rules, const std::string& ns,
                                          const std::string& address_prefix, const std::string& source);
// A restore drill Velero `Restore` object (operations.cc).
void add_restore_object(Builder& b, const K8sObject& o, Value attrs);

// Objects that add_velero/add_operations read after the Kubernetes stage
// (Velero CRs, PrometheusRules): their documents are kept (kubernetes.cc).
bool read_after_linking(const K8sObject& o);
// CI pipeline files, read whole by add_operations (operations.cc).
bool is_ci_file(std::string_view path);

// Velero CRs are recognized by group; values files by content (velero.cc).
bool is_velero_group(std::string_view group);
// Velero values recognition (velero.cc): the values map inside a document
// (the root, or a parent key's map for umbrella charts), or nullptr.
const Value* find_velero_values(const Value& doc, std::string* parent_key);

}  // namespace drlint::link::detail
