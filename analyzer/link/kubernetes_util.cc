#include "analyzer/link/kubernetes_util.h"

#include <array>

#include "analyzer/schedule/quantity.h"

namespace drlint::link::detail {

bool is_cluster_scoped_builtin(std::string_view kind) {
  static constexpr std::array<std::string_view, 22> kKinds = {
      "Namespace", "PersistentVolume", "StorageClass", "CustomResourceDefinition", "ClusterRole",
      "ClusterRoleBinding", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
      "MutatingWebhookConfiguration", "APIService", "CSIDriver", "CSINode", "Node", "RuntimeClass",
      "PodSecurityPolicy", "VolumeAttachment", "CertificateSigningRequest", "FlowSchema",
      "PriorityLevelConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"};
  for (std::string_view k : kKinds)
    if (k == kind) return true;
  return false;
}

bool is_cluster_scoped_custom_kind(std::string_view kind) {
  // Conventional "Cluster*" kinds (ClusterSecretStore, ClusterIssuer, ...) and
  // a few well-known cluster-scoped CRDs.
  return kind.rfind("Cluster", 0) == 0 || kind == "VolumeSnapshotClass" || kind == "VolumeSnapshotContent" ||
         kind == "ClusterPolicy" || kind == "GatewayClass";
}

bool is_workload_kind(std::string_view kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "Job" ||
         kind == "CronJob" || kind == "Pod" || kind == "ReplicaSet" || kind == "ReplicationController";
}

Value base_attrs(const K8sObject& o) {
  const Value* api = o.root->get("apiVersion");
  const Value* kind = o.root->get("kind");
  Value a = Value::map({}, o.loc);
  a.set("api_version", api ? *api : Value::string(o.api_version, o.loc));
  a.set("kind", kind ? *kind : Value::string(o.kind, o.loc));
  const Value* labels = o.root->at_path("metadata.labels");
  a.set("labels", labels && labels->is_map() ? *labels : Value::map({}, o.loc));
  const Value* ann = o.root->at_path("metadata.annotations");
  a.set("annotations", ann && ann->is_map() ? *ann : Value::map({}, o.loc));
  if (const Value* ig = ann ? ann->get("drlint.io/ignore") : nullptr) a.set("ignore", *ig);
  return a;
}

const Value* pod_template(const K8sObject& o) {
  if (o.kind == "Pod") return o.root;
  if (o.kind == "CronJob") return o.root->at_path("spec.jobTemplate.spec.template");
  return o.root->at_path("spec.template");
}

Value pod_volumes(const Value* pod_spec, const SourceLoc& loc) {
  std::vector<Value> out;
  const Value* vols = pod_spec ? pod_spec->get("volumes") : nullptr;
  if (vols && vols->is_list()) {
    for (const Value& v : vols->items()) {
      const Value* name = v.get("name");
      if (!name) continue;
      Value m = Value::map({{"name", *name}}, name->loc());
      if (const Value* c = v.at_path("persistentVolumeClaim.claimName")) m.set("claim_name", *c);
      if (const Value* csi = v.get("csi")) {
        if (const Value* d = csi->get("driver")) m.set("csi_driver", *d);
        if (const Value* spc = csi->at_path("volumeAttributes.secretProviderClass"))
          m.set("secret_provider_class", *spc);
        if (const Value* s = csi->at_path("nodePublishSecretRef.name")) m.set("node_publish_secret", *s);
      }
      out.push_back(std::move(m));
    }
  }
  return Value::list(std::move(out), vols ? vols->loc() : loc);
}

Value pod_containers(const Value* pod_spec, const SourceLoc& loc) {
  std::vector<Value> out;
  for (const char* field : {"initContainers", "containers"}) {
    const Value* cs = pod_spec ? pod_spec->get(field) : nullptr;
    if (!cs || !cs->is_list()) continue;
    for (const Value& c : cs->items()) {
      const Value* name = c.get("name");
      SourceLoc cl = name ? name->loc() : c.loc();
      std::vector<Value> cmd;
      for (const char* part : {"command", "args"}) {
        const Value* p = c.get(part);
        if (p && p->is_list())
          for (const Value& s : p->items())
            if (s.is_scalar()) cmd.push_back(s);
      }
      out.push_back(Value::map({{"name", copy_or_null(name, cl)},
                                {"image", copy_or_null(c.get("image"), cl)},
                                {"command", Value::list(std::move(cmd), cl)}},
                               cl));
    }
  }
  return Value::list(std::move(out), loc);
}

std::optional<std::uint64_t> parse_size(std::string_view quantity) {
  return schedule::parse_quantity_bytes(quantity);
}

std::string volume_type_of(std::string_view p) {
  if (p == "disk.csi.azure.com" || p == "kubernetes.io/azure-disk") return "disk";
  if (p == "file.csi.azure.com" || p == "kubernetes.io/azure-file") return "file";
  if (p == "blob.csi.azure.com") return "blob";
  return "other";
}

Value find_sku(const Value* params, const SourceLoc& fallback) {
  if (params && params->is_map())
    for (const Value::Entry& e : params->entries()) {
      std::string k = lower(e.first);
      if (k == "skuname" || k == "storageaccounttype") return e.second;
    }
  return Value::null(fallback);
}

std::string vault_name_from_url(std::string_view url) {
  std::size_t p = url.find("://");
  if (p != std::string_view::npos) url.remove_prefix(p + 3);
  std::size_t dot = url.find('.');
  return lower(url.substr(0, dot));
}

namespace {
void find_secret_refs(const Value& v, std::string_view key, const std::string& ns, int depth,
                      std::vector<Value>& out) {
  if (depth > kMaxDepth) return;
  if (v.is_map()) {
    std::string lk = lower(key);
    const Value* name = v.get("name");
    if (name && name->is_scalar() && lk.size() >= 9 && lk.substr(lk.size() - 9) == "secretref") {
      const Value* n = v.get("namespace");
      out.push_back(Value::map({{"name", *name},
                                {"namespace", n ? *n : Value::string(ns, name->loc())},
                                {"key", copy_or_null(v.get("key"), name->loc())}},
                               name->loc()));
      return;
    }
    for (const Value::Entry& e : v.entries()) find_secret_refs(e.second, e.first, ns, depth + 1, out);
    // ESO azurekv: authSecretRef: {clientId: {name,key}, clientSecret: {name,key}}
  } else if (v.is_list()) {
    for (const Value& item : v.items()) find_secret_refs(item, key, ns, depth + 1, out);
  }
}

void find_nested_auth_refs(const Value& v, const std::string& ns, std::vector<Value>& out) {
  // authSecretRef / secretRef blocks whose children are {name, key} selectors.
  for (const char* k : {"authSecretRef", "secretRef"}) {
    const Value* r = v.get(k);
    if (!r || !r->is_map() || r->get("name")) continue;
    for (const Value::Entry& e : r->entries()) {
      const Value* name = e.second.get("name");
      if (!name || !name->is_scalar()) continue;
      const Value* n = e.second.get("namespace");
      out.push_back(Value::map({{"name", *name},
                                {"namespace", n ? *n : Value::string(ns, name->loc())},
                                {"key", copy_or_null(e.second.get("key"), name->loc())}},
                               name->loc()));
    }
  }
}
}  // namespace

Value secret_refs(const Value* provider_cfg, const std::string& default_ns, const SourceLoc& loc) {
  std::vector<Value> out;
  if (provider_cfg) {
    find_secret_refs(*provider_cfg, "", default_ns, 0, out);
    if (const Value* auth = provider_cfg->get("auth")) find_nested_auth_refs(*auth, default_ns, out);
    find_nested_auth_refs(*provider_cfg, default_ns, out);
  }
  return Value::list(std::move(out), loc);
}

const BuiltinStorageClass* find_builtin_storage_class(std::string_view name) {
  static constexpr std::array<BuiltinStorageClass, 11> kClasses = {{
      {"default", "disk.csi.azure.com", "StandardSSD_LRS"},
      {"managed-csi", "disk.csi.azure.com", "StandardSSD_LRS"},
      {"managed-csi-premium", "disk.csi.azure.com", "Premium_LRS"},
      {"managed", "kubernetes.io/azure-disk", "StandardSSD_LRS"},
      {"managed-premium", "kubernetes.io/azure-disk", "Premium_LRS"},
      {"azurefile", "kubernetes.io/azure-file", "Standard_LRS"},
      {"azurefile-premium", "kubernetes.io/azure-file", "Premium_LRS"},
      {"azurefile-csi", "file.csi.azure.com", "Standard_LRS"},
      {"azurefile-csi-premium", "file.csi.azure.com", "Premium_LRS"},
      {"azureblob-fuse-premium", "blob.csi.azure.com", "Premium_LRS"},
      {"azureblob-nfs-premium", "blob.csi.azure.com", "Premium_LRS"},
  }};
  for (const BuiltinStorageClass& c : kClasses)
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace drlint::link::detail
