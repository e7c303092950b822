"""Helpers of ``scripts/bench.py``, the performance benchmark (``make bench``).

- :mod:`benchlib.clock`    wall and CPU clocks, medians, the stage timer around generate()
- :mod:`benchlib.corpus`   temporary projects and synthetic corpora (×10, ×100 texts)
- :mod:`benchlib.pipeline` sections 1–4: full build, scaling, glossary, incremental rebuild
- :mod:`benchlib.weight`   section 5: page weight and search index size
- :mod:`benchlib.lighthouse` section 6: Lighthouse scores of the served site
- :mod:`benchlib.report`   the report, the targets and BENCHMARKS.md
"""
