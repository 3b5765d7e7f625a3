// The unified DR graph: every input object that DR rules reason about, and
// the relations between them. Plain data: ids are indices, nodes carry their
// source location and normalized attributes (Values, known or unknown, each
// located). link/ builds it; rules and reporters get it const.
// The node attributes of each kind are documented in docs/graph.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/value/value.h"

namespace drlint::graph {

enum class NodeId : std::uint32_t {};
inline std::uint32_t index(NodeId id) { return static_cast<std::uint32_t>(id); }

enum class NodeKind : std::uint8_t {
  // Azure, from evaluated Terraform
  kResourceGroup,
  kAksCluster,
  kStorageAccount,
  kStorageContainer,
  kKeyVault,
  kBackupVault,         // azurerm_data_protection_backup_vault
  kBackupPolicy,        // azurerm_data_protection_backup_policy_kubernetes_cluster
  kBackupInstance,      // azurerm_data_protection_backup_instance_kubernetes_cluster (a backup definition)
  kClusterExtension,    // azurerm_kubernetes_cluster_extension
  kHelmRelease,         // helm_release
  kMonitorAlert,        // azurerm_monitor_* alert, or a PrometheusRule alert on backup metrics
  kTrafficFailover,     // Traffic Manager / Front Door (warm standby evidence)
  // Kubernetes
  kNamespace,
  kPvc,                 // PersistentVolumeClaim, or a StatefulSet volumeClaimTemplate
  kPv,
  kStorageClass,        // declared, or an AKS built-in class
  kWorkload,            // Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, ReplicaSet
  kCrd,
  kCustomResource,
  kSecret,
  kExternalSecret,      // ExternalSecret, ClusterExternalSecret
  kSecretStore,         // SecretStore, ClusterSecretStore
  kSecretProviderClass,
  kK8sObject,           // any other object (Service, ConfigMap, ...)
  // Velero
  kVeleroServer,              // a Velero installation: Helm values / helm_release
  kBackupStorageLocation,
  kVolumeSnapshotLocation,
  kVeleroSchedule,            // Schedule CR or `schedules:` entry (a backup definition)
  kVeleroBackup,              // Backup CR (a one-off backup definition)
  // Operations
  kRestoreDrill,              // a CI workflow or CronJob that runs a restore
  // Declared objectives
  kPolicy,                    // from .drlint.yaml or a Namespace annotation
};

enum class EdgeKind : std::uint8_t {
  kInNamespace,         // namespaced object -> Namespace
  kUsesStorageClass,    // PVC/PV -> StorageClass
  kMountsClaim,         // workload -> PVC
  kInstanceOf,          // custom resource -> CRD
  kStoresIn,            // BSL / VSL / Velero server / backup vault -> storage account
  kUsesContainer,       // BSL -> storage container
  kContainerOf,         // storage container -> storage account
  kInResourceGroup,     // Azure resource -> resource group
  kPartOf,              // schedule / BSL / VSL -> Velero server
  kUsesLocation,        // schedule / backup -> BSL
  kCovers,              // backup definition -> Namespace it selects
  kProtects,            // backup instance / Velero server -> AKS cluster
  kUsesPolicy,          // backup instance -> backup policy
  kInVault,             // backup policy / instance -> backup vault
  kReadsFrom,           // ExternalSecret -> SecretStore
  kBackedBy,            // SecretStore / SecretProviderClass -> Key Vault
  kAuthenticatesWith,   // SecretStore / SecretProviderClass -> Secret
  kInstalls,            // helm_release / extension -> CRD or Velero server
  kMonitors,            // alert -> backup vault / Velero server
  kDeclaresObjective,   // policy -> Namespace
  kInstalledOn,         // helm_release / cluster extension / Velero server -> AKS cluster
  kRestores,            // restore drill -> backup definition it restores from (--from-schedule/--from-backup)
};

// Number of enumerators (for tables indexed by kind).
inline constexpr std::size_t kNodeKindCount = static_cast<std::size_t>(NodeKind::kPolicy) + 1;
inline constexpr std::size_t kEdgeKindCount = static_cast<std::size_t>(EdgeKind::kRestores) + 1;

const char* node_kind_name(NodeKind kind);
const char* edge_kind_name(EdgeKind kind);

struct Node {
  NodeId id{};
  NodeKind kind{};
  // 16 bytes each, not 32 (std::string): a 50k-file graph has 90,000 nodes.
  CompactString name;     // object name ("velero", "payments", "data-db-0")
  CompactString ns;       // Kubernetes namespace, "" if none
  CompactString address;  // unique: "azurerm_storage_account.velero", "PersistentVolumeClaim/payments/data"
  SourceLoc loc;          // where the object is declared
  Value attrs = Value::map({});  // normalized attributes (docs/graph.md), each located

