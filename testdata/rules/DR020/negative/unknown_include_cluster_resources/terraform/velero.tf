variable "include_cluster_resources" {
  type        = bool
  description = "Whether the nightly schedule captures cluster-scoped resources."
}

resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.4"
  namespace  = "velero"

  values = [file("${path.module}/values.yaml")]

  set {
    name  = "schedules.nightly.template.includeClusterResources"
    value = var.include_cluster_resources
  }
}
