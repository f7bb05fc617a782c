"""Event coding internals: trigger matching, argument finding and coding (used by stages.events)."""
