variable "location" {
  type    = string
  default = "westeurope"
}

variable "env" {
  type = string
}

variable "replication" {
  type    = string
  default = "LRS"
}

locals {
  prefix = "dr${local.suffix}"
  suffix = "-${var.env}"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${local.prefix}"
  location = var.location
}

module "dr" {
  source      = "./modules/dr"
  location    = azurerm_resource_group.rg.location
  rg_name     = azurerm_resource_group.rg.name
  replication = var.replication
}

module "aks" {
  source  = "Azure/aks/azurerm"
  version = "7.0.0"
}

resource "azurerm_role_assignment" "velero" {
  scope        = module.dr.storage_id
  principal_id = module.aks.kubelet_identity
}
