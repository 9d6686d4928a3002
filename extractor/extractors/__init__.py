"""Extractors, one per kind of mention, and the obligation assembly that combines them."""
