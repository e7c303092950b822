"""Soft Power Reader: turns original texts into an annotated, citable MkDocs edition."""
