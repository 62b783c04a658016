"""The registry's services: workers, their records, placements and the lifecycle."""
