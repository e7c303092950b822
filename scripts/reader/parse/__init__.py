"""Parsers: normalised source text to the document model."""
