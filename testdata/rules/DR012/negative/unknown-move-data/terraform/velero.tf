resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.0"
  namespace  = "velero"

  values = [file("${path.module}/../velero/values.yaml")]

  set {
    name  = "schedules.nightly.template.snapshotMoveData"
    value = var.snapshot_move_data
  }
}
