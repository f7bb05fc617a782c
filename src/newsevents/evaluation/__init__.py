"""Scorers for every gold set we have, and the accuracy gate."""
