"""The layering rules: domain code (reader/, db/) never imports Qt or the ui package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_ROOTS = ("PySide6", "ui", "shiboken6")


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_domain_sources_do_not_import_qt_or_ui() -> None:
    offenders = []
    for package in ("reader", "db"):
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            for name in _imported_modules(path):
                if name.split(".")[0] in FORBIDDEN_ROOTS:
                    offenders.append(f"{path.relative_to(REPO_ROOT)} imports {name}")
    assert offenders == []


def test_importing_every_domain_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        for package in ("reader", "db")
        for path in (REPO_ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )
    modules = [name.removesuffix(".__init__") for name in modules]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"roots = {FORBIDDEN_ROOTS!r}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in roots)\n"
        "print(','.join(bad))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""


def test_the_walker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtWidgets import QLabel\nimport ui.app\n", encoding="utf-8")
    assert _imported_modules(sample) == ["PySide6.QtWidgets", "ui.app"]
