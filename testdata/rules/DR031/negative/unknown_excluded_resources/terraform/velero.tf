variable "excluded_resources" {
  type        = string
  description = "Helm list syntax of resources the nightly schedule skips, e.g. {secrets,events}."
}

resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.4"
  namespace  = "velero"

  values = [file("${path.module}/values.yaml")]

  set {
    name  = "schedules.nightly.template.excludedResources"
    value = var.excluded_resources
  }
}
