// Operations evidence -> nodes: restore drills (CI workflows and CronJobs
// that run a restore, Velero Restore objects) and alerts on Velero backup
// metrics (PrometheusRule objects, the Velero chart's prometheusRule).
#include <algorithm>
#include <cctype>

#include "analyzer/link/builder.h"
#include "analyzer/link/kubernetes_util.h"

namespace drlint::link::detail {
namespace {

std::string_view basename(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "github" | "gitlab" | "azure-pipelines" | "" for a CI configuration path.
std::string ci_kind(std::string_view path) {
  if (path.find(".github/workflows/") != std::string_view::npos) return "github";
  std::string_view base = basename(path);
  if (base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml") return "gitlab";
  if (base.rfind("azure-pipelines", 0) == 0) return "azure-pipelines";
  return "";
}

bool is_restore_command(std::string_view line_in, std::string_view whole) {
  std::string line = lower(line_in);
  if (line.find("velero restore create") != std::string::npos || line.find("velero create restore") != std::string::npos)
    return true;
  if (line.find("az dataprotection backup-instance restore") != std::string::npos) return true;
  if (line.find("kubectl") != std::string::npos &&
      (line.find(" apply") != std::string::npos || line.find(" create") != std::string::npos) &&
      line.find("restore") != std::string::npos)
    return true;
  if (line.find("kind: restore") != std::string::npos) {
    std::string w = lower(whole);
    return w.find("velero.io") != std::string::npos;
  }
  return false;
}

// The value after a flag: "--from-schedule daily", "--from-schedule=daily".
std::string flag_value(std::string_view line, std::string_view flag) {
  std::size_t p = line.find(flag);
  if (p == std::string_view::npos) return {};
  p += flag.size();
  if (p < line.size() && (line[p] == '=' || line[p] == ' ')) ++p;
  while (p < line.size() && line[p] == ' ') ++p;
  std::size_t end = line.find_first_of(" \t\"'\\;", p);
  return std::string(line.substr(p, end == std::string_view::npos ? line.npos : end - p));
}

struct Drill {
  std::vector<Value> commands;
  std::vector<Value> sources;  // schedule / backup names restored from
};

// Scans one script string (possibly multi-line) for restore commands.
void scan_script(const Builder& b, const Value& s, Drill& d) {
  if (!s.is_string()) return;
  std::string_view text = s.text();
  std::uint32_t first = s.loc().line;
  // A block scalar ("run: |") starts on the line after its key.
  if (s.loc().valid() && text.find('\n') != std::string::npos) {
    std::string_view key_line = b.sources.line_text(s.loc().file, s.loc().line);
    std::size_t e = key_line.find_last_not_of(" \t\r");
    if (e != std::string_view::npos && (key_line[e] == '|' || key_line[e] == '>' || key_line[e] == '-' ||
                                        key_line[e] == '+'))
      ++first;
  }
  std::size_t start = 0;
  std::uint32_t n = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
    if (is_restore_command(line, text)) {
      SourceLoc l = s.loc();
      if (l.valid()) {
        l.line = first + n;
        l.end_line = l.line;
      }
      std::size_t a = line.find_first_not_of(" \t");
      std::string trimmed(a == std::string_view::npos ? line : line.substr(a));
      d.commands.push_back(Value::string(trimmed, l));
      for (const char* flag : {"--from-schedule", "--from-backup"}) {
        std::string v = flag_value(line, flag);
        if (!v.empty()) d.sources.push_back(Value::string(v, l));
      }
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
    ++n;
  }
}

bool is_script_key(std::string_view k) {
  return k == "run" || k == "script" || k == "bash" || k == "pwsh" || k == "powershell" || k == "inlineScript" ||
         k == "before_script" || k == "after_script" || k == "command" || k == "args" || k == "arguments";
}

void walk_scripts(const Builder& b, const Value& v, bool in_script, int depth, Drill& d) {
  if (depth > kMaxDepth) return;
  if (v.is_string() && in_script) scan_script(b, v, d);
  for (const Value& item : v.items()) walk_scripts(b, item, in_script, depth + 1, d);
  for (const Value::Entry& e : v.entries()) walk_scripts(b, e.second, in_script || is_script_key(e.first), depth + 1, d);
}

bool mentions_schedule_source(const Value& v, int depth) {
  if (depth > kMaxDepth) return false;
  if (v.is_string() && v.text().find("CI_PIPELINE_SOURCE") != std::string::npos &&
      v.text().find("schedule") != std::string::npos)
    return true;
  for (const Value& item : v.items())
    if (mentions_schedule_source(item, depth + 1)) return true;
  for (const Value::Entry& e : v.entries())
    if (mentions_schedule_source(e.second, depth + 1)) return true;
  return false;
}

NodeId add_drill(Builder& b, std::string name, std::string ns, std::string address, SourceLoc loc, std::string ci,
                 std::vector<Value> crons, Value unknown_schedule, Drill d, bool manual) {
  Value a = Value::map({}, loc);
  a.set("ci", Value::string(std::move(ci), loc));
  if (!crons.empty()) a.set("schedule", crons[0]);
  else if (!unknown_schedule.is_null()) a.set("schedule", unknown_schedule);
  else a.set("schedule", Value::string("", loc));
  a.set("schedules", Value::list(std::move(crons), loc));
  a.set("manual", Value::boolean(manual, loc));
  a.set("commands", Value::list(std::move(d.commands), loc));
  a.set("restore_sources", Value::list(std::move(d.sources), loc));
  return b.add(NodeKind::kRestoreDrill, std::move(name), std::move(ns), std::move(address), loc, std::move(a));
}

void add_ci_drills(Builder& b) {
  for (const load::LoadedFile& f : b.files) {
    if (f.kind != load::FileKind::kYaml) continue;
    const std::string& path = b.sources.path(f.id);
    std::string ci = ci_kind(path);
    if (ci.empty()) continue;
    for (const load::YamlDocument& doc : f.yaml) {
      const Value& root = doc.root;
      if (!root.is_map()) continue;
      Drill d;
      walk_scripts(b, root, false, 0, d);
      if (d.commands.empty()) continue;
      std::vector<Value> crons;
      bool manual = false;
      Value unknown = Value::null();
      if (ci == "github") {
        const Value* on = root.get("on");
        if (!on) on = root.get("true");  // YAML 1.1 reads `on:` as a boolean key
        if (on && on->is_map()) {
          if (const Value* s = on->get("schedule"); s && s->is_list())
            for (const Value& item : s->items())
              if (const Value* c = item.get("cron")) crons.push_back(*c);
          manual = on->get("workflow_dispatch") != nullptr;
        } else if (on) {
          manual = on->to_display().find("workflow_dispatch") != std::string::npos;
        }
      } else {
        if (const Value* s = root.get("schedules"); s && s->is_list())
          for (const Value& item : s->items())
            if (const Value* c = item.get("cron")) crons.push_back(*c);
        if (ci == "gitlab" && crons.empty() && mentions_schedule_source(root, 0))
          unknown = Value::unknown("GitLab pipeline schedule (its cron is configured outside the repository)",
                                   root.loc());
        manual = ci == "gitlab" || ci == "azure-pipelines";
      }
      std::string name = std::string(root.string_at("name"));
      if (name.empty()) name = path;
      SourceLoc loc = d.commands[0].loc();
      add_drill(b, name, "", "RestoreDrill/" + path, loc, ci, std::move(crons), unknown, std::move(d), manual);
    }
  }
}

void add_cronjob_drills(Builder& b) {
  std::size_t n = b.g.nodes().size();
  for (std::size_t i = 0; i < n; ++i) {
    const graph::Node& w = b.node(NodeId{static_cast<std::uint32_t>(i)});
    if (w.kind != NodeKind::kWorkload || text_of(w.attr("workload_kind")) != "CronJob") continue;
    const Value* containers = w.attr("containers");
    if (!containers) continue;
    Drill d;
    for (const Value& c : containers->items()) {
      const Value* cmd = c.get("command");
      if (!cmd || cmd->items().empty()) continue;
      std::string joined;
      for (const Value& part : cmd->items()) joined += (joined.empty() ? "" : " ") + std::string(part.text());
      bool velero_image = c.string_at("image").find("velero") != std::string_view::npos;
      std::string lj = lower(joined);
      bool restore = is_restore_command(joined, joined) ||
                     (velero_image && lj.find("restore") != std::string::npos && lj.find("create") != std::string::npos);
      if (!restore) {
        for (const Value& part : cmd->items()) scan_script(b, part, d);
        continue;
      }
      d.commands.push_back(Value::string(joined, cmd->items()[0].loc()));
      for (const char* flag : {"--from-schedule", "--from-backup"}) {
        std::string v = flag_value(joined, flag);
        if (!v.empty()) d.sources.push_back(Value::string(v, cmd->items()[0].loc()));
      }
    }
    if (d.commands.empty()) continue;
    std::vector<Value> crons;
    if (const Value* s = w.attr("schedule"); s && !s->is_null()) crons.push_back(*s);
    std::string name = w.name.str(), ns = w.ns.str(), address = "RestoreDrill/" + w.address;
    SourceLoc loc = w.loc;
    add_drill(b, name, ns, address, loc, "cronjob", std::move(crons), Value::null(), std::move(d), false);
  }
}

void add_prometheus_rule_objects(Builder& b) {
  for (const K8sObject& o : b.objects) {
    if (o.kind != "PrometheusRule" || o.group != "monitoring.coreos.com") continue;
    const Value* groups = o.root->at_path("spec.groups");
    if (!groups || !groups->is_list()) continue;
    for (const Value& g : groups->items())
      if (const Value* rules = g.get("rules"); rules && rules->is_list())
        add_prometheus_alerts(b, *rules, o.ns, "PrometheusRule/" + o.ns + "/" + o.name, "prometheus_rule");
  }
}

void link_drills(Builder& b) {
  std::unordered_map<std::string, std::vector<NodeId>> defs;
  for (const graph::Node& n : b.g.nodes())
    if (n.kind == NodeKind::kVeleroSchedule || n.kind == NodeKind::kVeleroBackup) defs[n.name.str()].push_back(n.id);
  for (const graph::Node& n : b.g.nodes()) {
    if (n.kind != NodeKind::kRestoreDrill) continue;
    const Value* sources = n.attr("restore_sources");
    if (!sources) continue;
    for (const Value& s : sources->items()) {
      std::string name = std::string(s.text());
      auto it = defs.find(name);
      // Chart schedules are created as "<release>-<key>": try the suffix after each '-'.
      for (std::size_t dash = name.find('-'); it == defs.end() && dash != std::string::npos;
           dash = name.find('-', dash + 1))
        it = defs.find(name.substr(dash + 1));
      if (it == defs.end()) continue;
      for (NodeId def : it->second) b.edge(n.id, def, EdgeKind::kRestores, s.loc());
    }
  }
}

}  // namespace

std::vector<NodeId> add_prometheus_alerts(Builder& b, const Value& rules, const std::string& ns,
                                          const std::string& address_prefix, const std::string& source) {
  std::vector<NodeId> out;
  for (const Value& r : rules.items()) {
    const Value* alert = r.get("alert");
    const Value* expr = r.get("expr");
    if (!alert || !alert->is_scalar() || !expr || !expr->is_string()) continue;
    std::string_view e = expr->text();
    std::vector<Value> metrics;
    for (std::size_t p = e.find("velero_"); p != std::string::npos; p = e.find("velero_", p + 1)) {
      std::size_t end = p;
      while (end < e.size() && (std::isalnum(static_cast<unsigned char>(e[end])) || e[end] == '_')) ++end;
      std::string m(e.substr(p, end - p));
      bool dup = false;
      for (const Value& have : metrics) dup = dup || have.text() == m;
      if (!dup) metrics.push_back(Value::string(m, expr->loc()));
      p = end - 1;
    }
    if (metrics.empty()) continue;
    Value a = Value::map({}, alert->loc());
    a.set("source", Value::string(source, alert->loc()));
    a.set("expr", *expr);
    a.set("for", copy_or_null(r.get("for"), alert->loc()));
    a.set("severity", copy_or_null(r.at_path("labels.severity"), alert->loc()));
    a.set("metrics", Value::list(std::move(metrics), expr->loc()));
    out.push_back(b.add(NodeKind::kMonitorAlert, std::string(alert->text()), ns, address_prefix + "/alert/" + std::string(alert->text()),
                        alert->loc(), std::move(a)));
  }
  return out;
}

void add_restore_object(Builder& b, const K8sObject& o, Value attrs) {
  const Value* spec = o.root->get("spec");
  Drill d;
  d.commands.push_back(Value::string("Restore " + o.name, o.loc));
  for (const char* k : {"scheduleName", "backupName"})
    if (const Value* v = spec ? spec->get(k) : nullptr; v && v->is_scalar()) d.sources.push_back(*v);
  NodeId id = add_drill(b, o.name, o.ns, "Restore/" + (o.ns.empty() ? "" : o.ns + "/") + o.name, o.loc,
                        "restore_object", {}, Value::null(), std::move(d), true);
  for (const Value::Entry& e : attrs.entries()) b.set_attr(id, e.first, e.second);
  b.index_k8s("Restore", o.ns, o.name, id);
}

bool is_ci_file(std::string_view path) { return !ci_kind(path).empty(); }

void add_operations(Builder& b) {
  add_ci_drills(b);
  add_cronjob_drills(b);
  add_prometheus_rule_objects(b);
  link_drills(b);
  // Alerts on Velero metrics watch every Velero installation of the scan
  // (metrics carry no installation identity); the chart's own rules are
  // already linked to their server.
  for (const graph::Node& n : b.g.nodes()) {
    if (n.kind != NodeKind::kMonitorAlert || text_of(n.attr("source")) != "prometheus_rule") continue;
    for (NodeId server : b.velero_servers) b.edge(n.id, server, EdgeKind::kMonitors, n.loc);
  }
}

}  // namespace drlint::link::detail
