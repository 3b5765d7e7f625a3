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
  name                     = "stvelerobackupprod"
  resource_group_name      = azurerm_resource_group.backup.name
  location                 = "northeurope"
  account_tier             = "Standard"
  account_replication_type = var.backup_replication # expect: DR002

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_name  = azurerm_storage_account.velero.name
  container_access_type = "private"
}

resource "helm_release" "velero" {
  name             = "velero"
  repository       = "https://vmware-tanzu.github.io/helm-charts"
  chart            = "velero"
  version          = "5.1.0"
  namespace        = "velero"
  create_namespace = true

  set {
    name  = "configuration.backupStorageLocation[0].name"
    value = "default"
  }
  set {
    name  = "configuration.backupStorageLocation[0].provider"
    value = "azure"
  }
  set {
    name  = "configuration.backupStorageLocation[0].bucket"
    value = azurerm_storage_container.velero.name
  }
  set {
    name  = "configuration.backupStorageLocation[0].config.storageAccount"
    value = azurerm_storage_account.velero.name
  }
  set {
    name  = "configuration.backupStorageLocation[0].config.resourceGroup"
    value = azurerm_resource_group.backup.name
  }
}
