module "self" {
  source = "./"
  n      = 1
}

variable "n" {
  type    = number
  default = 0
}

locals {
  names = { for i in range(3) : "sa${i}" => upper("x${i}") }
}

resource "azurerm_storage_account" "a" {
  for_each                 = local.names
  name                     = each.key
  location                 = "westeurope"
  account_replication_type = var.n > 0 ? "ZRS" : "LRS"
  tags                     = merge({ v = each.value }, try(jsondecode("{\"a\":1}"), {}))
}

resource "random_string" "s" {
  count  = 2
  length = count.index + 8
}

output "ids" {
  value = [for k, v in azurerm_storage_account.a : v.id]
}
