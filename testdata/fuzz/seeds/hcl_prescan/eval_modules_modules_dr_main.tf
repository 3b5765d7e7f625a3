variable "location" {}
variable "rg_name" {}
variable "replication" {
  default = "ZRS"
}

module "storage" {
  source      = "../storage"
  location    = var.location
  rg_name     = var.rg_name
  replication = var.replication
}

output "storage_id" {
  value = module.storage.id
}
