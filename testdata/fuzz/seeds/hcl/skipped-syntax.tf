# A comment with { braces } and "quotes"
// another comment
/* block comment } */
resource "random_string" "s" {
  length  = 8
  special = false
  keepers = {
    text = "a ${var.x} b %{ if true }yes%{ else }no%{ endif } }"
    doc  = <<-EOT
      heredoc with } and ${upper("x")}
    EOT
  }
  lifecycle {
    ignore_changes = [keepers["text"], tags.*.a]
  }
}

resource "null_resource" "n" {
  triggers = { for k, v in { a = 1, b = 2 } : k => v * 2 if v > 0 }
  count    = length([1, 2, 3]) > 2 ? 1 : 0
}

data "azurerm_client_config" "current" {}

resource "azurerm_storage_account" "sa" {
  name     = "sa${random_string.s.result}"
  location = "westeurope"
}
