resource "null_resource" "n" {
  triggers = { for k, v in { a = 1 } : k > v }
}
