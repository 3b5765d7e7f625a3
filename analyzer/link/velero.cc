// Velero -> nodes: Helm values files of every chart generation (recognized
// by content, also under an umbrella chart's parent key), the values of a
// Terraform helm_release of the velero chart (values files, templatefile /
// yamlencode strings, set blocks), and Velero CRs (velero.io, ark.heptio.com).
#include <algorithm>

#include "analyzer/link/builder.h"
#include "analyzer/link/kubernetes_util.h"
#include "analyzer/load/yaml_loader.h"

namespace drlint::link::detail {
namespace {

bool has_velero_markers(const Value& v) {
  if (!v.is_map() || v.get("apiVersion") || v.get("kind")) return false;
  if (const Value* conf = v.get("configuration"); conf && conf->is_map())
    if (conf->get("backupStorageLocation") || conf->get("volumeSnapshotLocation")) return true;
  if (const Value* sched = v.get("schedules"); sched && sched->is_map())
    for (const Value::Entry& e : sched->entries())
      if (e.second.is_map() && e.second.get("schedule") && e.second.get("template")) return true;
  if (const Value* init = v.get("initContainers"); init && init->is_list())
    for (const Value& c : init->items())
      if (c.string_at("image").find("velero-plugin") != std::string_view::npos) return true;
  return false;
}

// --- backup spec (Schedule template, Backup spec, values `template:`) ----------

void backup_spec_attrs(const Value* spec, const SourceLoc& loc, Value& a) {
  SourceLoc sl = spec && spec->loc().valid() ? spec->loc() : loc;
  auto field = [&](const char* k) { return spec ? spec->get(k) : nullptr; };
  a.set("ttl", copy_or_null(field("ttl"), sl));
  a.set("included_namespaces", string_list(field("includedNamespaces"), sl));
  a.set("excluded_namespaces", string_list(field("excludedNamespaces"), sl));
  a.set("included_resources", string_list(field("includedResources"), sl));
  a.set("excluded_resources", string_list(field("excludedResources"), sl));
  a.set("included_cluster_scoped_resources", string_list(field("includedClusterScopedResources"), sl));
  a.set("excluded_cluster_scoped_resources", string_list(field("excludedClusterScopedResources"), sl));
  a.set("included_namespace_scoped_resources", string_list(field("includedNamespaceScopedResources"), sl));
  a.set("excluded_namespace_scoped_resources", string_list(field("excludedNamespaceScopedResources"), sl));
  a.set("include_cluster_resources", copy_or_null(field("includeClusterResources"), sl));
  a.set("label_selector", copy_or_null(field("labelSelector"), sl));
  a.set("or_label_selectors", copy_or_null(field("orLabelSelectors"), sl));
  a.set("snapshot_volumes", copy_or_null(field("snapshotVolumes"), sl));
  const Value* fs = field("defaultVolumesToFsBackup");
  if (!fs) fs = field("defaultVolumesToRestic");
  a.set("default_volumes_to_fs_backup", copy_or_null(fs, sl));
  a.set("snapshot_move_data", copy_or_null(field("snapshotMoveData"), sl));
  a.set("storage_location", copy_or_null(field("storageLocation"), sl));
  a.set("volume_snapshot_locations", string_list(field("volumeSnapshotLocations"), sl));
}

Value bsl_attrs(const Value& e, const Value* name, bool cr) {
  SourceLoc l = e.loc();
  Value a = Value::map({}, l);
  a.set("name", name ? *name : Value::string("default", l));
  const Value* spec = cr ? e.get("spec") : &e;
  auto f = [&](const char* k) { return spec ? spec->get(k) : nullptr; };
  a.set("provider", copy_or_null(f("provider"), l));
  const Value* bucket = cr ? (spec ? spec->at_path("objectStorage.bucket") : nullptr) : f("bucket");
  const Value* prefix = cr ? (spec ? spec->at_path("objectStorage.prefix") : nullptr) : f("prefix");
  a.set("bucket", copy_or_null(bucket, l));
  a.set("prefix", copy_or_null(prefix, l));
  a.set("default", copy_or_null(f("default"), l));
  a.set("access_mode", copy_or_null(f("accessMode"), l));
  a.set("credential_name", copy_or_null(spec ? spec->at_path("credential.name") : nullptr, l));
  const Value* config = f("config");
  a.set("config", config && config->is_map() ? *config : Value::map({}, l));
  auto c = [&](const char* k) { return copy_or_null(config ? config->get(k) : nullptr, config ? config->loc() : l); };
  a.set("storage_account", c("storageAccount"));
  a.set("resource_group", c("resourceGroup"));
  a.set("subscription_id", c("subscriptionId"));
  a.set("storage_account_key_env_var", c("storageAccountKeyEnvVar"));
  a.set("use_aad", c("useAAD"));
  return a;
}

Value vsl_attrs(const Value& e, const Value* name, bool cr) {
  SourceLoc l = e.loc();
  Value a = Value::map({}, l);
  a.set("name", name ? *name : Value::string("default", l));
  const Value* spec = cr ? e.get("spec") : &e;
  a.set("provider", copy_or_null(spec ? spec->get("provider") : nullptr, l));
  const Value* config = spec ? spec->get("config") : nullptr;
  a.set("config", config && config->is_map() ? *config : Value::map({}, l));
  auto c = [&](const char* k) { return copy_or_null(config ? config->get(k) : nullptr, config ? config->loc() : l); };
  a.set("resource_group", c("resourceGroup"));
  a.set("subscription_id", c("subscriptionId"));
  a.set("incremental", c("incremental"));
  return a;
}

bool empty_location(const Value& e) {
  // The chart's own defaults: `- name:` / `provider:` / `bucket:` left empty.
  for (const char* k : {"bucket", "provider", "name"}) {
    const Value* v = e.get(k);
    if (v && !v->is_null() && !(v->is_string() && v->text().empty())) return false;
  }
  const Value* config = e.get("config");
  return !config || !config->is_map() || config->entries().empty();
}

// --- one Velero installation from its values ----------------------------------

struct ServerSource {
  std::string address;   // node address
  std::string name;      // release / parent key
  std::string ns;        // release namespace when known, else ""
  SourceLoc loc;
  std::optional<NodeId> helm_release;
};

const Value* first_non_null(const Value& v, std::initializer_list<const char*> paths) {
  for (const char* p : paths)
    if (const Value* x = v.at_path(p); x && !x->is_null()) return x;
  return nullptr;
}

NodeId add_server(Builder& b, const Value& values, const ServerSource& src) {
  SourceLoc l = src.loc;
  Value a = Value::map({}, l);
  a.set("source", Value::string(src.helm_release ? "helm_release" : "values", l));
  const Value* conf = values.get("configuration");
  const Value* bsl = conf ? conf->get("backupStorageLocation") : nullptr;
  const Value* vsl = conf ? conf->get("volumeSnapshotLocation") : nullptr;
  std::vector<const Value*> bsls, vsls;
  if (bsl && bsl->is_list()) for (const Value& e : bsl->items()) { if (e.is_map() && !empty_location(e)) bsls.push_back(&e); }
  else if (bsl && bsl->is_map() && !empty_location(*bsl)) bsls.push_back(bsl);
  if (vsl && vsl->is_list()) for (const Value& e : vsl->items()) { if (e.is_map() && !empty_location(e)) vsls.push_back(&e); }
  else if (vsl && vsl->is_map() && !empty_location(*vsl)) vsls.push_back(vsl);
  const Value* provider = conf ? conf->get("provider") : nullptr;  // charts < 3
  if ((!provider || provider->is_null()) && !bsls.empty()) provider = bsls[0]->get("provider");
  a.set("provider", copy_or_null(provider, l));
  a.set("chart_layout", Value::string(bsl && bsl->is_list() ? "list" : bsl && bsl->is_map() ? "map" : "none",
                                      bsl ? bsl->loc() : l));
  const Value* se = values.get("snapshotsEnabled");
  a.set("snapshots_enabled", se ? *se : Value::boolean(true, l));
  const Value* be = values.get("backupsEnabled");
  a.set("backups_enabled", be ? *be : Value::boolean(true, l));
  const Value* dna = first_non_null(values, {"deployNodeAgent", "deployRestic"});
  a.set("deploy_node_agent", dna ? *dna : Value::boolean(false, l));
  const Value* fs = first_non_null(values, {"configuration.defaultVolumesToFsBackup", "configuration.defaultVolumesToRestic",
                                            "defaultVolumesToFsBackup", "defaultVolumesToRestic"});
  a.set("default_volumes_to_fs_backup", fs ? *fs : Value::boolean(false, l));
  const Value* creds = values.get("credentials");
  SourceLoc cl = creds ? creds->loc() : l;
  const Value* use_secret = creds ? creds->get("useSecret") : nullptr;
  a.set("use_secret", use_secret ? *use_secret : Value::boolean(true, cl));
  a.set("existing_secret", copy_or_null(creds ? creds->get("existingSecret") : nullptr, cl));
  const Value* sc = creds ? creds->get("secretContents") : nullptr;
  bool sc_present = sc && ((sc->is_map() && !sc->entries().empty()) || (sc->is_string() && !sc->text().empty()) || !sc->known());
  a.set("secret_contents_present", Value::boolean(sc_present, sc ? sc->loc() : cl));
  std::vector<Value> keys;
  if (sc && sc->is_map())
    for (const Value::Entry& e : sc->entries()) keys.push_back(Value::string(e.first, e.second.loc()));
  a.set("secret_contents_keys", Value::list(std::move(keys), sc ? sc->loc() : cl));
  bool wi = values.at_path("podLabels") && values.at_path("podLabels")->get("azure.workload.identity/use");
  if (const Value* ann = values.at_path("serviceAccount.server.annotations"))
    wi = wi || ann->get("azure.workload.identity/client-id");
  a.set("workload_identity", Value::boolean(wi, l));
  std::vector<Value> plugins;
  if (const Value* init = values.get("initContainers"); init && init->is_list())
    for (const Value& c : init->items())
      if (const Value* img = c.get("image")) plugins.push_back(*img);
  a.set("plugins", Value::list(std::move(plugins), l));
  a.set("namespace", src.ns.empty() ? Value::null(l) : Value::string(src.ns, l));
  if (!bsls.empty()) {
    Value first = bsl_attrs(*bsls[0], bsls[0]->get("name"), false);
    a.set("bucket", *first.get("bucket"));
    a.set("storage_account", *first.get("storage_account"));
    a.set("resource_group", *first.get("resource_group"));
    a.set("subscription_id", *first.get("subscription_id"));
  }
  NodeId server = b.add(NodeKind::kVeleroServer, src.name, src.ns, src.address, l, std::move(a));
  b.velero_servers.push_back(server);
  if (src.helm_release) b.edge(*src.helm_release, server, EdgeKind::kInstalls, l);

  std::vector<NodeId> bsl_ids;
  std::optional<NodeId> default_bsl;
  for (const Value* e : bsls) {
    const Value* n = e->get("name");
    if (n && (n->is_null() || (n->is_string() && n->text().empty()))) n = nullptr;
    Value attrs = bsl_attrs(*e, n, false);
    std::string name = text_of(attrs.get("name"));
    NodeId id = b.add(NodeKind::kBackupStorageLocation, name, src.ns, src.address + "/bsl/" + name,
                      n ? n->loc() : e->loc(), std::move(attrs));
    b.edge(id, server, EdgeKind::kPartOf, n ? n->loc() : e->loc());
    bsl_ids.push_back(id);
    if (bool_of(e->get("default")).value_or(false) || name == "default") default_bsl = default_bsl.value_or(id);
  }
  if (!default_bsl && !bsl_ids.empty()) default_bsl = bsl_ids[0];
  for (const Value* e : vsls) {
    const Value* n = e->get("name");
    if (n && (n->is_null() || (n->is_string() && n->text().empty()))) n = nullptr;
    Value attrs = vsl_attrs(*e, n, false);
    std::string name = text_of(attrs.get("name"));
    NodeId id = b.add(NodeKind::kVolumeSnapshotLocation, name, src.ns, src.address + "/vsl/" + name,
                      n ? n->loc() : e->loc(), std::move(attrs));
    b.edge(id, server, EdgeKind::kPartOf, n ? n->loc() : e->loc());
  }
  if (const Value* scheds = values.get("schedules"); scheds && scheds->is_map()) {
    for (const Value::Entry& e : scheds->entries()) {
      if (!e.second.is_map()) continue;
      const Value* cron = e.second.get("schedule");
      SourceLoc key_loc = e.second.loc();
      Value sa = Value::map({}, key_loc);
      sa.set("source", Value::string(src.helm_release ? "helm_release" : "values", key_loc));
      sa.set("schedule", copy_or_null(cron, key_loc));
      sa.set("disabled", copy_or_null(e.second.get("disabled"), key_loc));
      sa.set("paused", copy_or_null(e.second.get("paused"), key_loc));
      const Value* tmpl = e.second.get("template");
      backup_spec_attrs(tmpl, key_loc, sa);
      NodeId id = b.add(NodeKind::kVeleroSchedule, e.first.str(), src.ns, src.address + "/schedule/" + e.first.str(),
                        cron ? cron->loc() : key_loc, std::move(sa));
      b.edge(id, server, EdgeKind::kPartOf, cron ? cron->loc() : key_loc);
      const Value* want = tmpl ? tmpl->get("storageLocation") : nullptr;
      bool found = default_bsl.has_value();
      NodeId target = found ? *default_bsl : NodeId{};
      if (want && want->is_scalar()) {
        found = false;
        for (NodeId bid : bsl_ids)
          if (b.node(bid).name == want->text()) {
            target = bid;
            found = true;
          }
      }
      if (found) b.edge(id, target, EdgeKind::kUsesLocation, want ? want->loc() : key_loc);
    }
  }
  if (const Value* pr = values.at_path("metrics.prometheusRule"); pr && bool_of(pr->get("enabled")).value_or(false))
    if (const Value* spec = pr->get("spec"); spec && spec->is_list())
      for (NodeId alert : add_prometheus_alerts(b, *spec, src.ns, src.address, "velero_chart"))
        b.edge(alert, server, EdgeKind::kMonitors, b.node(alert).loc);
  return server;
}

// --- helm_release values -------------------------------------------------------

void merge_into(Value& dst, const Value& src, int depth) {
  if (depth > kMaxDepth || !dst.is_map() || !src.is_map()) {
    dst = src;
    return;
  }
  for (const Value::Entry& e : src.entries()) {
    Value* have = dst.get_mutable(e.first);
    if (have && have->is_map() && e.second.is_map()) merge_into(*have, e.second, depth + 1);
    else dst.set(e.first, e.second);
  }
}

struct Segment {
  std::string key;
  long index = -1;
};

std::vector<Segment> parse_set_path(std::string_view path) {
  std::vector<Segment> out;
  std::string cur;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '\\' && i + 1 < path.size()) {
      cur += path[++i];
    } else if (c == '.') {
      if (!cur.empty()) out.push_back({cur});
      cur.clear();
    } else if (c == '[') {
      if (!cur.empty()) out.push_back({cur});
      cur.clear();
      std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) return {};
      long idx = 0;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (path[j] < '0' || path[j] > '9') return {};
        idx = idx * 10 + (path[j] - '0');
        if (idx > 1000) return {};
      }
      out.push_back({"", idx});
      i = close;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back({cur});
  return out;
}

