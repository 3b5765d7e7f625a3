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
  set {
    name  = "configuration.backupStorageLocation[0].config.storageAccount"
    value = "stveleroprod"
  }
  set_sensitive {
    name  = "credentials.secretContents.cloud"
    value = <<-EOT
      AZURE_SUBSCRIPTION_ID=00000000-0000-0000-0000-000000000000
      AZURE_RESOURCE_GROUP=rg-prod-backup
      AZURE_CLOUD_NAME=AzurePublicCloud
      AZURE_STORAGE_ACCOUNT_ACCESS_KEY=q1w2e3r4t5y6u7i8o9p0aSdFgHjKlZxCvBnM0123456789abcdEFGHijklMNOPqrstUV== # expect: DR061
    EOT
  }
}
