// Groups the scanned Terraform files into modules (one per directory), indexes
// each module's declarations (with override files merged in), resolves local module sources and finds the root
// modules (directories no other scanned module calls as a local module).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/load/hcl_ast.h"
#include "analyzer/load/loaded_file.h"
#include "analyzer/load/parse_error.h"
#include "analyzer/load/source_table.h"

namespace drlint::eval {

struct ModuleDef {
  std::string dir;  // repository-relative, "" for the repository root
  std::map<std::string, const hcl::Block*> variables;
  std::map<std::string, const hcl::Attribute*> locals;
  std::map<std::string, const hcl::Block*> outputs;
  std::vector<const hcl::Block*> resources;  // "resource" and "data" blocks, in file order
  std::map<std::string, const hcl::Block*> resource_index;  // "type.name" / "data.type.name"
  std::vector<const hcl::Block*> calls;      // "module" blocks, in file order
  std::map<std::string, const hcl::Block*> call_index;
  // terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in
  // lexical order: the files Terraform loads automatically for a root module.
  std::vector<FileId> auto_var_files;
};

// Where a module call's source points.
struct SourceTarget {
  bool local = false;    // "./..." or "../..."
  bool outside = false;  // local, but leaves the scan root
  std::string dir;       // repository-relative target directory (local only)
};

class ModuleSet {
 public:
  ModuleSet(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
            std::vector<load::ParseError>* diagnostics);

  const ModuleDef* find(const std::string& dir) const;
  // Directories of the root modules, sorted.
  const std::vector<std::string>& roots() const { return roots_; }

  static std::string dir_of(const std::string& path);
  static SourceTarget resolve_source(const std::string& caller_dir, const std::string& source);
  // The literal source string of a module block ("" if absent or not literal).
  static std::string source_of(const hcl::Block& call);

 private:
  void index_body(ModuleDef& m, const hcl::Body& body, std::vector<load::ParseError>* diagnostics);
  // Terraform's override files (override.tf, *_override.tf): their blocks
  // merge into the module's blocks of the same type and labels.
  void apply_override(ModuleDef& m, const hcl::Body& body);

  std::map<std::string, std::unique_ptr<ModuleDef>> modules_;
  std::deque<hcl::File> converted_;  // .tf.json files converted to HCL (owned)
  std::deque<hcl::Block> merged_;    // blocks merged with their overrides (owned)
  std::vector<std::string> roots_;
};

}  // namespace drlint::eval
