variable "velero_monitoring_values" {
  type        = string
  description = "Extra values (metrics, prometheusRule) rendered by the observability module."
}

resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.4"
  namespace  = "velero"

  values = [
    file("${path.module}/values.yaml"),
    var.velero_monitoring_values,
  ]
}
