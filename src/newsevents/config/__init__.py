"""Configuration: paths and the layered default config."""
