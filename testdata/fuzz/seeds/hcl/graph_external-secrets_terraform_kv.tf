resource "azurerm_key_vault" "platform" {
  name                     = "kv-platform-prod"
  location                 = "westeurope"
  resource_group_name      = "rg-platform"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true
}
