#include "rules/graph_query.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "analyzer/load/source_table.h"

namespace drlint::rules::query {

using graph::Edge;
using graph::EdgeKind;
using graph::NodeKind;

namespace {

bool contains(const std::vector<NodeId>& v, NodeId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

void add_unique(std::vector<NodeId>& v, NodeId id) {
  if (!contains(v, id)) v.push_back(id);
}

bool is_resource(const Node& n) {
  std::optional<bool> data = known_bool(n.attr("data_source"));
  return !data.value_or(false);
}

// AKS built-in classes (the linker may add nodes for them; this table is the
// fallback when it does not).
struct Builtin {
  const char* name;
  const char* provisioner;
  const char* type;
  const char* sku;
};
constexpr Builtin kBuiltins[] = {
    {"default", "disk.csi.azure.com", "disk", "StandardSSD_LRS"},
    {"managed-csi", "disk.csi.azure.com", "disk", "StandardSSD_LRS"},
    {"managed-csi-premium", "disk.csi.azure.com", "disk", "Premium_LRS"},
    {"managed", "kubernetes.io/azure-disk", "disk", "StandardSSD_LRS"},
    {"managed-premium", "kubernetes.io/azure-disk", "disk", "Premium_LRS"},
    {"azurefile", "kubernetes.io/azure-file", "file", "Standard_LRS"},
    {"azurefile-premium", "kubernetes.io/azure-file", "file", "Premium_LRS"},
    {"azurefile-csi", "file.csi.azure.com", "file", "Standard_LRS"},
    {"azurefile-csi-premium", "file.csi.azure.com", "file", "Premium_LRS"},
    {"azureblob-fuse-premium", "blob.csi.azure.com", "blob", "Premium_LRS"},
    {"azureblob-nfs-premium", "blob.csi.azure.com", "blob", "Premium_LRS"},
};

std::string volume_type_of(std::string_view provisioner) {
  std::string p = lower(provisioner);
  if (p == "disk.csi.azure.com" || p == "kubernetes.io/azure-disk") return "disk";
  if (p == "file.csi.azure.com" || p == "kubernetes.io/azure-file") return "file";
  if (p == "blob.csi.azure.com") return "blob";
  return p.empty() ? "" : "other";
}

ClassInfo from_node(const Node& sc) {
  ClassInfo c;
  c.node = &sc;
  c.name = sc.name;
  c.provisioner = known_text(sc.attr("provisioner")).value_or("");
  c.volume_type = known_text(sc.attr("volume_type")).value_or(volume_type_of(c.provisioner));
  if (const Value* sku = sc.attr("sku")) c.sku = *sku;
  c.builtin = known_bool(sc.attr("builtin")).value_or(false);
  return c;
}

std::optional<ClassInfo> builtin_class(std::string_view name) {
  for (const Builtin& b : kBuiltins)
    if (name == b.name) {
      ClassInfo c;
      c.name = b.name;
      c.provisioner = b.provisioner;
      c.volume_type = b.type;
      c.sku = Value::string(b.sku);
      c.builtin = true;
      return c;
    }
  return std::nullopt;
}

}  // namespace

// --- strings and values -------------------------------------------------------------

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool iequals(std::string_view a, std::string_view b) { return a.size() == b.size() && lower(a) == lower(b); }

std::string normalize_region(std::string_view region) {
  std::string r;
  for (char c : region)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string paired_region(std::string_view normalized) {
  static constexpr std::pair<const char*, const char*> kPairs[] = {
      {"westeurope", "northeurope"},         {"eastus", "westus"},
      {"eastus2", "centralus"},              {"westus2", "westcentralus"},
      {"westus3", "eastus"},                 {"northcentralus", "southcentralus"},
      {"canadacentral", "canadaeast"},       {"brazilsouth", "southcentralus"},
      {"uksouth", "ukwest"},                 {"francecentral", "francesouth"},
      {"germanywestcentral", "germanynorth"}, {"switzerlandnorth", "switzerlandwest"},
      {"norwayeast", "norwaywest"},          {"swedencentral", "swedensouth"},
      {"southeastasia", "eastasia"},         {"australiaeast", "australiasoutheast"},
      {"japaneast", "japanwest"},            {"koreacentral", "koreasouth"},
      {"centralindia", "southindia"},        {"southafricanorth", "southafricawest"},
      {"uaenorth", "uaecentral"},
  };
  for (const auto& [a, b] : kPairs) {
    if (normalized == a) return b;
    // westus3 and brazilsouth are paired one way only.
    if (normalized == b && std::string_view(a) != "westus3" && std::string_view(a) != "brazilsouth") return a;
  }
  return "";
}

std::optional<std::string> known_text(const Value* v) {
  if (!v || !v->known() || !v->is_scalar()) return std::nullopt;
  return std::string(v->text());
}

std::optional<bool> known_bool(const Value* v) {
  if (!v || !v->known()) return std::nullopt;
  bool ok = false;
  bool b = v->truthy(&ok);
  if (!ok) return std::nullopt;
  return b;
}

std::string unknown_reason(const Value* v) {
  if (!v || v->known()) return "";
  std::string r = std::string(v->text());
  if (r.rfind("ref:", 0) == 0) return "it comes from " + r.substr(4) + ", which is not known before apply";
  return r.empty() ? "it cannot be determined statically" : r;
}

std::string where(const load::SourceTable& sources, const SourceLoc& loc) {
  if (!loc.valid() || loc.file >= sources.size()) return "";
  return sources.path(loc.file) + ":" + std::to_string(loc.line);
}

// --- where to report ---------------------------------------------------------------

namespace {

// Last line of the HCL block whose header is at `block` (brace counting,
// skipping strings and comments); 0 when it cannot be found.
std::uint32_t block_end(const load::SourceTable& sources, const SourceLoc& block) {
  if (!block.valid() || block.file >= sources.size()) return 0;
  const std::string& path = sources.path(block.file);
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) return 0;
  int depth = 0;
  bool opened = false;
  for (std::uint32_t l = block.line; l < block.line + 5000; ++l) {
    std::string_view t = sources.line_text(block.file, l);
    if (t.empty() && l > block.line && sources.line_text(block.file, l + 1).empty() &&
        sources.line_text(block.file, l + 2).empty() && sources.line_text(block.file, l + 3).empty())
      return 0;  // ran off the end of the file
    bool in_string = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
      char ch = t[i];
      if (in_string) {
        if (ch == '\\') ++i;
        else if (ch == '"') in_string = false;
        continue;
      }
      if (ch == '"') in_string = true;
      else if (ch == '#' || (ch == '/' && i + 1 < t.size() && t[i + 1] == '/')) break;
      else if (ch == '{') {
        ++depth;
        opened = true;
      } else if (ch == '}') {
        --depth;
        if (opened && depth == 0) return l;
      }
    }
  }
  return 0;
}

}  // namespace

SourceLoc attr_site(const load::SourceTable& sources, const SourceLoc& block, std::string_view key, const Value* value) {
  SourceLoc vloc = value ? value->loc() : SourceLoc{};
  std::uint32_t end = block_end(sources, block);
  if (end == 0) return vloc.valid() ? vloc : block;
  if (vloc.valid() && vloc.file == block.file && vloc.line > block.line && vloc.line <= end) return vloc;
  int depth = 0;
  for (std::uint32_t l = block.line; l <= end; ++l) {
    std::string_view t = sources.line_text(block.file, l);
    std::size_t i = t.find_first_not_of(" \t");
    if (depth == 1 && i != std::string_view::npos && t.substr(i, key.size()) == key) {
      std::size_t j = t.find_first_not_of(" \t", i + key.size());
      if (j != std::string_view::npos && t[j] == '=' && (j + 1 >= t.size() || t[j + 1] != '=')) {
        SourceLoc at{block.file, l, static_cast<std::uint32_t>(i + 1), l, static_cast<std::uint32_t>(t.size() + 1)};
        return at;
      }
    }
    bool in_string = false;
    for (std::size_t k = 0; k < t.size(); ++k) {
      char ch = t[k];
      if (in_string) {
        if (ch == '\\') ++k;
        else if (ch == '"') in_string = false;
        continue;
      }
      if (ch == '"') in_string = true;
      else if (ch == '#' || (ch == '/' && k + 1 < t.size() && t[k + 1] == '/')) break;
      else if (ch == '{') ++depth;
      else if (ch == '}') --depth;
    }
  }
  return block;
}

bool located_elsewhere(const load::SourceTable& sources, const SourceLoc& block, const Value* value) {
  if (!value || !value->loc().valid()) return false;
  const SourceLoc& v = value->loc();
  if (v.file != block.file) return true;
  std::uint32_t end = block_end(sources, block);
  return end != 0 && (v.line < block.line || v.line > end);
}

// --- Velero backup storage -----------------------------------------------------------

std::vector<BackupStorage> velero_backup_storage(const Graph& g) {
  std::vector<BackupStorage> out;
  auto note = [&](NodeId account, NodeId user, const SourceLoc& at) {
    for (BackupStorage& s : out)
      if (s.account == account) {
        add_unique(s.users, user);
        if (at.valid()) s.named_at.push_back(at);
        return;
      }
    BackupStorage s;
    s.account = account;
    s.users.push_back(user);
    if (at.valid()) s.named_at.push_back(at);
    out.push_back(std::move(s));
  };
  auto from_user = [&](NodeId user) {
    const Node& u = g.node(user);
    const Value* named = u.attr("storage_account");
    SourceLoc at = named && named->loc().valid() ? named->loc() : SourceLoc{};
    for (const Edge* e : g.out(user, EdgeKind::kStoresIn)) {
      if (g.node(e->to).kind != NodeKind::kStorageAccount) continue;
      note(e->to, user, e->loc.valid() ? e->loc : at);
    }
    for (const Edge* e : g.out(user, EdgeKind::kUsesContainer))
      for (const Edge* c : g.out(e->to, EdgeKind::kContainerOf)) note(c->to, user, e->loc.valid() ? e->loc : at);
    // No edge yet: a known account name that matches exactly one scanned account.
    if (g.out(user, EdgeKind::kStoresIn).empty() && g.out(user, EdgeKind::kUsesContainer).empty()) {
      std::optional<std::string> name = known_text(named);
      if (!name || name->empty()) return;
      std::optional<NodeId> match;
      int n = 0;
      for (NodeId id : g.of_kind(NodeKind::kStorageAccount)) {
        std::optional<std::string> an = known_text(g.node(id).attr("name"));
        if (an && iequals(*an, *name)) {
          match = id;
          ++n;
        }
      }
      if (n == 1) note(*match, user, at);
    }
  };
  for (NodeId bsl : g.of_kind(NodeKind::kBackupStorageLocation)) from_user(bsl);
  // A server's own storage_account repeats its first location's: use it only
  // for a server without location nodes.
  for (NodeId server : g.of_kind(NodeKind::kVeleroServer)) {
    bool has_bsl = false;
    for (const Edge* e : g.in(server, EdgeKind::kPartOf))
      has_bsl = has_bsl || g.node(e->from).kind == NodeKind::kBackupStorageLocation;
    if (!has_bsl) from_user(server);
  }
  std::sort(out.begin(), out.end(),
            [](const BackupStorage& a, const BackupStorage& b) { return graph::index(a.account) < graph::index(b.account); });
  // One location per Velero value, in file order.
  for (BackupStorage& s : out) {
    std::sort(s.named_at.begin(), s.named_at.end(), [](const SourceLoc& a, const SourceLoc& b) {
      return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    s.named_at.erase(std::unique(s.named_at.begin(), s.named_at.end(),
                                 [](const SourceLoc& a, const SourceLoc& b) { return a.file == b.file && a.line == b.line; }),
                     s.named_at.end());
  }
  return out;
}

std::vector<NodeId> protected_clusters(const Graph& g, NodeId velero_object) {
  std::vector<NodeId> out;
  std::vector<NodeId> todo{velero_object};
  std::set<std::uint32_t> seen;
  while (!todo.empty() && seen.size() < 64) {
    NodeId id = todo.back();
    todo.pop_back();
    if (!seen.insert(graph::index(id)).second) continue;
    for (EdgeKind k : {EdgeKind::kProtects, EdgeKind::kInstalledOn})
      for (const Edge* e : g.out(id, k))
        if (g.node(e->to).kind == NodeKind::kAksCluster) add_unique(out, e->to);
    for (EdgeKind k : {EdgeKind::kPartOf, EdgeKind::kUsesLocation})
      for (const Edge* e : g.out(id, k)) todo.push_back(e->to);
  }
  if (!out.empty()) return out;
  std::vector<NodeId> clusters;
  for (NodeId c : g.of_kind(NodeKind::kAksCluster))
    if (is_resource(g.node(c))) clusters.push_back(c);
  if (clusters.size() == 1) out.push_back(clusters[0]);
  return out;
}

std::vector<NodeId> velero_backup_containers(const Graph& g) {
  std::vector<NodeId> out;
  for (NodeId bsl : g.of_kind(NodeKind::kBackupStorageLocation))
    for (const Edge* e : g.out(bsl, EdgeKind::kUsesContainer)) add_unique(out, e->to);
  std::vector<std::string> buckets;
  for (NodeKind k : {NodeKind::kBackupStorageLocation, NodeKind::kVeleroServer})
    for (NodeId id : g.of_kind(k))
      if (std::optional<std::string> b = known_text(g.node(id).attr("bucket"))) buckets.push_back(lower(*b));
  for (const BackupStorage& s : velero_backup_storage(g))
    for (const Edge* e : g.in(s.account, EdgeKind::kContainerOf)) {
      std::optional<std::string> name = known_text(g.node(e->from).attr("name"));
      if (name && std::find(buckets.begin(), buckets.end(), lower(*name)) != buckets.end()) add_unique(out, e->from);
    }
  std::sort(out.begin(), out.end(), [](NodeId a, NodeId b) { return graph::index(a) < graph::index(b); });
  return out;
}

// --- Azure Backup for AKS ----------------------------------------------------------

std::vector<NodeId> aks_backup_vaults(const Graph& g) {
  std::vector<NodeId> out;
  for (NodeKind k : {NodeKind::kBackupPolicy, NodeKind::kBackupInstance})
    for (NodeId id : g.of_kind(k))
      for (const Edge* e : g.out(id, EdgeKind::kInVault))
        if (g.node(e->to).kind == NodeKind::kBackupVault) add_unique(out, e->to);
  for (NodeId inst : g.of_kind(NodeKind::kBackupInstance))
    for (const Edge* p : g.out(inst, EdgeKind::kUsesPolicy))
      for (const Edge* e : g.out(p->to, EdgeKind::kInVault)) add_unique(out, e->to);
  std::sort(out.begin(), out.end(), [](NodeId a, NodeId b) { return graph::index(a) < graph::index(b); });
  return out;
}

// --- Kubernetes storage ------------------------------------------------------------

std::optional<ClassInfo> storage_class_of(const Graph& g, const Node& pvc) {
  for (const Edge* e : g.out(pvc.id, EdgeKind::kUsesStorageClass)) {
    const Node& sc = g.node(e->to);
    if (sc.kind != NodeKind::kStorageClass) continue;
    ClassInfo c = from_node(sc);
    c.implicit_default = pvc.attr("storage_class_name") == nullptr;
    if (c.builtin && !c.sku.known()) {
      if (auto b = builtin_class(c.name)) c.sku = b->sku;
    }
    return c;
  }
  const Value* named = pvc.attr("storage_class_name");
  if (named && !named->known()) return std::nullopt;
  std::string name;
  bool implicit = false;
  if (named && named->is_string()) {
    name = named->text();
    if (name.empty()) return std::nullopt;  // "": static provisioning, no class
  } else {
    implicit = true;
    for (NodeId id : g.of_kind(NodeKind::kStorageClass)) {
      const Node& sc = g.node(id);
      if (known_bool(sc.attr("is_default")).value_or(false) && !known_bool(sc.attr("builtin")).value_or(false)) {
        ClassInfo c = from_node(sc);
        c.implicit_default = true;
        return c;
      }
    }
    name = "default";
  }
  for (NodeId id : g.of_kind(NodeKind::kStorageClass)) {
    const Node& sc = g.node(id);
    if (sc.name != name) continue;
    ClassInfo c = from_node(sc);
    c.implicit_default = implicit;
    if (c.builtin && !c.sku.known()) {
      if (auto b = builtin_class(c.name)) c.sku = b->sku;
    }
    return c;
  }
  std::optional<ClassInfo> b = builtin_class(name);
  if (b) b->implicit_default = implicit;
  return b;
}

bool disk_sku_is_lrs(const ClassInfo& c) {
  if (c.volume_type != "disk") return false;
  if (!c.sku.known()) return false;
  // Absent skuName: the Azure Disk CSI driver defaults to StandardSSD_LRS
  // (the in-tree provisioner to Standard_LRS).
  if (c.sku.is_null()) return true;
  if (!c.sku.is_string()) return false;
  std::string s = lower(c.sku.text());
  if (s.empty()) return true;
  return s.size() >= 4 && s.compare(s.size() - 4, 4, "_lrs") == 0;
}

std::vector<Mount> mounts_of(const Graph& g, const Node& pvc) {
  std::vector<Mount> out;
  bool tmpl = known_bool(pvc.attr("template")).value_or(false);
  std::string template_name = known_text(pvc.attr("template_name")).value_or("");
  auto volume_in = [&](const Node& w) -> std::string {
    if (tmpl && !template_name.empty()) return template_name;
    const Value* vols = w.attr("volumes");
    if (vols && vols->is_list())
      for (const Value& v : vols->items())
        if (v.string_at("claim_name") == pvc.name) return std::string(v.string_at("name"));
    return "";
  };
  for (const Edge* e : g.in(pvc.id, EdgeKind::kMountsClaim)) {
    const Node& w = g.node(e->from);
    if (w.kind != NodeKind::kWorkload) continue;
    out.push_back(Mount{w.id, volume_in(w)});
  }
  if (!out.empty()) return out;
  if (tmpl) return out;
  // No mount edge: a workload of the namespace naming the claim in a volume.
  for (NodeId ns : g.named(NodeKind::kNamespace, pvc.ns))
    for (const Edge* e : g.in(ns, EdgeKind::kInNamespace)) {
      const Node& w = g.node(e->from);
      if (w.kind != NodeKind::kWorkload) continue;
      std::string v = volume_in(w);
      if (!v.empty()) out.push_back(Mount{w.id, v});
    }
  std::sort(out.begin(), out.end(), [](const Mount& a, const Mount& b) { return graph::index(a.workload) < graph::index(b.workload); });
  return out;
}

// --- coverage -------------------------------------------------------------------------

std::vector<NodeId> covering_definitions(const Graph& g, std::string_view ns) {
  std::vector<NodeId> out;
  for (NodeId id : g.named(NodeKind::kNamespace, ns))
    for (const Edge* e : g.in(id, EdgeKind::kCovers)) add_unique(out, e->from);
  std::sort(out.begin(), out.end(), [](NodeId a, NodeId b) { return graph::index(a) < graph::index(b); });
  return out;
}

const Node* server_of(const Graph& g, NodeId definition) {
  for (const Edge* e : g.out(definition, EdgeKind::kPartOf))
    if (g.node(e->to).kind == NodeKind::kVeleroServer) return &g.node(e->to);
  for (const Edge* l : g.out(definition, EdgeKind::kUsesLocation))
    for (const Edge* e : g.out(l->to, EdgeKind::kPartOf))
      if (g.node(e->to).kind == NodeKind::kVeleroServer) return &g.node(e->to);
  const std::vector<NodeId>& servers = g.of_kind(NodeKind::kVeleroServer);
  if (servers.size() == 1) return &g.node(servers[0]);
  return nullptr;
}

VolumeCapture capture_of(const Graph& g, NodeId definition, const Node& pvc) {
  VolumeCapture c;
  const Node& d = g.node(definition);
  const Value* sv = d.attr("snapshot_volumes");
  c.decided_at = sv && sv->loc().valid() ? sv->loc() : d.loc;
  if (d.kind == NodeKind::kBackupInstance) {
    std::optional<bool> s = known_bool(sv);
    if (!s) c.unknown = true;
    c.snapshots = s.value_or(false);
    c.explicit_setting = true;
    c.why = c.snapshots ? "volume_snapshot_enabled = true" : "volume_snapshot_enabled is not true";
    return c;
  }
  const Node* server = server_of(g, definition);
  // snapshotVolumes: unset means "snapshot if the server can".
  if (sv && !sv->known()) {
    c.unknown = true;
  } else if (std::optional<bool> s = known_bool(sv)) {
    c.snapshots = *s;
    c.explicit_setting = true;
    c.why = *s ? "snapshotVolumes: true" : "snapshotVolumes: false";
  } else {
    const Value* se = server ? server->attr("snapshots_enabled") : nullptr;
    if (se && !se->known()) c.unknown = true;
    c.snapshots = known_bool(se).value_or(true);
    c.why = c.snapshots ? "snapshotVolumes left at its default (true)" : "snapshotsEnabled: false on the Velero server";
    if (!c.snapshots && se) c.decided_at = se->loc();
  }
  if (c.snapshots) {
    const Value* mv = d.attr("snapshot_move_data");
    if (mv && !mv->known()) c.unknown = true;
    c.move_data = known_bool(mv).value_or(false);
  }
  // File-system backup: the definition, else the server-wide default.
  const Value* fs = d.attr("default_volumes_to_fs_backup");
  if (!fs || fs->is_null()) fs = server ? server->attr("default_volumes_to_fs_backup") : nullptr;
  if (fs && !fs->known()) c.unknown = true;
  bool fs_default = known_bool(fs).value_or(false);
  std::vector<Mount> mounts = mounts_of(g, pvc);
  for (const Mount& m : mounts) {
    const Node& w = g.node(m.workload);
    auto listed = [&](const char* key) {
      const Value* l = w.attr(key);
      if (!l) return false;
      if (!l->known()) {
        c.unknown = true;
        return false;
      }
      for (const Value& v : l->items())
        if (v.is_string() && !m.volume.empty() && v.text() == m.volume) return true;
      return false;
    };
    if (fs_default ? !listed("backup_volumes_excludes") : listed("backup_volumes")) c.fs_backup = true;
  }
  if (mounts.empty() && fs_default) c.fs_backup = true;  // an unmounted PVC: nothing to exclude it
  return c;
}

}  // namespace drlint::rules::query
