resource "random_pet" "p" { length = 2 }
resource "time_sleep" "t" { create_duration = "30s" }
variable "v" { type = map(object({ a = string, b = optional(number, 1) })) }
resource "random_id" "i" {
  byte_length = 8
  keepers     = { a = -1.5e3, b = !true, c = null, d = [for x in [1] : x...] }
}
