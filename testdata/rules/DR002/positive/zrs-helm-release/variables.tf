variable "backup_replication" {
  description = "Replication of the Velero backup storage account."
  type        = string
  default     = "LRS"
}
