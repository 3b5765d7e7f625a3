resource "random_string" "s" {
  a = "x%{ endif }"
}