  const Value* attr(std::string_view key) const { return attrs.get(key); }
};

struct Edge {
  NodeId from{};
  NodeId to{};
  EdgeKind kind{};
  SourceLoc loc;  // the value that makes the link (e.g. storageClassName)
};

// The edges of one node and kind, in edge order, without a copy: iterates
// as `const Edge*` (valid while the graph lives).
class EdgeRange {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = const Edge*;
    using difference_type = std::ptrdiff_t;
    using pointer = const Edge* const*;
    using reference = const Edge*;
    iterator(const Edge* edges, const std::uint32_t* at) : edges_(edges), at_(at) {}
    const Edge* operator*() const { return edges_ + *at_; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++at_;
      return old;
    }
    bool operator==(const iterator& o) const { return at_ == o.at_; }
    bool operator!=(const iterator& o) const { return at_ != o.at_; }

   private:
    const Edge* edges_;
    const std::uint32_t* at_;
  };

  EdgeRange() = default;
  EdgeRange(const Edge* edges, const std::uint32_t* first, const std::uint32_t* last)
      : edges_(edges), first_(first), last_(last) {}
  iterator begin() const { return {edges_, first_}; }
  iterator end() const { return {edges_, last_}; }
  std::size_t size() const { return static_cast<std::size_t>(last_ - first_); }
  bool empty() const { return first_ == last_; }
  const Edge* operator[](std::size_t i) const { return edges_ + first_[i]; }
  const Edge* front() const { return edges_ + *first_; }

 private:
  const Edge* edges_ = nullptr;
  const std::uint32_t* first_ = nullptr;
  const std::uint32_t* last_ = nullptr;
};

class Graph {
 public:
  NodeId add_node(Node node);
  void add_edge(NodeId from, NodeId to, EdgeKind kind, SourceLoc loc = {});
  // Room for this many edges in all, before adding them.
  void reserve_edges(std::size_t n) { edges_.reserve(n); }
  // Builds the adjacency and kind indexes; call once after the last add.
  void finalize();

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  const Node& node(NodeId id) const { return nodes_[index(id)]; }
  Node& mutable_node(NodeId id) { return nodes_[index(id)]; }

  const std::vector<NodeId>& of_kind(NodeKind kind) const;
  // Edges leaving / entering a node, of one kind, in edge order.
  EdgeRange out(NodeId id, EdgeKind kind) const;
  EdgeRange in(NodeId id, EdgeKind kind) const;
  // The node with this address, or nullptr.
  const Node* find(std::string_view address) const;
  // The nodes of a kind with this name (a namespace declared in two files
  // is one node; Kubernetes objects of one name in several namespaces are
  // several), in node order.
  std::vector<NodeId> named(NodeKind kind, std::string_view name) const;

 private:
  // The edges of each node, as indexes into edges_ (compressed rows), each
  // row sorted by (kind, index).
  struct Adjacency {
    std::vector<std::uint32_t> first;  // per node, then one past the last
    std::vector<std::uint32_t> edges;
  };
  void index_edges(bool outgoing, Adjacency& adj) const;
  EdgeRange edges_of(const Adjacency& adj, NodeId id, EdgeKind kind) const;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::vector<NodeId>> by_kind_;
  Adjacency out_, in_;
  // Node ids only (4 bytes an entry, not 24 with a view of the key): the
  // key is read from the node.
  std::vector<NodeId> by_address_;             // sorted by address
  std::vector<std::vector<NodeId>> by_name_;   // per kind, sorted by (name, id)
};

}  // namespace drlint::graph
