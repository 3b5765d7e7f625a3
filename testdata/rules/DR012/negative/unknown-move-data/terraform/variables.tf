variable "snapshot_move_data" {
  description = "Copy CSI snapshot data to the backup storage (Velero 1.12+)."
  type        = bool
}
