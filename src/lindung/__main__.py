"""``python -m lindung`` runs the command line."""

from lindung.cli import main

main()
