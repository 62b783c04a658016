"""Synthetic demo data and demo logins."""
