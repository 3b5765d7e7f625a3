resource "azurerm_data_protection_backup_vault" "aks" {
  name                = "bv-prod-aks"
  resource_group_name = azurerm_resource_group.backup.name
  location            = azurerm_resource_group.backup.location
  datastore_type      = "VaultStore"
  redundancy          = var.vault_redundancy
  cross_region_restore_enabled = var.cross_region_restore
  soft_delete         = "On"
  immutability        = "Unlocked"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "daily" {
  name                            = "aks-daily"
  resource_group_name             = azurerm_resource_group.backup.name
  vault_name                      = azurerm_data_protection_backup_vault.aks.name
  backup_repeating_time_intervals = ["R/2024-01-01T02:00:00+00:00/P1D"]
  time_zone                       = "W. Europe Standard Time"

  default_retention_rule {
    life_cycle {
      data_store_type = var.retention_store
      duration        = "P14D"
    }
  }
}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "aks" {
  name                         = "aks-prod-backup"
  location                     = azurerm_resource_group.platform.location
  vault_id                     = azurerm_data_protection_backup_vault.aks.id
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.main.id
  snapshot_resource_group_name = "rg-prod-aks-snapshots"
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.daily.id

  backup_datasource_parameters {
    excluded_namespaces              = ["kube-system", "gatekeeper-system"]
    cluster_scoped_resources_enabled = true
    volume_snapshot_enabled          = true
  }
}
