"""The catalogue (SQLite beside the index): articles, input files and events."""
