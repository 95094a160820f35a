"""``python -m reportparse``: the same as the ``reportparse`` command."""

import sys

from reportparse._cli import main

sys.exit(main())
