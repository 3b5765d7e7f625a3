variable "vault_redundancy" {
  description = "Redundancy of the backup vault (per environment)."
  type        = string
}

variable "cross_region_restore" {
  description = "Whether cross-region restore is enabled (per environment)."
  type        = bool
}

variable "retention_store" {
  description = "Data store of the long-term retention rule."
  type        = string
}
