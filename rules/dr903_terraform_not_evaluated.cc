// DR903 terraform-not-evaluated: Terraform that parses but that drlint could
// not fully evaluate (a module source with no files in the scan, a file()
// or module outside the scan root, duplicate blocks, a module that calls
// itself). Produced by the evaluator (analyzer/eval), not by a graph check;
// registered here so the catalog, SARIF metadata and docs describe it.
#include "rules/registry.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(drlint evaluates Terraform the way `terraform plan` would, without
running it. Some configurations can only be partly evaluated from the
repository: a module whose source has no files in the scanned paths
(a registry or git module, or a local module outside the scanned
directory), a `file()` or module path that leaves the scan root (never
read, for safety), duplicate blocks (Terraform itself rejects them; the
first is used), or a module that calls itself. What depends on them is
*unknown*, so DR rules stay silent about it rather than guess.

**How to fix**: scan from the repository root so local modules are found
(`drlint scan .` rather than `drlint scan infra/prod`), keep referenced
files inside the repository, and remove duplicate blocks. If the module
comes from a registry, nothing needs fixing: this note only says that
drlint could not see inside it.

```sh
# before: modules under ../../modules are outside the scan
drlint scan infra/prod
# after
drlint scan .
```
)md";

const RuleInfo kInfo{
    "DR903",
    "terraform-not-evaluated",
    Level::kNote,
    "Part of the Terraform could not be evaluated, so what depends on it is unknown to every rule.",
    "Terraform that parses but cannot be fully evaluated from the scanned files: a module source with no "
    "files in the scan, a file() or module path outside the scan root (never read), duplicate blocks, or a "
    "module that calls itself. Values that depend on it are unknown, and DR rules stay silent about them.",
    kHelp,
    {"terraform", "coverage-of-analysis"},
    "",
};

}  // namespace

Rule make_dr903() { return Rule{&kInfo, nullptr}; }

}  // namespace drlint::rules
