#include "analyzer/graph/k8s_identity.h"

#include <array>

namespace drlint::graph {

ApiVersion split_api_version(std::string_view api_version) {
  std::size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) return {{}, api_version};
  return {api_version.substr(0, slash), api_version.substr(slash + 1)};
}

ApiVersion api_version_of(const Node& n) {
  const Value* api = n.attr("api_version");
  if (!api || !api->is_string()) return {};
  return split_api_version(api->text());
}

bool is_builtin_group(std::string_view group) {
  if (group.empty() || group.find('.') == std::string_view::npos) return true;  // core, apps, batch, policy...
  static constexpr std::array<std::string_view, 19> kGroups = {
      "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io",
      "admissionregistration.k8s.io", "apiregistration.k8s.io", "certificates.k8s.io", "coordination.k8s.io",
      "discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "node.k8s.io", "scheduling.k8s.io",
      "authentication.k8s.io", "authorization.k8s.io", "resource.k8s.io", "internal.apiserver.k8s.io",
      "storagemigration.k8s.io", "settings.k8s.io"};
  for (std::string_view g : kGroups)
    if (g == group) return true;
  return false;
}

bool is_custom_resource(const Node& n) {
  // No api_version: group "", built in.
  return !is_builtin_group(api_version_of(n).group);
}

}  // namespace drlint::graph
