variable "location" {}
variable "rg_name" {}
variable "replication" {}

resource "azurerm_storage_account" "velero" {
  name                     = "velerobackups"
  resource_group_name      = var.rg_name
  location                 = var.location
  account_replication_type = var.replication

  blob_properties {
    delete_retention_policy {
      days = 7
    }
  }
}

resource "azurerm_storage_container" "velero" {
  name                 = "velero"
  storage_account_id   = azurerm_storage_account.velero.id
  storage_account_name = azurerm_storage_account.velero.name
}

output "id" {
  value = azurerm_storage_account.velero.id
}
