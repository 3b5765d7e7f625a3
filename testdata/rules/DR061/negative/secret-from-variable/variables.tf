variable "velero_client_secret" {
  description = "Client secret of the Velero service principal (from the pipeline's Key Vault)."
  type        = string
  sensitive   = true
}