void apply_set(Value& root, std::string_view path, Value v) {
  std::vector<Segment> segs = parse_set_path(path);
  if (segs.empty() || segs.size() > kMaxDepth) return;
  Value* cur = &root;
  for (const Segment& s : segs) {
    if (s.index >= 0) {
      if (!cur->is_list()) *cur = Value::list({}, v.loc());
      auto& items = cur->mutable_items();
      while (items.size() <= static_cast<std::size_t>(s.index)) items.push_back(Value::map({}, v.loc()));
      cur = &items[static_cast<std::size_t>(s.index)];
    } else {
      if (!cur->is_map()) *cur = Value::map({}, v.loc());
      if (!cur->get_mutable(s.key)) cur->set(s.key, Value::map({}, v.loc()));
      cur = cur->get_mutable(s.key);
    }
  }
  *cur = std::move(v);
}

// Helm --set typing: "true"/"false" -> bool, digits -> number (unless type = "string").
Value helm_typed(const Value& v, std::string_view type) {
  if (!v.is_string() || type == "string") return v;
  std::string t(v.text());
  if (t == "true" || t == "false") return Value::boolean(t == "true", v.loc());
  if (!t.empty() && t.size() < 16 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Value::number(std::stod(t), t, v.loc());
  return v;
}

bool is_velero_chart(const graph::Node& n) {
  std::string chart = lower(text_of(n.attr("chart")));
  std::string repo = lower(text_of(n.attr("repository")));
  std::size_t slash = chart.rfind('/');
  std::string base = slash == std::string::npos ? chart : chart.substr(slash + 1);
  return base == "velero" || (base.find("velero") != std::string::npos && repo.find("vmware-tanzu") != std::string::npos);
}

void add_helm_release_servers(Builder& b) {
  std::vector<NodeId> releases = {};
  for (const auto& [id, r] : b.tf_resource)
    if (b.node(id).kind == NodeKind::kHelmRelease && is_velero_chart(b.node(id))) releases.push_back(id);
  std::sort(releases.begin(), releases.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
  for (NodeId rel : releases) {
    const eval::Resource& r = *b.tf_resource.at(rel);
    Value values = Value::map({}, r.loc);
    bool unknown_values = false;
    if (const Value* vs = r.attrs.get("values"); vs && vs->is_list()) {
      for (const Value& item : vs->items()) {
        FileId f = item.loc().file;
        if (item.is_map()) {
          merge_into(values, item, 0);
        } else if (item.is_string() && f < b.files.size() && b.files[f].kind == load::FileKind::kYaml &&
                   b.sources.get(f).content == item.text()) {
          for (const load::YamlDocument& d : b.files[f].yaml) merge_into(values, d.root, 0);
          b.values_files_used.insert(f);
        } else if (item.is_string()) {
          load::YamlResult y = load::parse_yaml(item.loc().file, item.text());
          for (load::YamlDocument& d : y.documents) {
            relocate(d.root, item.loc());
            merge_into(values, d.root, 0);
          }
        } else if (!item.known()) {
          unknown_values = true;
        }
      }
    } else if (vs && !vs->known()) {
      unknown_values = true;
    }
    for (const char* block_name : {"set", "set_sensitive"}) {
      const Value* sets = r.attrs.get(block_name);
      if (!sets || !sets->is_list()) continue;
      for (const Value& s : sets->items()) {
        const Value* name = s.get("name");
        const Value* value = s.get("value");
        if (!name || !name->is_string() || !value) continue;
        apply_set(values, name->text(), helm_typed(*value, s.string_at("type")));
      }
    }
    ServerSource src;
    src.address = "VeleroServer/" + r.address;
    src.name = text_of(b.node(rel).attr("name"));
    src.ns = text_of(b.node(rel).attr("namespace"));
    src.loc = r.loc;
    src.helm_release = rel;
    NodeId server = add_server(b, values, src);
    b.set_attr(server, "values_unknown", Value::boolean(unknown_values, r.loc));
    for (const graph::Edge& e : b.g.edges())
      if (e.from == rel && e.kind == EdgeKind::kInstalledOn) b.edge(server, e.to, EdgeKind::kInstalledOn, e.loc);
  }
}

// --- CRs -------------------------------------------------------------------------

void add_cr(Builder& b, const K8sObject& o) {
  Value a = base_attrs(o);
  const Value* spec = o.root->get("spec");
  std::string addr_ns = o.ns.empty() ? "" : o.ns + "/";
  if (o.kind == "Schedule") {
    a.set("source", Value::string("cr", o.loc));
    a.set("schedule", copy_or_null(spec ? spec->get("schedule") : nullptr, o.loc));
    a.set("paused", copy_or_null(spec ? spec->get("paused") : nullptr, o.loc));
    backup_spec_attrs(spec ? spec->get("template") : nullptr, o.loc, a);
    NodeId id = b.add(NodeKind::kVeleroSchedule, o.name, o.ns, "Schedule/" + addr_ns + o.name, o.loc, std::move(a));
    b.index_k8s("Schedule", o.ns, o.name, id);
  } else if (o.kind == "Backup") {
    a.set("source", Value::string("cr", o.loc));
    backup_spec_attrs(spec, o.loc, a);
    NodeId id = b.add(NodeKind::kVeleroBackup, o.name, o.ns, "Backup/" + addr_ns + o.name, o.loc, std::move(a));
    b.index_k8s("Backup", o.ns, o.name, id);
  } else if (o.kind == "BackupStorageLocation") {
    Value la = bsl_attrs(*o.root, nullptr, true);
    la.set("name", Value::string(o.name, o.loc));
    for (const Value::Entry& e : la.entries()) a.set(e.first, e.second);
    NodeId id = b.add(NodeKind::kBackupStorageLocation, o.name, o.ns, "BackupStorageLocation/" + addr_ns + o.name,
                      o.loc, std::move(a));
    b.index_k8s("BackupStorageLocation", o.ns, o.name, id);
  } else if (o.kind == "VolumeSnapshotLocation") {
    Value la = vsl_attrs(*o.root, nullptr, true);
    la.set("name", Value::string(o.name, o.loc));
    for (const Value::Entry& e : la.entries()) a.set(e.first, e.second);
    NodeId id = b.add(NodeKind::kVolumeSnapshotLocation, o.name, o.ns, "VolumeSnapshotLocation/" + addr_ns + o.name,
                      o.loc, std::move(a));
    b.index_k8s("VolumeSnapshotLocation", o.ns, o.name, id);
  } else if (o.kind == "Restore") {
    add_restore_object(b, o, std::move(a));
  } else {
    std::string kind_key = o.kind + "." + o.group;
    NodeId id = b.add(NodeKind::kCustomResource, o.name, o.ns, kind_key + "/" + addr_ns + o.name, o.loc, std::move(a));
    b.index_k8s(kind_key, o.ns, o.name, id);
  }
}

void link_cr_locations(Builder& b) {
  for (NodeKind k : {NodeKind::kVeleroSchedule, NodeKind::kVeleroBackup}) {
    for (std::size_t i = 0; i < b.g.nodes().size(); ++i) {
      NodeId id{static_cast<std::uint32_t>(i)};
      const graph::Node& n = b.node(id);
      if (n.kind != k || text_of(n.attr("source")) != "cr") continue;
      const Value* want = n.attr("storage_location");
      std::string name = want && want->is_scalar() ? std::string(want->text()) : "default";
      auto bsl = b.find_k8s("BackupStorageLocation", n.ns, name);
      if (bsl) b.edge(id, *bsl, EdgeKind::kUsesLocation, want && want->is_scalar() ? want->loc() : n.loc);
    }
  }
}

}  // namespace

bool is_velero_group(std::string_view group) { return group == "velero.io" || group == "ark.heptio.com"; }

const Value* find_velero_values(const Value& doc, std::string* parent_key) {
  if (has_velero_markers(doc)) return &doc;
  if (!doc.is_map() || doc.get("apiVersion")) return nullptr;
  for (const Value::Entry& e : doc.entries())
    if (has_velero_markers(e.second)) {
      if (parent_key) *parent_key = e.first;
      return &e.second;
    }
  return nullptr;
}

void add_velero(Builder& b) {
  add_helm_release_servers(b);
  for (const load::LoadedFile& f : b.files) {
    if (f.kind != load::FileKind::kYaml || b.values_files_used.count(f.id)) continue;
    for (std::size_t d = 0; d < f.yaml.size(); ++d) {
      std::string parent;
      const Value* values = find_velero_values(f.yaml[d].root, &parent);
      if (!values) continue;
      ServerSource src;
      src.address = "VeleroServer/" + b.sources.path(f.id) + (f.yaml.size() > 1 ? "#" + std::to_string(d) : "") +
                    (parent.empty() ? "" : ":" + parent);
      src.name = parent.empty() ? "velero" : parent;
      src.loc = values->loc().valid() ? values->loc() : SourceLoc{f.id, 1, 1, 1, 1};
      if (!parent.empty())
        for (const Value::Entry& e : f.yaml[d].root.entries())
          if (e.first == parent) src.loc = e.second.loc();
      add_server(b, *values, src);
    }
  }
  for (const K8sObject& o : b.objects)
    if (is_velero_group(o.group)) add_cr(b, o);
  link_cr_locations(b);
}

}  // namespace drlint::link::detail
