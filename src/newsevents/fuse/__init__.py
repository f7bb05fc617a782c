"""Cross-article event fusion (``fused_events.jsonl``)."""

from newsevents.fuse.cluster import article_origins, fuse_events, same_event

__all__ = ["article_origins", "fuse_events", "same_event"]
