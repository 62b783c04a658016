"""Record linkage: Indonesian name and identity features, Splink models, link runs."""
