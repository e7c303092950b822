"""The layers of ``scripts/reader`` hold: imports point down, none hides in a function.

The contract is import-linter's (``[tool.importlinter]`` in pyproject.toml): a ``layers``
contract, app at the top and core at the bottom, and an ``acyclic_siblings`` contract
against cycles inside a layer. Import-linter sees an import wherever it is written, but
an import inside a function is how a cycle used to be dodged, so a small AST walk forbids
those outright. Each check is shown failing on a copy of the package with a planted
import, so that neither can pass by checking nothing.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "reader"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def function_level_imports(package: Path) -> list[str]:
    """``path:line`` of every import of a ``reader`` module made inside a function."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if _imports_reader(inner):
                    found.append(f"{path.relative_to(package.parent)}:{inner.lineno}")
    return found


def _imports_reader(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "reader" for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "reader"
    return False


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contracts on the package under ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root / "scripts")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of ``scripts/reader`` under ``tmp_path/scripts`` (``tmp_path`` returned)."""
    shutil.copytree(
        PACKAGE, tmp_path / "scripts" / "reader", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def _plant(module: Path, line: str) -> None:
    """Add a function holding ``line`` at the end of ``module``."""
    text = module.read_text(encoding="utf-8")
    module.write_text(text + f"\n\ndef _planted() -> None:\n    {line}\n", encoding="utf-8")


def test_the_package_keeps_its_contracts() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_import_of_the_package_inside_a_function() -> None:
    assert function_level_imports(PACKAGE) == []


def test_the_benchmark_imports_the_package_at_module_level() -> None:
    """scripts/benchlib is outside the package (and its contracts), but takes the same rule."""
    assert function_level_imports(ROOT / "scripts" / "benchlib") == []


def test_an_upward_import_breaks_the_layers_contract(package_copy: Path) -> None:
    """core importing from app, even inside a function, is reported by name."""
    _plant(package_copy / "scripts/reader/core/model.py", "from reader.app import cli  # noqa")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "reader.core.model -> reader.app.cli" in result.stdout


def test_a_cycle_inside_a_layer_breaks_the_acyclic_contract(package_copy: Path) -> None:
    """emit/inline imports emit/markdown, which imports emit/inline: a cycle in a layer."""
    _plant(package_copy / "scripts/reader/emit/inline.py", "from reader.emit import markdown")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "no import cycles between the modules of any package" in result.stdout
    assert "BROKEN" in result.stdout.split("no import cycles", 1)[1].splitlines()[0]


def test_the_function_level_check_finds_a_planted_import(package_copy: Path) -> None:
    """A downward import is still forbidden inside a function."""
    module = package_copy / "scripts/reader/app/cli.py"
    _plant(module, "from reader.core import model")
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert function_level_imports(package_copy / "scripts/reader") == [f"reader/app/cli.py:{lines}"]
