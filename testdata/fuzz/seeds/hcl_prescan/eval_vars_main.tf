variable "a" {
  default = "default-a"
}
variable "b" {
  default = "default-b"
}
variable "c" {
  default = "default-c"
}
variable "n" {
  type    = number
  default = 1
}
variable "s" {
  type    = string
  default = "x"
}
variable "unset" {}

resource "azurerm_resource_group" "x" {
  name     = "rg-${var.unset}"
  location = var.unset
  tags = {
    a = var.a
    b = var.b
    c = var.c
    n = var.n
    s = var.s
  }
}
