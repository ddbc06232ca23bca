"""``python -m tui.cli``: the scripting commands, as ``warta COMMAND`` runs them."""

import sys

from tui.cli import main

sys.exit(main())
