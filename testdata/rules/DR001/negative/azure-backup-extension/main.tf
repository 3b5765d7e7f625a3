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

# Staging account of the Azure Backup for AKS extension: must be in the
# cluster's region.
resource "azurerm_storage_account" "backup_staging" {
  name                     = "stprodaksbackup"
  resource_group_name      = azurerm_resource_group.platform.name
  location                 = azurerm_resource_group.platform.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_container" "backup_staging" {
  name                  = "aks-backup"
  storage_account_name  = azurerm_storage_account.backup_staging.name
  container_access_type = "private"
}

resource "azurerm_kubernetes_cluster_extension" "backup" {
  name           = "azure-aks-backup"
  cluster_id     = azurerm_kubernetes_cluster.main.id
  extension_type = "microsoft.dataprotection.kubernetes"
  release_train  = "stable"

  configuration_settings = {
    "configuration.backupStorageLocation.bucket"                = azurerm_storage_container.backup_staging.name
    "configuration.backupStorageLocation.config.resourceGroup"  = azurerm_resource_group.platform.name
    "configuration.backupStorageLocation.config.storageAccount" = azurerm_storage_account.backup_staging.name
    "configuration.backupStorageLocation.config.subscriptionId" = "00000000-0000-0000-0000-000000000000"
    "credentials.tenantId"                                      = "11111111-1111-1111-1111-111111111111"
  }
}
