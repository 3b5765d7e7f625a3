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

resource "azurerm_resource_group" "backup" {
  name     = "rg-prod-backup"
  location = "northeurope"
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-prod"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
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

resource "azurerm_storage_account" "velero" {
  name                     = "stveleroprod"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = azurerm_resource_group.backup.location
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }
}

resource "azurerm_data_protection_backup_vault" "aks" {
  name                         = "bv-prod-aks"
  resource_group_name          = azurerm_resource_group.backup.name
  location                     = "westeurope"
  datastore_type               = "VaultStore"
  redundancy                   = "GeoRedundant"
  cross_region_restore_enabled = true
  soft_delete                  = "AlwaysOn"
  immutability                 = "Locked"
}
