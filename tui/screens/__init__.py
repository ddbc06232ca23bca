"""The screens of the browser: first run, main, help."""
