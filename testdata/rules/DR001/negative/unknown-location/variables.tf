variable "location" {
  description = "Azure region of the platform."
  type        = string
}

variable "backup_location" {
  description = "Region of the Velero backup storage."
  type        = string
}
