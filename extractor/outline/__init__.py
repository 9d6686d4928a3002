"""The outline stage: the notice as a tree of blocks (headings, lead-ins, items, tables, signature) whose
context (deadline, strength, background) flows down to the sentences under them."""
from extractor.outline.blocks import Block, Context, Outline, build_outline
from extractor.outline.grid import Grid, GridRow, read_grids

__all__ = ["Block", "Context", "Outline", "Grid", "GridRow", "build_outline", "read_grids"]
