"""``python -m reportparse``: the same as the ``reportparse`` command."""

import sys

from ._cli import main

sys.exit(main())
