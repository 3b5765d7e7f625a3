b = "auto-a-b"
