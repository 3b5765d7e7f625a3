resource "random_string" "s" {
  a = "\q"
}
