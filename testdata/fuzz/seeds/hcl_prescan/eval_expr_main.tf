variable "zones" {
  default = ["1", "2", "3"]
}

variable "enabled" {
  default = true
}

variable "unknown_flag" {}

locals {
  accounts = {
    primary   = { location = "westeurope", tier = "Standard" }
    secondary = { location = "northeurope", tier = "Standard" }
  }
  upper_names = [for k, v in local.accounts : upper(k)]
  by_location = { for k, v in local.accounts : v.location => k }
  grouped     = { for k, v in local.accounts : v.tier => k... }
  filtered    = [for z in var.zones : "zone-${z}" if z != "2"]
  replication = var.enabled ? "GRS" : "LRS"
  maybe       = var.unknown_flag ? "a" : "b"
  same        = var.unknown_flag ? "x" : "x"
  values      = yamldecode(file("${path.module}/values.yaml"))
}

resource "azurerm_storage_account" "sa" {
  for_each                 = local.accounts
  name                     = "sa${each.key}"
  location                 = each.value.location
  account_replication_type = local.replication
}

resource "azurerm_managed_disk" "d" {
  count = 2
  name  = "disk-${count.index}"
  zone  = var.zones[count.index]
}

resource "azurerm_kubernetes_cluster" "aks" {
  count    = var.unknown_flag ? 1 : 0
  name     = "aks-${count.index}"
  location = "westeurope"
}

data "azurerm_resource_group" "shared" {
  name = "shared-rg"
}

resource "x_test" "t" {
  upper_names     = local.upper_names
  by_location     = local.by_location
  grouped         = local.grouped
  filtered        = local.filtered
  maybe           = local.maybe
  same            = local.same
  disk_ids        = azurerm_managed_disk.d[*].id
  sa_location     = azurerm_storage_account.sa["primary"].location
  shared_location = data.azurerm_resource_group.shared.location
  shared_name     = data.azurerm_resource_group.shared.name
  aks_id          = azurerm_kubernetes_cluster.aks[0].id
  values          = [file("values.yaml")]
  schedule        = local.values.schedules.daily.schedule
  config          = templatefile("${path.module}/config.tpl", { name = "velero", items = ["a", "b"] })
  outside         = file("../../outside.txt")
  has_values      = fileexists("values.yaml")
  heredoc         = <<-EOT
    hello ${local.replication}
    EOT

  dynamic "rule" {
    for_each = var.zones
    content {
      zone = rule.value
    }
  }

  dynamic "unknown_rule" {
    for_each = var.unknown_flag ? ["a"] : []
    content {
      x = 1
    }
  }
}
