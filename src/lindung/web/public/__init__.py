"""The public check: pages and JSON for prospective workers and families, no login."""
