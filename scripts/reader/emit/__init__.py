"""Emitters: the document model to Markdown pages for MkDocs."""
