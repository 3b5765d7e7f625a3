// The API group and version of a Kubernetes object node, read from its
// `api_version` attribute. They are not stored as attributes of their own:
// that was three map entries on every Kubernetes node of the graph (8 MiB
// at 50,000 files) for what one split of a string gives.
#pragma once

#include <string_view>

#include "analyzer/graph/graph.h"

namespace drlint::graph {

struct ApiVersion {
  std::string_view group;    // "" for the core group ("v1")
  std::string_view version;  // "v1", "v1beta1"
};

// "apps/v1" -> {"apps", "v1"}; "v1" -> {"", "v1"}.
ApiVersion split_api_version(std::string_view api_version);

// The node's `api_version`, split; both empty when it has none (nodes that
// are not Kubernetes objects). Views into the node's attribute.
ApiVersion api_version_of(const Node& n);

// Core and *.k8s.io groups (and the other groups a cluster serves itself).
bool is_builtin_group(std::string_view group);

// A Kubernetes object whose API group is not built in: an instance of a
// CustomResourceDefinition (ExternalSecret, Velero CRs, PrometheusRule...).
bool is_custom_resource(const Node& n);

}  // namespace drlint::graph
