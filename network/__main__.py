"""``python -m network``: see ``network/cli.py``."""

import sys

from .cli import main

sys.exit(main())
