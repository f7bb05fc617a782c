"""Loaders and schema checks for the packaged knowledge files under newsevents/data/."""
