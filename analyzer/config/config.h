// The user's configuration (.drlint.yaml, shared/spec/policy.md): declared
// recovery objectives, the recovery assumptions behind RTO estimates,
// per-rule level overrides, and excluded paths. Parsed and strictly
// validated by config::load_config (analyzer/config/config_loader.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding/finding.h"
#include "analyzer/util/source_loc.h"

namespace drlint::config {

using Seconds = std::int64_t;

// A named objective for namespaces matched by name or glob.
struct PolicyDecl {
  std::string name;                     // "customer-checkout": shown in messages and reports
  std::vector<std::string> namespaces;  // names or globs ("checkout-*")
  std::optional<Seconds> rpo;
  std::optional<Seconds> rto;
  SourceLoc loc;      // the "- name:" line
  SourceLoc rpo_loc;  // where the rpo value is written
  SourceLoc rto_loc;
};

// Assumptions behind restore-based RTO estimates (DR050); defaults from the
// spec: 5m detection, 10m decision, 15m validation, 11 GiB/min restore.
struct Recovery {
  Seconds detection = 5 * 60;
  Seconds decision = 10 * 60;
  Seconds validation = 15 * 60;
  double restore_bytes_per_second = 11.0 * 1024 * 1024 * 1024 / 60.0;
  std::string restore_throughput_text = "11GiB/m";
  SourceLoc loc;  // the "recovery:" key, when configured
};

struct RuleOverride {
  std::string id;              // "DR003"
  bool off = false;            // "off": the rule does not run
  std::optional<Level> level;  // error | warning | note
  SourceLoc loc;               // the rule ID key
};

struct Config {
  std::string path;  // repository-relative path of the file, "" when none
  // The FileId every SourceLoc below carries: kNoFile unless the caller
  // registered the configuration file in the scan's SourceTable (then rules
  // can point related locations at a policy's `rpo:` line).
  FileId file = kNoFile;
  int version = 1;
  std::vector<PolicyDecl> policies;
  Recovery recovery;
  std::vector<RuleOverride> rules;
  std::vector<std::string> exclude;  // globs, repository-relative ("examples/**")

  const RuleOverride* override_for(std::string_view rule_id) const {
    for (const RuleOverride& r : rules)
      if (r.id == rule_id) return &r;
    return nullptr;
  }
};

}  // namespace drlint::config
