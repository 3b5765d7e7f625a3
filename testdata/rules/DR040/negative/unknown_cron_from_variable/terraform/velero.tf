variable "backup_cron" {
  type        = string
  description = "Cron expression of the Velero schedule, set per environment."
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
    name  = "schedules.payments.schedule"
    value = var.backup_cron
  }
}
