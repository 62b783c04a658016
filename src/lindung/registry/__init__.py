"""The registry services: placements through their lifecycle, checked against the
rules in force (:mod:`lindung.registry.lifecycle`)."""
