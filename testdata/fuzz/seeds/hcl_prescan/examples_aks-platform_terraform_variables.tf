variable "environment" {
  description = "Short environment name used in resource names."
  type        = string
}

variable "location" {
  description = "Azure region of the platform."
  type        = string
  default     = "westeurope"
}

locals {
  tags = {
    environment = var.environment
    owner       = "platform-team"
  }
}
