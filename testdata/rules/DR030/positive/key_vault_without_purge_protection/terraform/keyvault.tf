data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "apps" {
  name     = "rg-apps-weu"
  location = "westeurope"
}

resource "azurerm_key_vault" "payments" {
  name                       = "kv-payments-prod"
  location                   = azurerm_resource_group.apps.location
  resource_group_name        = azurerm_resource_group.apps.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = false  # expect: DR030
}
