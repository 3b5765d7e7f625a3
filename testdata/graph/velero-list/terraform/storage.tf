resource "azurerm_storage_account" "backup" {
  name                     = "stbackupprod"
  resource_group_name      = "rg-backup"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_name  = azurerm_storage_account.backup.name
  container_access_type = "private"
}
