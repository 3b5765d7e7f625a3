// Kubernetes manifests -> nodes: every object generically (kind, names,
// labels, annotations), typed views for the kinds DR rules read, CRDs, and
// one PVC node per StatefulSet volumeClaimTemplate.
#include <array>

#include "analyzer/link/builder.h"
#include "analyzer/link/kubernetes_util.h"

namespace drlint::link::detail {
namespace {

void collect(const Value& v, const Value& document, FileId file, int depth, std::vector<K8sObject>& out) {
  if (!v.is_map()) return;
  const Value* api = v.get("apiVersion");
  const Value* kind = v.get("kind");
  if (!api || !kind || !api->is_string() || !kind->is_string()) return;
  const Value* items = v.get("items");
  std::string_view k = kind->text();
  if (k.size() >= 4 && k.substr(k.size() - 4) == "List" && items && items->is_list()) {
    if (depth < 2)
      for (const Value& item : items->items()) collect(item, document, file, depth + 1, out);
    return;
  }
  const Value* meta = v.get("metadata");
  const Value* name = meta ? meta->get("name") : nullptr;
  if (!name || !name->is_scalar()) name = meta ? meta->get("generateName") : nullptr;
  if (!name || !name->is_scalar() || name->text().empty()) return;
  K8sObject o;
  o.root = &v;
  o.document = &document;
  o.file = file;
  o.api_version = api->text();
  std::size_t slash = o.api_version.find('/');
  if (slash == std::string::npos) {
    o.version = o.api_version;
  } else {
    o.group = o.api_version.substr(0, slash);
    o.version = o.api_version.substr(slash + 1);
  }
  o.kind = kind->text();
  o.name = name->text();
  const Value* ns = meta->get("namespace");
  o.ns = ns && ns->is_scalar() ? ns->text() : "";
  o.loc = name->loc().valid() ? name->loc() : v.loc();
  out.push_back(std::move(o));
}

// --- typed views --------------------------------------------------------------

void add_namespace(Builder& b, const K8sObject& o, Value attrs) {
  attrs.set("implicit", Value::boolean(false, o.loc));
  NodeId id = b.add(NodeKind::kNamespace, o.name, "", "Namespace/" + o.name, o.loc, std::move(attrs));
  b.namespaces.emplace(o.name, id);
  b.index_k8s("Namespace", "", o.name, id);
}

Value pvc_spec_attrs(const Value* spec, Value attrs, const SourceLoc& loc) {
  const Value* sc = spec ? spec->get("storageClassName") : nullptr;
  if (sc) attrs.set("storage_class_name", *sc);
  const Value* req = spec ? spec->at_path("resources.requests.storage") : nullptr;
  attrs.set("request", copy_or_null(req, loc));
  if (req && req->is_scalar()) {
    if (auto bytes = parse_size(req->text())) attrs.set("request_bytes", Value::number(static_cast<double>(*bytes), req->loc()));
  }
  attrs.set("access_modes", string_list(spec ? spec->get("accessModes") : nullptr, loc));
  if (const Value* vn = spec ? spec->get("volumeName") : nullptr) attrs.set("volume_name", *vn);
  return attrs;
}

void add_pvc(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  attrs = pvc_spec_attrs(spec, std::move(attrs), o.loc);
  // The legacy annotation still selects a class when storageClassName is absent.
  if (!attrs.get("storage_class_name")) {
    if (const Value* beta = o.root->at_path("metadata.annotations")) {
      if (const Value* c = beta->get("volume.beta.kubernetes.io/storage-class")) attrs.set("storage_class_name", *c);
    }
  }
  attrs.set("template", Value::boolean(false, o.loc));
  attrs.set("replicas", Value::number(1, o.loc));
  NodeId id = b.add(NodeKind::kPvc, o.name, o.ns, "PersistentVolumeClaim/" + o.ns + "/" + o.name, o.loc,
                    std::move(attrs));
  b.index_k8s("PersistentVolumeClaim", o.ns, o.name, id);
}

void add_pv(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  if (const Value* sc = spec ? spec->get("storageClassName") : nullptr) attrs.set("storage_class_name", *sc);
  attrs.set("capacity", copy_or_null(spec ? spec->at_path("capacity.storage") : nullptr, o.loc));
  attrs.set("csi_driver", copy_or_null(spec ? spec->at_path("csi.driver") : nullptr, o.loc));
  attrs.set("volume_handle", copy_or_null(spec ? spec->at_path("csi.volumeHandle") : nullptr, o.loc));
  if (const Value* ad = spec ? spec->get("azureDisk") : nullptr) attrs.set("azure_disk", *ad);
  if (const Value* af = spec ? spec->get("azureFile") : nullptr) attrs.set("azure_file", *af);
  if (const Value* cr = spec ? spec->get("claimRef") : nullptr) {
    attrs.set("claim_namespace", copy_or_null(cr->get("namespace"), o.loc));
    attrs.set("claim_name", copy_or_null(cr->get("name"), o.loc));
  }
  NodeId id = b.add(NodeKind::kPv, o.name, "", "PersistentVolume/" + o.name, o.loc, std::move(attrs));
  b.index_k8s("PersistentVolume", "", o.name, id);
}

void add_storage_class(Builder& b, const K8sObject& o, Value attrs) {
  const Value* prov = o.root->get("provisioner");
  attrs.set("provisioner", copy_or_null(prov, o.loc));
  attrs.set("volume_type", Value::string(volume_type_of(text_of(prov)), prov ? prov->loc() : o.loc));
  const Value* params = o.root->get("parameters");
  attrs.set("parameters", params ? *params : Value::map({}, o.loc));
  attrs.set("sku", find_sku(params, o.loc));
  const Value* def = o.root->at_path("metadata.annotations");
  const Value* d = def ? def->get("storageclass.kubernetes.io/is-default-class") : nullptr;
  if (!d && def) d = def->get("storageclass.beta.kubernetes.io/is-default-class");
  attrs.set("is_default", Value::boolean(bool_of(d).value_or(false), d ? d->loc() : o.loc));
  attrs.set("builtin", Value::boolean(false, o.loc));
  attrs.set("reclaim_policy", copy_or_null(o.root->get("reclaimPolicy"), o.loc));
  attrs.set("volume_binding_mode", copy_or_null(o.root->get("volumeBindingMode"), o.loc));
  attrs.set("allowed_topologies", copy_or_null(o.root->get("allowedTopologies"), o.loc));
  NodeId id = b.add(NodeKind::kStorageClass, o.name, "", "StorageClass/" + o.name, o.loc, std::move(attrs));
  b.index_k8s("StorageClass", "", o.name, id);
}

void add_crd(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  const Value* group = spec ? spec->get("group") : nullptr;
  const Value* kind = spec ? spec->at_path("names.kind") : nullptr;
  attrs.set("crd_group", copy_or_null(group, o.loc));
  attrs.set("crd_kind", copy_or_null(kind, o.loc));
  attrs.set("plural", copy_or_null(spec ? spec->at_path("names.plural") : nullptr, o.loc));
  const Value* scope = spec ? spec->get("scope") : nullptr;
  attrs.set("scope", scope ? *scope : Value::string("Namespaced", o.loc));
  std::vector<Value> versions;
  const Value* vs = spec ? spec->get("versions") : nullptr;
  if (vs && vs->is_list()) {
    for (const Value& v : vs->items()) {
      const Value* n = v.get("name");
      if (!n) continue;
      const Value* served = v.get("served");
      const Value* storage = v.get("storage");
      versions.push_back(Value::map({{"name", *n},
                                     {"served", served ? *served : Value::boolean(true, n->loc())},
                                     {"storage", storage ? *storage : Value::boolean(false, n->loc())}},
                                    n->loc()));
    }
  } else if (const Value* v1 = spec ? spec->get("version") : nullptr) {  // apiextensions v1beta1
    versions.push_back(Value::map({{"name", *v1}, {"served", Value::boolean(true, v1->loc())},
                                   {"storage", Value::boolean(true, v1->loc())}},
                                  v1->loc()));
  }
  attrs.set("versions", Value::list(std::move(versions), vs ? vs->loc() : o.loc));
  attrs.set("conversion_strategy", copy_or_null(spec ? spec->at_path("conversion.strategy") : nullptr, o.loc));
  NodeId id = b.add(NodeKind::kCrd, o.name, "", "CustomResourceDefinition/" + o.name, o.loc, std::move(attrs));
  b.index_k8s("CustomResourceDefinition", "", o.name, id);
  if (group && kind && group->is_scalar() && kind->is_scalar()) b.crds.emplace(std::string(group->text()) + "/" + std::string(kind->text()), id);
}

void add_workload(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  const Value* tmpl = pod_template(o);
  attrs.set("workload_kind", Value::string(o.kind, o.loc));
  const Value* replicas = spec ? spec->get("replicas") : nullptr;
  attrs.set("replicas", replicas ? *replicas : Value::number(1, o.loc));
  attrs.set("pod_labels", copy_or_null(tmpl ? tmpl->at_path("metadata.labels") : nullptr, o.loc));
  const Value* pod_ann = tmpl ? tmpl->at_path("metadata.annotations") : nullptr;
  attrs.set("pod_annotations", pod_ann ? *pod_ann : Value::map({}, o.loc));
  const Value* bv = pod_ann ? pod_ann->get("backup.velero.io/backup-volumes") : nullptr;
  const Value* bx = pod_ann ? pod_ann->get("backup.velero.io/backup-volumes-excludes") : nullptr;
  attrs.set("backup_volumes", string_list(bv, o.loc, true));
  attrs.set("backup_volumes_excludes", string_list(bx, o.loc, true));
  const Value* pod_spec = tmpl ? (o.kind == "Pod" ? tmpl->get("spec") : tmpl->get("spec")) : nullptr;
  attrs.set("volumes", pod_volumes(pod_spec, o.loc));
  attrs.set("containers", pod_containers(pod_spec, o.loc));
  attrs.set("service_account", copy_or_null(pod_spec ? pod_spec->get("serviceAccountName") : nullptr, o.loc));
  if (o.kind == "CronJob") {
    attrs.set("schedule", copy_or_null(spec ? spec->get("schedule") : nullptr, o.loc));
    attrs.set("suspend", copy_or_null(spec ? spec->get("suspend") : nullptr, o.loc));
  }
  std::string address = o.kind + "/" + o.ns + "/" + o.name;
  NodeId id = b.add(NodeKind::kWorkload, o.name, o.ns, address, o.loc, std::move(attrs));
  b.index_k8s(o.kind, o.ns, o.name, id);

  if (o.kind != "StatefulSet" || !spec) return;
  const Value* vcts = spec->get("volumeClaimTemplates");
  if (!vcts || !vcts->is_list()) return;
  for (const Value& t : vcts->items()) {
    const Value* tname = t.at_path("metadata.name");
    if (!tname || !tname->is_scalar()) continue;
    std::string pvc_name = std::string(tname->text()) + "-" + o.name;
    Value pattrs = Value::map({}, tname->loc());
    pattrs.set("api_version", Value::string("v1", tname->loc()));
    pattrs.set("kind", Value::string("PersistentVolumeClaim", tname->loc()));
    pattrs.set("labels", copy_or_null(t.at_path("metadata.labels"), tname->loc()));
    pattrs.set("annotations", copy_or_null(t.at_path("metadata.annotations"), tname->loc()));
    pattrs = pvc_spec_attrs(t.get("spec"), std::move(pattrs), tname->loc());
    pattrs.set("template", Value::boolean(true, tname->loc()));
    pattrs.set("template_name", *tname);
    pattrs.set("replicas", replicas ? *replicas : Value::number(1, o.loc));
    NodeId pvc = b.add(NodeKind::kPvc, pvc_name, o.ns, "PersistentVolumeClaim/" + o.ns + "/" + pvc_name,
                       tname->loc(), std::move(pattrs));
    b.index_k8s("PersistentVolumeClaim", o.ns, pvc_name, pvc);
    b.edge(id, pvc, EdgeKind::kMountsClaim, tname->loc());
  }
}

void add_secret(Builder& b, const K8sObject& o, Value attrs) {
  attrs.set("type", copy_or_null(o.root->get("type"), o.loc));
  std::vector<Value> keys;
  for (const char* field : {"data", "stringData"}) {
    const Value* d = o.root->get(field);
    if (d && d->is_map())
      for (const Value::Entry& e : d->entries()) keys.push_back(Value::string(e.first, e.second.loc()));
  }
  attrs.set("keys", Value::list(std::move(keys), o.loc));
  attrs.set("has_string_data", Value::boolean(o.root->get("stringData") != nullptr, o.loc));
  NodeId id = b.add(NodeKind::kSecret, o.name, o.ns, "Secret/" + o.ns + "/" + o.name, o.loc, std::move(attrs));
  b.index_k8s("Secret", o.ns, o.name, id);
}

void add_external_secret(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  const Value* es_spec = o.kind == "ClusterExternalSecret" && spec ? spec->get("externalSecretSpec") : spec;
  const Value* ref = es_spec ? es_spec->get("secretStoreRef") : nullptr;
  const Value* rkind = ref ? ref->get("kind") : nullptr;
  attrs.set("store_kind", rkind ? *rkind : Value::string("SecretStore", ref ? ref->loc() : o.loc));
  attrs.set("store_name", copy_or_null(ref ? ref->get("name") : nullptr, o.loc));
  const Value* target = es_spec ? es_spec->at_path("target.name") : nullptr;
  attrs.set("target_name", target ? *target : Value::string(o.name, o.loc));
  attrs.set("refresh_interval", copy_or_null(es_spec ? es_spec->get("refreshInterval") : nullptr, o.loc));
  if (o.kind == "ClusterExternalSecret")
    attrs.set("namespace_selector", copy_or_null(spec ? spec->get("namespaceSelector") : nullptr, o.loc));
  std::string address = o.kind + "/" + (o.ns.empty() ? "" : o.ns + "/") + o.name;
  NodeId id = b.add(NodeKind::kExternalSecret, o.name, o.ns, address, o.loc, std::move(attrs));
  b.index_k8s(o.kind, o.ns, o.name, id);
}

void add_secret_store(Builder& b, const K8sObject& o, Value attrs) {
  const Value* provider = o.root->at_path("spec.provider");
  std::string pname;
  const Value* pcfg = nullptr;
  if (provider && provider->is_map() && !provider->entries().empty()) {
    pname = provider->entries()[0].first;
    pcfg = &provider->entries()[0].second;
  }
  attrs.set("provider", Value::string(pname, provider ? provider->loc() : o.loc));
  const Value* url = pcfg ? pcfg->get("vaultUrl") : nullptr;
  attrs.set("vault_url", copy_or_null(url, o.loc));
  if (url && url->is_string()) attrs.set("vault_name", Value::string(vault_name_from_url(url->text()), url->loc()));
  attrs.set("auth_type", copy_or_null(pcfg ? pcfg->get("authType") : nullptr, o.loc));
  attrs.set("auth_secret_refs", secret_refs(pcfg, o.ns, o.loc));
  attrs.set("service_account_ref", copy_or_null(pcfg ? pcfg->get("serviceAccountRef") : nullptr, o.loc));
  std::string address = o.kind + "/" + (o.ns.empty() ? "" : o.ns + "/") + o.name;
  NodeId id = b.add(NodeKind::kSecretStore, o.name, o.ns, address, o.loc, std::move(attrs));
  b.index_k8s(o.kind, o.ns, o.name, id);
}

void add_spc(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  attrs.set("provider", copy_or_null(spec ? spec->get("provider") : nullptr, o.loc));
  const Value* params = spec ? spec->get("parameters") : nullptr;
  attrs.set("keyvault_name", copy_or_null(params ? params->get("keyvaultName") : nullptr, o.loc));
  attrs.set("tenant_id", copy_or_null(params ? params->get("tenantId") : nullptr, o.loc));
  attrs.set("use_pod_identity", copy_or_null(params ? params->get("usePodIdentity") : nullptr, o.loc));
  attrs.set("use_vm_managed_identity", copy_or_null(params ? params->get("useVMManagedIdentity") : nullptr, o.loc));
  attrs.set("client_id", copy_or_null(params ? params->get("clientID") : nullptr, o.loc));
  attrs.set("secret_objects", copy_or_null(spec ? spec->get("secretObjects") : nullptr, o.loc));
  attrs.set("node_publish_secret_refs", Value::list({}, o.loc));  // filled from pod volumes (edges.cc)
  NodeId id = b.add(NodeKind::kSecretProviderClass, o.name, o.ns,
                    "SecretProviderClass/" + o.ns + "/" + o.name, o.loc, std::move(attrs));
  b.index_k8s("SecretProviderClass", o.ns, o.name, id);
}

}  // namespace

void collect_k8s_objects(Builder& b, const std::vector<FileId>& files) {
  for (FileId id : files) {
    const load::LoadedFile& f = b.files[id];
    if (f.kind != load::FileKind::kYaml) continue;
    for (const load::YamlDocument& d : f.yaml) collect(d.root, d.root, f.id, 0, b.objects);
  }
}

bool is_crd(const K8sObject& o) { return o.kind == "CustomResourceDefinition" && o.group == "apiextensions.k8s.io"; }

void add_crds(Builder& b, std::size_t first) {
  // CRDs first: a custom resource's scope comes from its CRD.
  for (std::size_t i = first; i < b.objects.size(); ++i)
    if (K8sObject& o = b.objects[i]; is_crd(o)) {
      o.ns.clear();
      add_crd(b, o, base_attrs(o));
      b.crd_files.insert(o.file);
    }
}

void add_k8s_objects(Builder& b, std::size_t first) {
  for (std::size_t i = first; i < b.objects.size(); ++i) {
    K8sObject& o = b.objects[i];
    if (is_crd(o)) {
      // Added by add_crds() unless the pre-pass missed its file (its kind
      // spelled with escapes): then here, after the objects before it.
      if (b.crd_files.count(o.file)) continue;
      o.ns.clear();
      add_crd(b, o, base_attrs(o));
      continue;
    }
    bool custom = !graph::is_builtin_group(o.group);
    bool cluster_scoped = false;
    if (custom) {
      auto crd = b.crds.find(o.group + "/" + o.kind);
      if (crd != b.crds.end()) {
        const Value* scope = b.node(crd->second).attr("scope");
        cluster_scoped = scope && scope->text() == "Cluster";
      } else {
        cluster_scoped = is_cluster_scoped_custom_kind(o.kind);
      }
    } else {
      cluster_scoped = is_cluster_scoped_builtin(o.kind);
    }
    if (cluster_scoped) o.ns.clear();
    else if (o.ns.empty()) o.ns = "default";
    if (is_velero_group(o.group)) continue;  // velero.cc
    Value attrs = base_attrs(o);
    const std::string& k = o.kind;
    if (k == "Namespace" && o.group.empty()) add_namespace(b, o, std::move(attrs));
    else if (k == "PersistentVolumeClaim" && o.group.empty()) add_pvc(b, o, std::move(attrs));
    else if (k == "PersistentVolume" && o.group.empty()) add_pv(b, o, std::move(attrs));
    else if (k == "StorageClass" && o.group == "storage.k8s.io") add_storage_class(b, o, std::move(attrs));
    else if (is_workload_kind(k) && !custom) add_workload(b, o, std::move(attrs));
    else if (k == "Secret" && o.group.empty()) add_secret(b, o, std::move(attrs));
    else if ((k == "ExternalSecret" || k == "ClusterExternalSecret") && o.group == "external-secrets.io")
      add_external_secret(b, o, std::move(attrs));
    else if ((k == "SecretStore" || k == "ClusterSecretStore") && o.group == "external-secrets.io")
      add_secret_store(b, o, std::move(attrs));
    else if (k == "SecretProviderClass" && o.group == "secrets-store.csi.x-k8s.io") add_spc(b, o, std::move(attrs));
    else {
      NodeKind nk = custom ? NodeKind::kCustomResource : NodeKind::kK8sObject;
      std::string kind_key = custom ? k + "." + o.group : k;
      std::string address = kind_key + "/" + (o.ns.empty() ? "" : o.ns + "/") + o.name;
      NodeId id = b.add(nk, o.name, o.ns, address, o.loc, std::move(attrs));
      b.index_k8s(kind_key, o.ns, o.name, id);
    }
  }
}

bool read_after_linking(const K8sObject& o) {
  return is_velero_group(o.group) || (o.kind == "PrometheusRule" && o.group == "monitoring.coreos.com");
}

}  // namespace drlint::link::detail
