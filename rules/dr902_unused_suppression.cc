// DR902 unused-suppression: a `drlint:ignore` comment or `drlint.io/ignore`
// annotation that suppresses nothing (no finding of that rule at that
// place, or an unknown rule ID). Produced by analyzer/suppress; registered
// here for the catalog, SARIF rule metadata and docs.
#include "rules/registry.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(A suppression that matches no finding is stale: the problem was fixed, the
finding moved to another line, or the rule ID is misspelled. Left in place,
it would silently hide a *new* finding of that rule that appears there
later, and it misleads readers into thinking a risk was accepted.

**How to fix**: delete the suppression, or correct the rule ID, or move the
comment to the line of the finding (or the line just above it).

Before:

```hcl
# drlint:ignore DR002 -- accepted until the GRS migration
resource "azurerm_storage_account" "backups" {
  account_replication_type = "GRS"   # already fixed: nothing to suppress
}
```

After:

```hcl
resource "azurerm_storage_account" "backups" {
  account_replication_type = "GRS"
}
```

Turn this note off for the whole scan with `rules: { DR902: off }` in
`.drlint.yaml`.
)md";

const RuleInfo kInfo{
    "DR902",
    "unused-suppression",
    Level::kNote,
    "A drlint suppression matches no finding.",
    "An inline `# drlint:ignore` comment or a `drlint.io/ignore` annotation names a rule that reported "
    "nothing at that place, or a rule ID that does not exist. Stale suppressions hide future findings; "
    "remove them or fix the rule ID.",
    kHelp,
    {"suppression", "maintainability"},
    "",
};

}  // namespace

Rule make_dr902() { return Rule{&kInfo, nullptr}; }

}  // namespace drlint::rules
