resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  version    = "5.1.0"
  namespace  = "velero"

  set {
    name  = "configuration.backupStorageLocation[0].name"
    value = "default"
  }
  set {
    name  = "configuration.backupStorageLocation[0].provider"
    value = "azure"
  }
  set {
    name  = "configuration.backupStorageLocation[0].bucket"
    value = "velero"
  }
  set_sensitive {
    name = "credentials.secretContents.cloud"
    value = join("\n", [
      "AZURE_SUBSCRIPTION_ID=00000000-0000-0000-0000-000000000000",
      "AZURE_CLIENT_ID=22222222-2222-2222-2222-222222222222",
      "AZURE_CLIENT_SECRET=${var.velero_client_secret}",
    ])
  }
}
