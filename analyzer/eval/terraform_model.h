// The evaluated Terraform of a scan: every resource and data instance with
// its arguments as Values (known or unknown, each with its source location),
// across the root modules and the local modules they call. Produced by
// eval::evaluate_terraform (analyzer/eval/terraform.h); read by link/.
#pragma once

#include <string>
#include <vector>

#include "analyzer/load/parse_error.h"
#include "analyzer/value/value.h"

namespace drlint::eval {

struct Resource {
  std::string mode;         // "resource" or "data"
  std::string type;         // "azurerm_storage_account"
  std::string name;         // "velero"
  std::string module_path;  // "" for a root module, else "module.dr" or "module.dr.module.inner"
  std::string root_dir;     // repository-relative directory of the root module it belongs to
  std::string address;      // "module.dr.azurerm_storage_account.velero[\"x\"]"
  // Arguments and nested blocks. Blocks are lists of maps, as in Terraform's
  // JSON plan ("blob_properties": [{"delete_retention_policy": [{"days": 7}]}]).
  // Each Value's loc is where the user would edit it (the attribute line,
  // inside the module source for module instances).
  Value attrs;
  SourceLoc loc;  // the block header ("resource \"x\" \"y\" {")
};

struct ModuleCall {
  std::string address;  // "module.dr"
  std::string source;   // as written
  bool local = false;   // "./" or "../": loaded and evaluated
  std::string dir;      // repository-relative directory of a local module
  SourceLoc loc;
};

struct Model {
  std::vector<Resource> resources;
  std::vector<ModuleCall> modules;
  // Problems that are not syntax errors: a module source outside the scan
  // root, a file() outside the scan root, a --var-file that cannot be read.
  std::vector<load::ParseError> diagnostics;
  // Absolute paths that file(), fileexists() and templatefile() looked at
  // (found or not): the result depends on them as well as on the scanned
  // files, and a result cache (analyzer/cache) re-checks each one.
  std::vector<std::string> paths_read;
};

}  // namespace drlint::eval
