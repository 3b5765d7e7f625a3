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

  # Protection settings come from the environment's module input.
  dynamic "blob_properties" {
    for_each = var.blob_protection
    content {
      versioning_enabled = blob_properties.value.versioning
      delete_retention_policy {
        days = blob_properties.value.soft_delete_days
      }
    }
  }
}
