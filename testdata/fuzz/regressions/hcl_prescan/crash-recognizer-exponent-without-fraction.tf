resource "random_string" "s" {
  length = 4 % 1e3
}
