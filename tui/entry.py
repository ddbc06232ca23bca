"""The ``warta`` console script: scripting subcommands, delegated to the engine's command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from indexer.cli import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``warta``."""
    return cli_main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
