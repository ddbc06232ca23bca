"""The terminal interface of Warta and the ``warta`` entry point."""
