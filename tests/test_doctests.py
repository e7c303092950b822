"""The examples in the docstrings of the package's modules are run as tests: a rule's
doctest is its smallest fixture, and must not go stale."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import reader

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(reader.__path__, "reader.")
    if not m.ispkg and not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
