"""``python -m cj`` entry point."""
import sys

from cj.cli import main

sys.exit(main())
