"""Cleaning: page boilerplate out of a record's text; its title, date, source and URL kept."""
