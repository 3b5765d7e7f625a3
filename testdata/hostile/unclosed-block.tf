resource "azurerm_resource_group" "open" {
  name = "rg"
