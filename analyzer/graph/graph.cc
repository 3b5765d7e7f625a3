#include "analyzer/graph/graph.h"

#include <algorithm>

namespace drlint::graph {

static_assert(sizeof(Node) <= 112, "Node grew: a 50k-file graph holds 90,000 of them");

const char* node_kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::kResourceGroup: return "resource_group";
    case NodeKind::kAksCluster: return "aks_cluster";
    case NodeKind::kStorageAccount: return "storage_account";
    case NodeKind::kStorageContainer: return "storage_container";
    case NodeKind::kKeyVault: return "key_vault";
    case NodeKind::kBackupVault: return "backup_vault";
    case NodeKind::kBackupPolicy: return "backup_policy";
    case NodeKind::kBackupInstance: return "backup_instance";
    case NodeKind::kClusterExtension: return "cluster_extension";
    case NodeKind::kHelmRelease: return "helm_release";
    case NodeKind::kMonitorAlert: return "monitor_alert";
    case NodeKind::kTrafficFailover: return "traffic_failover";
    case NodeKind::kNamespace: return "namespace";
    case NodeKind::kPvc: return "pvc";
    case NodeKind::kPv: return "pv";
    case NodeKind::kStorageClass: return "storage_class";
    case NodeKind::kWorkload: return "workload";
    case NodeKind::kCrd: return "crd";
    case NodeKind::kCustomResource: return "custom_resource";
    case NodeKind::kSecret: return "secret";
    case NodeKind::kExternalSecret: return "external_secret";
    case NodeKind::kSecretStore: return "secret_store";
    case NodeKind::kSecretProviderClass: return "secret_provider_class";
    case NodeKind::kK8sObject: return "k8s_object";
    case NodeKind::kVeleroServer: return "velero_server";
    case NodeKind::kBackupStorageLocation: return "backup_storage_location";
    case NodeKind::kVolumeSnapshotLocation: return "volume_snapshot_location";
    case NodeKind::kVeleroSchedule: return "velero_schedule";
    case NodeKind::kVeleroBackup: return "velero_backup";
    case NodeKind::kRestoreDrill: return "restore_drill";
    case NodeKind::kPolicy: return "policy";
  }
  return "unknown";
}

const char* edge_kind_name(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kInNamespace: return "in_namespace";
    case EdgeKind::kUsesStorageClass: return "uses_storage_class";
    case EdgeKind::kMountsClaim: return "mounts_claim";
    case EdgeKind::kInstanceOf: return "instance_of";
    case EdgeKind::kStoresIn: return "stores_in";
    case EdgeKind::kUsesContainer: return "uses_container";
    case EdgeKind::kContainerOf: return "container_of";
    case EdgeKind::kInResourceGroup: return "in_resource_group";
    case EdgeKind::kPartOf: return "part_of";
    case EdgeKind::kUsesLocation: return "uses_location";
    case EdgeKind::kCovers: return "covers";
    case EdgeKind::kProtects: return "protects";
    case EdgeKind::kUsesPolicy: return "uses_policy";
    case EdgeKind::kInVault: return "in_vault";
    case EdgeKind::kReadsFrom: return "reads_from";
    case EdgeKind::kBackedBy: return "backed_by";
    case EdgeKind::kAuthenticatesWith: return "authenticates_with";
    case EdgeKind::kInstalls: return "installs";
    case EdgeKind::kMonitors: return "monitors";
    case EdgeKind::kDeclaresObjective: return "declares_objective";
    case EdgeKind::kInstalledOn: return "installed_on";
    case EdgeKind::kRestores: return "restores";
  }
  return "unknown";
}

NodeId Graph::add_node(Node node) {
  NodeId id{static_cast<std::uint32_t>(nodes_.size())};
  node.id = id;
  nodes_.push_back(std::move(node));
  return id;
}

void Graph::add_edge(NodeId from, NodeId to, EdgeKind kind, SourceLoc loc) {
  edges_.push_back(Edge{from, to, kind, loc});
}

