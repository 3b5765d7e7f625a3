// Cross-object edges: namespaces (implicit ones too), PVC/PV -> StorageClass
// (default class and AKS built-ins), workload -> PVC, custom resource ->
// CRD, ExternalSecret -> SecretStore -> Key Vault, Velero -> storage account
// / container / cluster. Every lookup goes through an index.
#include <algorithm>

#include "analyzer/link/builder.h"
#include "analyzer/link/kubernetes_util.h"

namespace drlint::link::detail {
namespace {

NodeId node_id(std::size_t i) { return NodeId{static_cast<std::uint32_t>(i)}; }

// --- storage classes -------------------------------------------------------------

struct ClassIndex {
  std::optional<NodeId> declared_default;
};

NodeId builtin_class(Builder& b, const BuiltinStorageClass& c, const SourceLoc& first_use) {
  if (auto id = b.find_k8s("StorageClass", "", c.name)) return *id;
  Value a = Value::map({}, first_use);
  a.set("provisioner", Value::string(c.provisioner, first_use));
  a.set("volume_type", Value::string(volume_type_of(c.provisioner), first_use));
  a.set("sku", Value::string(c.sku, first_use));
  a.set("parameters", Value::map({}, first_use));
  a.set("is_default", Value::boolean(std::string_view(c.name) == "default", first_use));
  a.set("builtin", Value::boolean(true, first_use));
  NodeId id = b.add(NodeKind::kStorageClass, c.name, "", std::string("StorageClass/") + c.name, first_use, std::move(a));
  b.index_k8s("StorageClass", "", c.name, id);
  return id;
}

// Resolves a claim's class: explicit name, else the declared default class,
// else AKS's built-in "default". Sets storage_class / storage_class_source.
void link_claim_class(Builder& b, NodeId claim, const ClassIndex& idx) {
  const graph::Node& n = b.node(claim);
  const Value* explicit_name = n.attr("storage_class_name");
  std::string name;
  std::string source;
  SourceLoc loc = n.loc;
  if (explicit_name && !explicit_name->known()) {
    b.set_attr(claim, "storage_class", *explicit_name);
    b.set_attr(claim, "storage_class_source", Value::string("unknown", explicit_name->loc()));
    return;
  }
  if (explicit_name && explicit_name->is_scalar()) {
    name = explicit_name->text();
    loc = explicit_name->loc();
    source = "explicit";
    if (name.empty()) {  // storageClassName: "" -> static binding, no class
      b.set_attr(claim, "storage_class", Value::string("", loc));
      b.set_attr(claim, "storage_class_source", Value::string("none", loc));
      return;
    }
  } else if (idx.declared_default) {
    const graph::Node& sc = b.node(*idx.declared_default);
    name = sc.name;
    const Value* d = sc.attr("is_default");
    loc = d ? d->loc() : sc.loc;
    source = "default_annotation";
  } else if (n.kind == NodeKind::kPvc) {
    name = "default";
    source = "builtin_default";
  } else {
    return;  // a PV without a class
  }
  b.set_attr(claim, "storage_class", Value::string(name, loc));
  b.set_attr(claim, "storage_class_source", Value::string(source, loc));
  std::optional<NodeId> sc = b.find_k8s("StorageClass", "", name);
  if (!sc)
    if (const BuiltinStorageClass* c = find_builtin_storage_class(name)) sc = builtin_class(b, *c, loc);
  if (sc) b.edge(claim, *sc, EdgeKind::kUsesStorageClass, source == "explicit" ? loc : b.node(claim).loc);
}

void link_storage_classes(Builder& b) {
  ClassIndex idx;
  for (const graph::Node& n : b.g.nodes())
    if (n.kind == NodeKind::kStorageClass && bool_of(n.attr("is_default")).value_or(false) && !idx.declared_default)
      idx.declared_default = n.id;
  const std::size_t count = b.g.nodes().size();
  for (std::size_t i = 0; i < count; ++i) {
    NodeKind k = b.node(node_id(i)).kind;
    if (k == NodeKind::kPvc || k == NodeKind::kPv) link_claim_class(b, node_id(i), idx);
  }
}

// --- workloads -------------------------------------------------------------------

void link_workloads(Builder& b) {
  // StatefulSet template claims (added with their workload): pod volume = template name.
  std::unordered_map<std::uint32_t, std::vector<std::pair<NodeId, std::string>>> templates;
  for (const graph::Edge& e : b.g.edges())
    if (e.kind == EdgeKind::kMountsClaim)
      templates[graph::index(e.from)].emplace_back(e.to, text_of(b.node(e.to).attr("template_name")));
  const std::size_t count = b.g.nodes().size();
  for (std::size_t i = 0; i < count; ++i) {
    const graph::Node& w = b.node(node_id(i));
    if (w.kind != NodeKind::kWorkload) continue;
    const Value* vols = w.attr("volumes");
    const Value* bv = w.attr("backup_volumes");
    const Value* bx = w.attr("backup_volumes_excludes");
    auto listed = [](const Value* list, std::string_view name) {
      if (!list) return false;
      for (const Value& v : list->items())
        if (v.text() == name) return true;
      return false;
    };
    NodeId wid = w.id;
    std::string ns = w.ns.str(), address = w.address.str();
    Value bv_copy = bv ? *bv : Value::list({}), bx_copy = bx ? *bx : Value::list({});
    // StatefulSet templates: the pod volume is named after the template.
    std::vector<std::pair<NodeId, std::string>> claims = templates[graph::index(wid)];
    Value vols_copy = vols ? *vols : Value::list({});
    {
      for (const Value& v : vols_copy.items()) {
        const Value* claim = v.get("claim_name");
        if (claim && claim->is_scalar()) {
          if (auto pvc = b.find_k8s("PersistentVolumeClaim", ns, claim->text())) {
            b.edge(wid, *pvc, EdgeKind::kMountsClaim, claim->loc());
            claims.emplace_back(*pvc, v.string_at("name"));
          }
        }
        const Value* spc = v.get("secret_provider_class");
        if (spc && spc->is_scalar()) {
          if (auto spc_id = b.find_k8s("SecretProviderClass", ns, spc->text())) {
            if (const Value* secret = v.get("node_publish_secret")) {
              Value* refs = b.node(*spc_id).attrs.get_mutable("node_publish_secret_refs");
              if (refs) refs->mutable_items().push_back(Value::map({{"name", *secret}, {"namespace", Value::string(ns, secret->loc())}}, secret->loc()));
              if (auto sec = b.find_k8s("Secret", ns, secret->text()))
                b.edge(*spc_id, *sec, EdgeKind::kAuthenticatesWith, secret->loc());
            }
          }
        }
      }
    }
    for (const auto& [pvc, volume] : claims) {
      SourceLoc l = b.node(pvc).loc;
      b.set_attr(pvc, "owner_workload", Value::string(address, l));
      b.set_attr(pvc, "pod_volume", Value::string(volume, l));
      b.set_attr(pvc, "backup_volumes", bv_copy);
      b.set_attr(pvc, "backup_volumes_excludes", bx_copy);
      b.set_attr(pvc, "fs_backup_opt_in", Value::boolean(listed(&bv_copy, volume), bv_copy.loc()));
      b.set_attr(pvc, "fs_backup_opt_out", Value::boolean(listed(&bx_copy, volume), bx_copy.loc()));
    }
  }
}

// --- custom resources, secrets -----------------------------------------------------

void link_crds_and_secrets(Builder& b) {
  const std::size_t count = b.g.nodes().size();
  for (std::size_t i = 0; i < count; ++i) {
    const graph::Node& n = b.node(node_id(i));
    if (graph::is_custom_resource(n)) {
      auto crd = b.crds.find(std::string(graph::api_version_of(n).group) + "/" + text_of(n.attr("kind")));
      const Value* api = n.attr("api_version");
      if (crd != b.crds.end()) b.edge(n.id, crd->second, EdgeKind::kInstanceOf, api ? api->loc() : n.loc);
    }
    if (n.kind == NodeKind::kExternalSecret) {
      std::string kind = text_of(n.attr("store_kind"));
      const Value* name = n.attr("store_name");
      if (!name || !name->is_scalar()) continue;
      std::optional<NodeId> store = kind == "ClusterSecretStore" ? b.find_k8s("ClusterSecretStore", "", name->text())
                                                                  : b.find_k8s("SecretStore", n.ns, name->text());
      if (store) b.edge(n.id, *store, EdgeKind::kReadsFrom, name->loc());
    } else if (n.kind == NodeKind::kSecretStore || n.kind == NodeKind::kSecretProviderClass) {
      const Value* vault = n.attr(n.kind == NodeKind::kSecretStore ? "vault_name" : "keyvault_name");
      if (vault && vault->is_scalar() && !vault->text().empty())
        for (NodeId kv : b.find_tf_by_name("azurerm_key_vault", vault->text()))
          b.edge(n.id, kv, EdgeKind::kBackedBy, vault->loc());
      if (const Value* refs = n.attr("auth_secret_refs"))
        for (const Value& r : refs->items()) {
          auto sec = b.find_k8s("Secret", r.string_at("namespace"), r.string_at("name"));
          if (sec) b.edge(n.id, *sec, EdgeKind::kAuthenticatesWith, r.loc());
        }
    }
  }
}

// --- Velero / Azure storage ----------------------------------------------------------

std::string account_resource_group(const Builder& b, NodeId account) {
  const graph::Node& n = b.node(account);
  const Value* rg = n.attr("resource_group_name");
  if (rg && rg->is_string()) return lower(rg->text());
  // Through the resource group reference (graph not finalized: scan edges of this node's resource).
  auto it = b.tf_resource.find(account);
  if (it != b.tf_resource.end())
    if (const Value* v = it->second->attrs.get("resource_group_name"))
      if (auto target = tf_ref_target(*v))
        if (auto rg_node = b.find_tf(*it->second, *target))
          if (const Value* name = b.node(*rg_node).attr("name"); name && name->is_string()) return lower(name->text());
  return {};
}

}  // namespace

void add_implicit_namespaces(Builder& b) {
  const std::size_t count = b.g.nodes().size();
  for (std::size_t i = 0; i < count; ++i) {
    const graph::Node& n = b.node(node_id(i));
    if (n.ns.empty() || n.kind == NodeKind::kNamespace || b.namespaces.count(n.ns.str())) continue;
    std::string ns = n.ns.str();
    SourceLoc loc = n.loc;
    Value a = Value::map({}, loc);
    a.set("implicit", Value::boolean(true, loc));
    a.set("labels", Value::map({}, loc));
    a.set("annotations", Value::map({}, loc));
    NodeId id = b.add(NodeKind::kNamespace, ns, "", "Namespace/" + ns, loc, std::move(a));
    b.namespaces.emplace(ns, id);
    b.index_k8s("Namespace", "", ns, id);
  }
}

void add_k8s_edges(Builder& b) {
  for (const graph::Node& n : b.g.nodes()) {
    if (n.ns.empty() || n.kind == NodeKind::kNamespace) continue;
    auto it = b.namespaces.find(n.ns.str());
    if (it != b.namespaces.end()) b.edge(n.id, it->second, EdgeKind::kInNamespace, n.loc);
  }
  link_workloads(b);
  link_storage_classes(b);
  link_crds_and_secrets(b);
}

void add_storage_edges(Builder& b) {
  // Containers by (account, name), from the Terraform kContainerOf edges.
  std::unordered_map<std::string, NodeId> containers;
  for (const graph::Edge& e : b.g.edges())
    if (e.kind == EdgeKind::kContainerOf)
      containers.emplace(std::to_string(graph::index(e.to)) + "/" + b.node(e.from).name, e.from);
  // Locations -> their server (the graph is not finalized yet: no g.out()).
  std::unordered_map<std::uint32_t, std::vector<NodeId>> servers_of;
  for (const graph::Edge& e : b.g.edges())
    if (e.kind == EdgeKind::kPartOf) servers_of[graph::index(e.from)].push_back(e.to);
  std::unordered_map<std::uint32_t, std::vector<NodeId>> installed_on;
  for (const graph::Edge& e : b.g.edges())
    if (e.kind == EdgeKind::kInstalledOn) installed_on[graph::index(e.from)].push_back(e.to);
  std::vector<NodeId> clusters;
  for (const graph::Node& n : b.g.nodes())
    if (n.kind == NodeKind::kAksCluster && !bool_of(n.attr("data_source")).value_or(false)) clusters.push_back(n.id);

  const std::size_t count = b.g.nodes().size();
  for (std::size_t i = 0; i < count; ++i) {
    const graph::Node& n = b.node(node_id(i));
    if (n.kind != NodeKind::kBackupStorageLocation) continue;
    const Value* sa = n.attr("storage_account");
    if (!sa || !sa->is_string() || sa->text().empty()) continue;
    const Value* rg = n.attr("resource_group");
    std::string want_rg = rg && rg->is_string() ? lower(rg->text()) : "";
    std::string bucket = text_of(n.attr("bucket"));
    NodeId bsl = n.id;
    for (NodeId account : b.find_tf_by_name("azurerm_storage_account", sa->text())) {
      std::string have_rg = account_resource_group(b, account);
      if (!want_rg.empty() && !have_rg.empty() && want_rg != have_rg) continue;
      b.edge(bsl, account, EdgeKind::kStoresIn, sa->loc());
      auto c = containers.find(std::to_string(graph::index(account)) + "/" + bucket);
      if (c != containers.end()) b.edge(bsl, c->second, EdgeKind::kUsesContainer, b.node(bsl).attr("bucket")->loc());
      for (NodeId server : servers_of[graph::index(bsl)]) b.edge(server, account, EdgeKind::kStoresIn, sa->loc());
    }
  }
  // Which cluster a Velero installation protects: the cluster its
  // helm_release is installed on, else the scan's only AKS cluster.
  for (NodeId server : b.velero_servers) {
    const std::vector<NodeId>& on = installed_on[graph::index(server)];
    if (!on.empty()) {
      for (NodeId c : on) b.edge(server, c, EdgeKind::kProtects, b.node(server).loc);
    } else if (clusters.size() == 1) {
      b.edge(server, clusters[0], EdgeKind::kProtects, b.node(server).loc);
    }
  }
}

}  // namespace drlint::link::detail
