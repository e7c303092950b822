"""The layers of ``scripts/reader`` hold: imports point down, none hides in a function.

The contract is import-linter's (``[tool.importlinter]`` in pyproject.toml): a ``layers``
contract, app at the top and core at the bottom, and an ``acyclic_siblings`` contract
against cycles inside a layer. Import-linter sees an import wherever it is written, but
an import inside a function is how a cycle used to be dodged, so a small AST walk forbids
those outright, and with them a module imported by name at run time
(``importlib.import_module``, ``__import__``), which import-linter cannot see at all.

One such call is allowed, by name: :func:`reader.app.cli.command`, the command line's
registry of command modules (pip's pattern). It is not a dodge of a cycle: the registry
names modules of the top layer, which import at module level under the contracts like
any other, and it lets a command import only what it uses (``reader site`` warm does
not import the editor's tools). Each check is shown failing on a copy of the package with a planted
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


#: ``path:function`` of the one function allowed to import by name (the CLI's registry).
DISPATCH = "reader/app/cli.py:command"


def function_level_imports(package: Path, by_name: bool = True) -> list[str]:
    """``path:line`` of every import of a ``reader`` module made inside a function, and
    (``by_name``) of every import by name at run time outside :data:`DISPATCH`."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(package.parent)
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            allowed = f"{where}:{node.name}" == DISPATCH
            for inner in ast.walk(node):
                if _imports_reader(inner) or (by_name and not allowed and _imports_by_name(inner)):
                    found.append(f"{where}:{inner.lineno}")
    return found


def _imports_by_name(node: ast.AST) -> bool:
    """``importlib.import_module(…)`` or ``__import__(…)``."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr == "import_module"
    return isinstance(func, ast.Name) and func.id in {"import_module", "__import__"}


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
    """scripts/benchlib is outside the package (and its contracts), but takes the same rule;
    its stage timer looks up by name the modules it patches, which are already imported."""
    assert function_level_imports(ROOT / "scripts" / "benchlib", by_name=False) == []


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


def test_the_dispatch_point_is_the_one_import_by_name() -> None:
    """The allowance names a function that exists and imports by name, so it is used."""
    tree = ast.parse((PACKAGE.parent / DISPATCH.split(":")[0]).read_text(encoding="utf-8"))
    dispatch = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == DISPATCH.split(":")[1]
    ]
    assert dispatch and any(_imports_by_name(inner) for inner in ast.walk(dispatch[0]))


@pytest.mark.parametrize(
    "line", ["importlib.import_module('reader.core.model')", "__import__('reader.core.model')"]
)
def test_an_import_by_name_elsewhere_is_found(package_copy: Path, line: str) -> None:
    """Outside the CLI's dispatch point, an import by name in a function is forbidden."""
    module = package_copy / "scripts/reader/app/cli.py"
    _plant(module, line)
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert function_level_imports(package_copy / "scripts/reader") == [f"reader/app/cli.py:{lines}"]


def test_the_function_level_check_finds_a_planted_import(package_copy: Path) -> None:
    """A downward import is still forbidden inside a function."""
    module = package_copy / "scripts/reader/app/cli.py"
    _plant(module, "from reader.core import model")
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert function_level_imports(package_copy / "scripts/reader") == [f"reader/app/cli.py:{lines}"]
