"""Pure domain logic: no I/O beyond reading shipped package data."""
