variable "backup_ttl" {
  type        = string
  description = "How long Velero keeps each backup (Go duration)."
}

resource "helm_release" "velero" {
  name             = "velero"
  repository       = "https://vmware-tanzu.github.io/helm-charts"
  chart            = "velero"
  version          = "5.1.4"
  namespace        = "velero"
  create_namespace = true

  values = [file("${path.module}/values.yaml")]

  set {
    name  = "schedules.weekly.template.ttl"
    value = var.backup_ttl
  }
}
