"""Text repair and cleaning with an offset map back to the raw text."""
