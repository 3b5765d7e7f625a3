// Internal to link/: Kubernetes knowledge (cluster-scoped kinds, pod
// templates, AKS built-in storage classes; built-in API groups are in
// graph/k8s_identity.h, which rules read too) and attribute extraction
// shared by kubernetes.cc, edges.cc and operations.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/graph/k8s_identity.h"
#include "analyzer/link/builder.h"

namespace drlint::link::detail {

bool is_cluster_scoped_builtin(std::string_view kind);
// Custom kinds known to be cluster-scoped when their CRD is not scanned.
bool is_cluster_scoped_custom_kind(std::string_view kind);
bool is_workload_kind(std::string_view kind);

// api_version, kind, labels, annotations, ignore (group and version are
// read from api_version: graph/k8s_identity.h).
Value base_attrs(const K8sObject& o);
// The pod template of a workload (a map with metadata/spec); the object itself for a Pod.
const Value* pod_template(const K8sObject& o);
// [{name, claim_name, secret_provider_class, node_publish_secret}] from a pod spec.
Value pod_volumes(const Value* pod_spec, const SourceLoc& loc);
// [{name, image, command: [..]}] for containers and initContainers.
Value pod_containers(const Value* pod_spec, const SourceLoc& loc);

std::optional<std::uint64_t> parse_size(std::string_view quantity);
// "disk" | "file" | "blob" | "other" from a provisioner name.
std::string volume_type_of(std::string_view provisioner);
// skuName / storageaccounttype / storageAccountType (any case) of StorageClass parameters.
Value find_sku(const Value* params, const SourceLoc& fallback);
// "https://NAME.vault.azure.net/" -> "NAME".
std::string vault_name_from_url(std::string_view url);
// Every {name, namespace, key} under a `secretRef`/`*SecretRef` key of an ESO provider block.
Value secret_refs(const Value* provider_cfg, const std::string& default_ns, const SourceLoc& loc);

struct BuiltinStorageClass {
  const char* name;
  const char* provisioner;
  const char* sku;
};
// AKS built-in classes (present in every cluster without being declared).
const BuiltinStorageClass* find_builtin_storage_class(std::string_view name);

}  // namespace drlint::link::detail
