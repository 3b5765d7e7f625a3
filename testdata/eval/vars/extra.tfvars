c = "varfile-c"
