resource "azurerm_resource_group" "platform" {
  name     = "rg-platform-weu"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "prod" {
  name                = "aks-prod-weu"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = "aksprodweu"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
    zones      = ["1", "2", "3"]
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_protection_backup_vault" "aks" {
  name                = "bv-aks-prod"
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  datastore_type      = "VaultStore"
  redundancy          = "GeoRedundant"
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "daily" {
  name                            = "aks-daily"
  resource_group_name             = azurerm_resource_group.platform.name
  vault_name                      = azurerm_data_protection_backup_vault.aks.name
  backup_repeating_time_intervals = ["R/2024-01-01T02:00:00+00:00/P1D"] # expect: DR040

  default_retention_rule {
    life_cycle {
      duration        = "P14D"
      data_store_type = "OperationalStore"
    }
  }
}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "prod" {
  name                         = "aks-prod-payments"
  location                     = azurerm_resource_group.platform.location
  vault_id                     = azurerm_data_protection_backup_vault.aks.id
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.prod.id
  snapshot_resource_group_name = azurerm_resource_group.platform.name
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.daily.id

  backup_datasource_parameters {
    included_namespaces              = ["payments"]
    cluster_scoped_resources_enabled = true
    volume_snapshot_enabled          = true
  }
}
