terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "platform" {
  name     = "rg-prod-platform"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-prod"
  location            = azurerm_resource_group.platform.location
  resource_group_name = "rg-prod-platform" # expect-related: DR003
  dns_prefix          = "aks-prod"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
    zones      = ["1", "2", "3"]
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_protection_backup_vault" "aks" {
  name                         = "bv-prod-aks"
  resource_group_name          = azurerm_resource_group.platform.name # expect: DR003
  location                     = azurerm_resource_group.platform.location
  datastore_type               = "VaultStore"
  redundancy                   = "GeoRedundant"
  cross_region_restore_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "daily" {
  name                            = "aks-daily"
  resource_group_name             = azurerm_data_protection_backup_vault.aks.resource_group_name
  vault_name                      = azurerm_data_protection_backup_vault.aks.name
  backup_repeating_time_intervals = ["R/2024-01-01T02:00:00+00:00/P1D"]

  default_retention_rule {
    life_cycle {
      data_store_type = "OperationalStore"
      duration        = "P7D"
    }
    life_cycle {
      data_store_type = "VaultStore"
      duration        = "P30D"
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
    excluded_namespaces              = ["kube-system"]
    cluster_scoped_resources_enabled = true
    volume_snapshot_enabled          = true
  }
}
