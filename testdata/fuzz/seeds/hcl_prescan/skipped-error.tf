resource "random_string" "s" {
  length = 8 +
}

resource "azurerm_storage_account" "sa" {
  name = "ok"
}
