resource "azurerm_resource_group" "crlf" {
  name     = "rg-crlf"
  location = "westeurope"
}
