// In-source suppressions (shared/spec/policy.md, docs/configuration.md):
//
//  - a comment `# drlint:ignore DR010,DR012 -- reason` in YAML, Terraform or
//    tfvars (HCL also `// drlint:ignore ...`; `#drlint:ignore` works too).
//    After code on a line it covers that line; on a line of its own it covers
//    that line and the next line that is not a comment (a stack of comment
//    lines may sit between them; a blank line ends the reach);
//  - the annotation `drlint.io/ignore: "DR010,DR012 -- reason"` on a
//    Kubernetes object (the reason may also be given in the annotation
//    `drlint.io/ignore-reason`), covering every line of that object's
//    document (each item of a `kind: *List` is an object of its own).
//
// A suppressed finding is kept, with `Finding::suppression` set (kind
// inSource, the reason as justification, the comment/annotation as location),
// so reports show it as suppressed and it never fails the run.
// Suppressions are reported themselves: DR901 when a suppression gives no
// reason, DR902 when one of its rule IDs matched no finding, names an
// unknown rule, or its text is malformed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/finding/finding.h"
#include "analyzer/load/loaded_file.h"
#include "analyzer/load/source_table.h"

namespace drlint::config {
struct Config;
}

namespace drlint::suppress {

// One suppression as written.
struct Directive {
  enum class Source { kComment, kAnnotation };
  Source source = Source::kComment;
  SourceLoc loc;                      // the comment (from '#' or '//' to the end of the line) or the annotation value
  std::string text;                   // the comment/annotation text, trimmed, for messages and fingerprints
  std::vector<std::string> ids;       // known rule IDs, in order, without duplicates
  std::vector<std::string> unknown;   // rule-ID-shaped tokens that name no rule ("DR999")
  std::string malformed;              // text in the ID list that is not a rule ID at all ("" if none)
  std::string reason;                 // text after "--", trimmed; may be empty
  std::uint32_t first_line = 0;       // findings on lines [first_line, last_line] of loc.file are covered
  std::uint32_t last_line = 0;
  std::string object;                 // annotations: "Kind namespace/name" of the object, for messages
};

// Every suppression in the scanned files (comments from the raw text of YAML,
// Terraform and tfvars files; annotations from the loaded YAML documents).
// `files` may be in any order; a file is matched to its LoadedFile by id.
std::vector<Directive> find_directives(const load::SourceTable& sources, const std::vector<load::LoadedFile>& files);
// The same for one file (`loaded` may be null); find_directives() is this for
// every file in FileId order.
void find_file_directives(const load::SourceFile& file, const load::LoadedFile* loaded, std::vector<Directive>* out);

// Marks the findings that a suppression covers (rule ID listed, same file,
// line within reach) and appends DR901/DR902 findings, then re-sorts
// `findings` with finding_less. Findings that already carry a suppression
// keep it. With `config`: DR901/DR902 set to `off` are not produced, their
// configured level applies, and a suppression of a rule that is `off` is not
// reported as unused (the rule did not run). Files with a parse error (DR900)
// or Helm templates get no DR902 (their findings could not be computed).
void apply_suppressions(std::vector<Finding>& findings, const load::SourceTable& sources,
                        const std::vector<load::LoadedFile>& files, const config::Config* config = nullptr);
// The same with the directives found earlier (find_directives), when the
// loaded documents were released in between; `files` only gives their
// parse errors and Helm-template flags.
void apply_suppressions(std::vector<Finding>& findings, const load::SourceTable& sources,
                        const std::vector<load::LoadedFile>& files, std::vector<Directive> directives,
                        const config::Config* config = nullptr);

}  // namespace drlint::suppress
