"""The `kith` command line: a thin skin over the Kith facade."""
