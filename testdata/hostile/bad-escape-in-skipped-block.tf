resource "azurerm_virtual_network" "skipped" {
  name = "\q"
}
