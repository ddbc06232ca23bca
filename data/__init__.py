"""Warta's shipped data, installed as the package ``indexer.data``: read it through :mod:`indexer.resources`.

``knowledge/`` holds the name tables, ``models/`` the trained tagger and word clusters, ``samples/`` the
sample articles the browser offers on a first run.
"""
