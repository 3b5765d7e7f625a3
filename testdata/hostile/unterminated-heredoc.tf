resource "azurerm_storage_account" "x" {
  name = "st"
  tags = {
    note = <<EOT
never closed
