"""Quality gates over the built site: links, HTML validity and accessibility.

Each checker takes what it checks (a site directory, or a browser page for
:mod:`reader.checks.quality.axe`) and returns :class:`reader.core.diagnostics.Diagnostic` findings,
so the command line and the tests report them the same way (``file:line: CODE …``).

- :func:`reader.checks.quality.links.check_links` — internal links, fragments, and any resource
  fetched from another host (the site must make zero requests elsewhere).
- :func:`reader.checks.quality.html.check_html` — the Nu HTML Checker (npm's vnu-jar), with a
  commented allow-list of theme-owned exceptions.
- :func:`reader.checks.quality.axe.inject_axe` — axe-core in a Playwright page; serious and
  critical violations are the ones that fail the gate.
"""
