# drlint:ignore DR040 -- weekly backups accepted for this dev cluster
resource "azurerm_kubernetes_cluster" "dev" {
  name     = "dev"
  location = "westeurope" // drlint:ignore DR042 -- dev cluster, no DR needed
}

// drlint:ignore DR043,DR020 -- legacy selector, removed in Q3
resource "velero_schedule" "x" {
  description = "not a comment: # drlint:ignore DR041 -- inside a string"
  script      = <<EOT
# drlint:ignore DR041 -- inside a heredoc
EOT
  selector    = "${var.prefix}-#drlint:ignore DR041"
}

#drlint:ignore DR044
resource "azurerm_storage_account" "backups" {}

/* drlint:ignore DR041 -- block comments are not suppressions */
