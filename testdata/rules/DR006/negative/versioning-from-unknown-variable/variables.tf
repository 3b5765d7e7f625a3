variable "blob_versioning" {
  description = "Enable blob versioning on the backup account."
  type        = bool
}
