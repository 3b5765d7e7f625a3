resource "helm_release" "velero" {
  name       = "velero"
  repository = "https://vmware-tanzu.github.io/helm-charts"
  chart      = "velero"
  namespace  = "velero"
  values     = [file("${path.module}/../velero/values.yaml")]

  set {
    name  = "configuration.backupStorageLocation[0].config.storageAccount"
    value = "stvelerosetprod"
  }
  set {
    name  = "schedules.daily.schedule"
    value = "0 */4 * * *"
  }
  set {
    name  = "deployNodeAgent"
    value = "true"
  }
}

resource "azurerm_storage_account" "velero" {
  name                     = "stvelerosetprod"
  resource_group_name      = "rg-platform"
  location                 = "northeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
