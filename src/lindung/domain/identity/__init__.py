"""Identity primitives: NIK, passport MRZ (ICAO 9303 TD3), passport numbers, phones."""
