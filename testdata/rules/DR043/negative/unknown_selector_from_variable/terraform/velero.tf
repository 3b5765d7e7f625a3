variable "backup_app_label" {
  type        = string
  description = "Value of the app label selecting what the nightly schedule backs up."
}

resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.4"
  namespace  = "velero"

  values = [file("${path.module}/values.yaml")]

  set {
    name  = "schedules.nightly.template.labelSelector.matchLabels.app"
    value = var.backup_app_label
  }
}
