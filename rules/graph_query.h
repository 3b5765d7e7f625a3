// Shared graph queries for DR rules: region normalization, which storage
// accounts hold Velero backups, which clusters a backup tool protects,
// storage classes of PVCs, backup definitions covering a namespace, and
// small helpers to name things in messages. Free functions over a const
// graph; nothing here reports findings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/graph/graph.h"
#include "analyzer/value/value.h"

namespace drlint::load {
class SourceTable;
}

namespace drlint::rules::query {

using graph::Graph;
using graph::Node;
using graph::NodeId;

// --- strings and values -----------------------------------------------------------

std::string lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// "West Europe", "westeurope", "WestEurope", "west-europe" -> "westeurope".
std::string normalize_region(std::string_view region);
// The known string of `v` (nullptr, unknown, null or non-scalar -> nullopt).
std::optional<std::string> known_text(const Value* v);
// The Azure paired region of a normalized region name ("westeurope" ->
// "northeurope"), "" when it has none or is not in the table.
std::string paired_region(std::string_view normalized);
// True/false of a known bool-ish value ("true"/"false" strings too).
std::optional<bool> known_bool(const Value* v);
// Why `v` is unknown, for messages: "var.location has no value",
// "it comes from azurerm_resource_group.rg.location". "" when known.
std::string unknown_reason(const Value* v);
// "path/to/file.tf:12" for messages ("" when the location is invalid).
std::string where(const load::SourceTable& sources, const SourceLoc& loc);

// --- where to report -------------------------------------------------------------

// The line a user edits to change attribute `key` of the Terraform block
// declared at `block` (a resource header): Values are located where they
// come from (a literal, a tfvars line, another resource's argument), which
// is not always inside the block. Returns `value`'s location when it lies in
// the block, else the `key = ...` line of the block's top level, else (the
// argument is not written: a default) the block header.
SourceLoc attr_site(const load::SourceTable& sources, const SourceLoc& block, std::string_view key,
                    const Value* value);
// True when `value` is located outside the block at `block` (it comes from
// a variable, a tfvars file or another resource): worth a related location.
bool located_elsewhere(const load::SourceTable& sources, const SourceLoc& block, const Value* value);

// --- Velero backup storage ---------------------------------------------------------

// A storage account that holds Velero backups, with what names it.
struct BackupStorage {
  NodeId account{};
  std::vector<NodeId> users;      // BackupStorageLocations / Velero servers that name it
  std::vector<SourceLoc> named_at;  // the Velero values naming the account (storageAccount)
};

// Every Terraform storage account used as Velero backup storage (by a
// BackupStorageLocation or a Velero server's values), never the Azure Backup
// for AKS extension's staging account. Ordered by account node id.
std::vector<BackupStorage> velero_backup_storage(const Graph& g);

// The AKS clusters a Velero server / location / schedule protects: through
// kProtects / kInstalledOn edges (following kPartOf to the server); when the
// graph has none and the scan declares exactly one AKS cluster (not a data
// source), that cluster.
std::vector<NodeId> protected_clusters(const Graph& g, NodeId velero_object);

// Storage containers that hold Velero backups: used by a BSL, or a container
// of a Velero backup account whose name is a BSL's bucket.
std::vector<NodeId> velero_backup_containers(const Graph& g);

// --- Azure Backup for AKS -------------------------------------------------------

// Backup vaults that hold AKS backups (linked to an AKS backup policy or
// backup instance).
std::vector<NodeId> aks_backup_vaults(const Graph& g);

// --- Kubernetes storage -----------------------------------------------------------

// The storage class a PVC resolves to.
struct ClassInfo {
  const Node* node = nullptr;  // the StorageClass node (declared or built-in), if any
  std::string name;            // class name ("" if none could be determined)
  std::string provisioner;     // "disk.csi.azure.com"
  std::string volume_type;     // "disk" | "file" | "blob" | "other" | "" (unknown)
  Value sku;                   // the SKU (known or unknown); null if not set
  bool builtin = false;        // an AKS built-in class that the scan does not declare
  bool implicit_default = false;  // the PVC names no class: the cluster default
};
std::optional<ClassInfo> storage_class_of(const Graph& g, const Node& pvc);
// True when an Azure Disk SKU (or the driver default when absent) is
// locally redundant.
bool disk_sku_is_lrs(const ClassInfo& c);

// Workloads mounting the PVC and the pod volume name it has in each.
struct Mount {
  NodeId workload{};
  std::string volume;  // the pod volume name (template name for a volumeClaimTemplate)
};
std::vector<Mount> mounts_of(const Graph& g, const Node& pvc);

// --- coverage --------------------------------------------------------------------

// Backup definitions (Velero Schedule/Backup, Azure Backup instance) with a
// kCovers edge to the namespace `ns`.
std::vector<NodeId> covering_definitions(const Graph& g, std::string_view ns);
// The Velero server a schedule/backup belongs to (kPartOf, or through its BSL).
const Node* server_of(const Graph& g, NodeId definition);

// How one covering backup definition treats a PVC's data.
struct VolumeCapture {
  bool snapshots = false;          // disk / CSI snapshots (stay in the region)
  bool fs_backup = false;          // file-system backup to the backup storage
  bool move_data = false;          // snapshotMoveData: snapshot data copied to the backup storage
  bool unknown = false;            // a deciding value is unknown
  bool explicit_setting = false;   // snapshots decided by an explicit value (not a default)
  SourceLoc decided_at;            // the value that decides (snapshotVolumes, ...)
  std::string why;                 // "snapshotVolumes: false", ...
};
VolumeCapture capture_of(const Graph& g, NodeId definition, const Node& pvc);

}  // namespace drlint::rules::query