void Graph::finalize() {
  // Attributes were built by appending. The node and edge vectors keep
  // their spare capacity: shrinking copies them, and that copy would be the
  // scan's peak of memory.
  for (Node& n : nodes_) n.attrs.shrink_to_fit();
  by_kind_.assign(kNodeKindCount, {});
  for (const Node& n : nodes_) by_kind_[static_cast<std::size_t>(n.kind)].push_back(n.id);
  index_edges(true, out_);
  index_edges(false, in_);
  by_address_.resize(nodes_.size());
  for (const Node& n : nodes_) by_address_[index(n.id)] = n.id;
  std::stable_sort(by_address_.begin(), by_address_.end(),
                   [this](NodeId a, NodeId b) { return node(a).address < node(b).address; });
  by_name_ = by_kind_;  // each in node order
  for (auto& ids : by_name_)
    std::stable_sort(ids.begin(), ids.end(), [this](NodeId a, NodeId b) { return node(a).name < node(b).name; });
}

void Graph::index_edges(bool outgoing, Adjacency& adj) const {
  // Compressed rows: the edges of node i are edges[first[i] .. first[i+1]),
  // in edge order.
  adj.first.assign(nodes_.size() + 1, 0);
  auto end_of = [&](const Edge& e) { return index(outgoing ? e.from : e.to); };
  for (const Edge& e : edges_) ++adj.first[end_of(e) + 1];
  for (std::size_t i = 1; i < adj.first.size(); ++i) adj.first[i] += adj.first[i - 1];
  adj.edges.assign(edges_.size(), 0);
  std::vector<std::uint32_t> next(adj.first.begin(), adj.first.end() - 1);
  for (std::uint32_t i = 0; i < edges_.size(); ++i) adj.edges[next[end_of(edges_[i])]++] = i;
  // Within a row, by kind (stable: edge order within a kind).
  auto by_kind = [&](std::uint32_t a, std::uint32_t b) { return edges_[a].kind < edges_[b].kind; };
  for (std::size_t n = 0; n + 1 < adj.first.size(); ++n) {
    auto row_begin = adj.edges.begin() + adj.first[n], row_end = adj.edges.begin() + adj.first[n + 1];
    // Most rows are short and in order already (stable_sort would allocate).
    if (!std::is_sorted(row_begin, row_end, by_kind)) std::stable_sort(row_begin, row_end, by_kind);
  }
}

const std::vector<NodeId>& Graph::of_kind(NodeKind kind) const {
  static const std::vector<NodeId> kEmpty;
  std::size_t k = static_cast<std::size_t>(kind);
  return k < by_kind_.size() ? by_kind_[k] : kEmpty;
}

EdgeRange Graph::edges_of(const Adjacency& adj, NodeId id, EdgeKind kind) const {
  if (index(id) + 1 >= adj.first.size()) return {};
  const std::uint32_t* first = adj.edges.data() + adj.first[index(id)];
  const std::uint32_t* last = adj.edges.data() + adj.first[index(id) + 1];
  while (first != last && edges_[*first].kind != kind) ++first;  // rows are short
  const std::uint32_t* end = first;
  while (end != last && edges_[*end].kind == kind) ++end;
  return EdgeRange(edges_.data(), first, end);
}

EdgeRange Graph::out(NodeId id, EdgeKind kind) const { return edges_of(out_, id, kind); }

EdgeRange Graph::in(NodeId id, EdgeKind kind) const { return edges_of(in_, id, kind); }

std::vector<NodeId> Graph::named(NodeKind kind, std::string_view name) const {
  std::size_t k = static_cast<std::size_t>(kind);
  if (k >= by_name_.size()) return {};
  const std::vector<NodeId>& ids = by_name_[k];
  auto first = std::lower_bound(ids.begin(), ids.end(), name,
                                [this](NodeId id, std::string_view n) { return node(id).name < n; });
  auto last = first;
  while (last != ids.end() && node(*last).name == name) ++last;
  return std::vector<NodeId>(first, last);
}

const Node* Graph::find(std::string_view address) const {
  auto it = std::lower_bound(by_address_.begin(), by_address_.end(), address,
                             [this](NodeId id, std::string_view a) { return node(id).address < a; });
  if (it == by_address_.end() || node(*it).address != address) return nullptr;
  return &node(*it);
}

}  // namespace drlint::graph
