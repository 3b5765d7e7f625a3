variable "availability_zones" {
  description = "Zones of the node pools (empty in regions without zones)."
  type        = list(string)
}
