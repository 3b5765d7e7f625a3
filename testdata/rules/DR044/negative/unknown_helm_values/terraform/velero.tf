variable "velero_values" {
  type        = string
  description = "Rendered Velero values (schedules included), supplied by the platform pipeline."
}

resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.4"
  namespace  = "velero"

  values = [var.velero_values]
}
