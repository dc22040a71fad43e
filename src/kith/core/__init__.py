"""Kith's domain logic: plain Python over plain data, no I/O; `now` is always passed in."""
