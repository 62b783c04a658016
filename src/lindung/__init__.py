"""Lindung: the shared data platform for the protection of Indonesian migrant workers."""

__version__ = "0.1.0"
