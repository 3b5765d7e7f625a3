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

resource "azurerm_storage_account" "app" {
  name                     = "stpaymentsexports"
  resource_group_name      = azurerm_resource_group.platform.name
  location                 = azurerm_resource_group.platform.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "backup_staging" {
  name                     = "stprodaksbackup"
  resource_group_name      = azurerm_resource_group.platform.name
  location                 = azurerm_resource_group.platform.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_kubernetes_cluster_extension" "backup" {
  name           = "azure-aks-backup"
  cluster_id     = azurerm_kubernetes_cluster.main.id
  extension_type = "microsoft.dataprotection.kubernetes"

  configuration_settings = {
    "configuration.backupStorageLocation.bucket"                = "aks-backup"
    "configuration.backupStorageLocation.config.resourceGroup"  = azurerm_resource_group.platform.name
    "configuration.backupStorageLocation.config.storageAccount" = azurerm_storage_account.backup_staging.name
  }
}
