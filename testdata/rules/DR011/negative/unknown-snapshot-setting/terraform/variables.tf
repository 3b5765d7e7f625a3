variable "snapshot_volumes" {
  description = "Whether Velero snapshots volumes (set per environment)."
  type        = bool
}
