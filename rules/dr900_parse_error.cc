// DR900 parse-error: an input file that drlint could not parse. Produced by
// the loaders (analyzer/scan), not by a graph check; registered here so the
// catalog, SARIF rule metadata and docs describe it like every other rule.
#include "rules/registry.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(An input file could not be parsed, so nothing in it was analysed: its
backups, storage accounts or schedules are invisible to every other rule,
and findings that depend on them may be missing or wrong.

**How to fix**: correct the syntax at the reported line (run `terraform fmt`
or a YAML linter on the file). If the file is not meant to be scanned
(a Helm template, a fixture), exclude it in `.drlint.yaml`:

```yaml
exclude:
  - "charts/**/templates/**"
```
)md";

const RuleInfo kInfo{
    "DR900",
    "parse-error",
    Level::kError,
    "An input file could not be parsed, so it was left out of the analysis.",
    "An input file (Terraform, tfvars or YAML) could not be parsed, so nothing in it was "
    "analysed. The finding points at the first syntax error. The scan continues with every "
    "other file.",
    kHelp,
    {"parse", "correctness"},
    "",
};

}  // namespace

Rule make_dr900() { return Rule{&kInfo, nullptr}; }

}  // namespace drlint::rules
