variable "blob_protection" {
  description = "Blob protection settings of the backup account, one entry per account."
  type = list(object({
    versioning       = bool
    soft_delete_days = number
  }))
}
