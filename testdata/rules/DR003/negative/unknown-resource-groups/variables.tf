variable "cluster_resource_group" {
  description = "Resource group of the AKS cluster (created by the landing zone)."
  type        = string
}

variable "backup_resource_group" {
  description = "Resource group of the backup storage (created by the landing zone)."
  type        = string
}
