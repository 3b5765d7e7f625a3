resource "random_string" "s" {
  keepers = { text = "%{ if true }yes%%{ endif }" }
}
