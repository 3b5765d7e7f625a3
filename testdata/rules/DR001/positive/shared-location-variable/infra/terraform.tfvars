environment = "prod"
location    = "WestEurope"
