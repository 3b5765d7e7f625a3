// DR901 suppression-without-reason: a `drlint:ignore` comment or a
// `drlint.io/ignore` annotation that gives no reason. Produced by
// analyzer/suppress (not by a graph check); registered here so the catalog,
// SARIF rule metadata and docs describe it like every other rule.
#include "rules/registry.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(A suppression hides a finding from the run's result (it is still reported
in SARIF as suppressed). Without a reason, nobody reviewing the code later
can tell whether the risk was accepted on purpose, by whom, or whether the
suppression is still justified. The suppression itself still works; this
note asks for the reason.

**How to fix**: write the reason after `--`:

Before:

```yaml
storageClassName: managed-csi   # drlint:ignore DR010
```

After:

```yaml
storageClassName: managed-csi   # drlint:ignore DR010 -- scratch cache, rebuilt on restore
```

For a Kubernetes annotation, put the reason in the value or in
`drlint.io/ignore-reason`:

```yaml
metadata:
  annotations:
    drlint.io/ignore: "DR010,DR012 -- cache volume, rebuilt from the primary"
```

Turn this note off for the whole scan with `rules: { DR901: off }` in
`.drlint.yaml`.
)md";

const RuleInfo kInfo{
    "DR901",
    "suppression-without-reason",
    Level::kNote,
    "A drlint suppression gives no reason.",
    "An inline `# drlint:ignore` comment or a `drlint.io/ignore` annotation suppresses findings without "
    "saying why (no text after `--`). The suppression still applies; the note asks for the reason so that "
    "accepted risks stay reviewable.",
    kHelp,
    {"suppression", "maintainability"},
    "",
};

}  // namespace

Rule make_dr901() { return Rule{&kInfo, nullptr}; }

}  // namespace drlint::rules
