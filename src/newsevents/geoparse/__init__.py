"""Geoparsing: toponym recognition, resolution and event-place choice for the places stage."""
