"""Run pumpplan as ``python -m pumpplan``."""

from pumpplan.cli import main

main()
