"""Helpers of ``scripts/bench.py``, the performance benchmark (``make bench``).

- :mod:`benchlib.clock`    wall and CPU clocks, medians, the stage timer around generate()
- :mod:`benchlib.corpus`   temporary projects and synthetic corpora (×10, ×100 texts)
- :mod:`benchlib.pipeline` section 1: the full pipeline against a plain mkdocs build
- :mod:`benchlib.scaling`  section 2: ×10 and ×100 corpora
- :mod:`benchlib.isolated` a whole build in a fresh process, as a user's command runs it
- :mod:`benchlib.terms`    section 3: the glossary pass with 1,000 entries
- :mod:`benchlib.rebuild`  section 4: an incremental rebuild as `reader serve` does it
- :mod:`benchlib.weight`   section 5: page weight and search index size
- :mod:`benchlib.lighthouse` section 6: Lighthouse scores of the served site
- :mod:`benchlib.report`   the report, the targets and BENCHMARKS.md
"""
