backup_replication = "ZRS" # expect-related: DR002
