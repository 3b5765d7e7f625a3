variable "backup_replication" {
  description = "Replication of the Velero backup storage account (set per environment)."
  type        = string
}
