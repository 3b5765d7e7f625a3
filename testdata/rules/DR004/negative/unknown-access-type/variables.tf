variable "container_access_type" {
  description = "Access type of the Velero container."
  type        = string
}
