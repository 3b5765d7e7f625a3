env         = "prod"
replication = "GRS"
