"""``python -m cronlab``."""

from .cli import main

main()
