resource "azurerm_kubernetes_cluster_extension" "backup" { # expect: DR044
  name              = "azure-aks-backup"
  cluster_id        = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod"
  extension_type    = "microsoft.dataprotection.kubernetes"
  release_train     = "stable"
  release_namespace = "dataprotection-microsoft"

  configuration_settings = {
    "configuration.backupStorageLocation.bucket"                = "aks-backup"
    "configuration.backupStorageLocation.config.resourceGroup"  = "rg-aks-backup"
    "configuration.backupStorageLocation.config.storageAccount" = "staksbackupweu"
    "configuration.backupStorageLocation.config.subscriptionId" = "00000000-0000-0000-0000-000000000000"
    "credentials.tenantId"                                      = "11111111-1111-1111-1111-111111111111"
  }
}

resource "azurerm_data_protection_backup_vault" "aks" {
  name                = "bv-aks-prod"
  resource_group_name = "rg-aks-backup"
  location            = "westeurope"
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
}
