"""The damage simulator: clean paragraphs re-laid as damaged PDF extractions, with truth."""
