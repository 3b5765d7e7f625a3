resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-prod"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
    zones      = ["1", "2"]
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8s_v5"
  zones                 = ["2", "3"]
}

resource "azurerm_data_protection_backup_vault" "aks" {
  name                = "bv-aks"
  resource_group_name = "rg-backup"
  location            = "westeurope"
  datastore_type      = "VaultStore"
  redundancy          = "LocallyRedundant"
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "daily" {
  name                            = "aks-daily"
  resource_group_name             = "rg-backup"
  vault_name                      = azurerm_data_protection_backup_vault.aks.name
  backup_repeating_time_intervals = ["R/2024-01-01T02:00:00+00:00/P1D"]

  default_retention_rule {
    life_cycle {
      duration        = "P7D"
      data_store_type = "OperationalStore"
    }
  }
}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "aks" {
  name                         = "aks-prod-backup"
  location                     = "westeurope"
  vault_id                     = azurerm_data_protection_backup_vault.aks.id
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.main.id
  snapshot_resource_group_name = "rg-snapshots"
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.daily.id

  backup_datasource_parameters {
    included_namespaces              = ["payments"]
    excluded_resource_types          = ["secrets"]
    cluster_scoped_resources_enabled = true
    volume_snapshot_enabled          = true
  }
}

resource "azurerm_storage_account" "staging" {
  name                     = "stakbackupstaging"
  resource_group_name      = "rg-backup"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_kubernetes_cluster_extension" "backup" {
  name           = "azure-aks-backup"
  cluster_id     = azurerm_kubernetes_cluster.main.id
  extension_type = "microsoft.dataprotection.kubernetes"
  configuration_settings = {
    "configuration.backupStorageLocation.bucket"                = "aks-backups"
    "configuration.backupStorageLocation.config.storageAccount" = azurerm_storage_account.staging.name
  }
}

resource "azurerm_monitor_activity_log_alert" "backup_failures" {
  name                = "aks-backup-failures"
  resource_group_name = "rg-backup"
  scopes              = [azurerm_data_protection_backup_vault.aks.id]
  criteria {
    category = "Administrative"
  }
}
