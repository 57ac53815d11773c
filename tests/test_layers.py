"""The architecture as a test: the packages of ``src/readiness`` are layers, and no import runs up
a layer or forms a circle (the README's "Repository layout" explains each layer)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from readiness.paths import REPO_ROOT

SOURCE = REPO_ROOT / "src"
# From the bottom up. A module may import its own layer and the layers below it.
LAYERS = (
    ("readiness.paths", "readiness.i18n", "readiness.escape", "readiness.number_formats"),
    ("readiness.model",),
    ("readiness.analysis",),
    ("readiness.ingest",),
    ("readiness.store",),
    ("readiness.charts",),
    ("readiness.present",),
    ("readiness.files",),
    ("readiness.views",),
    ("readiness.ui", "readiness.auth", "readiness.cache", "readiness.messages", "readiness"),
)
LAZY = {"Limits", "LoadResult", "load_untrusted", "load_workbook"}  # readiness/__init__ hands on


def _name(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE).with_suffix("").parts).removesuffix(".__init__")


MODULES = {_name(path): path for path in sorted((SOURCE / "readiness").rglob("*.py"))}


def _layer(module: str) -> int:
    """The layer of the longest prefix that holds ``module``."""
    holding = [
        (len(prefix), rank)
        for rank, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    assert holding, f"{module} is in no layer: add its package to LAYERS"
    return max(holding)[1]


def _imports(module: str) -> set[str]:
    """The readiness modules ``module`` imports (at its top or inside a function)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("readiness")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("readiness"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                if child in MODULES:
                    found.add(child)
                elif node.module == "readiness" and alias.name in LAZY:
                    found.add("readiness.ingest")
                else:
                    found.add(node.module)
    return {m for m in found if m != module}


GRAPH = {module: _imports(module) for module in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_runs_up_a_layer(module):
    upward = [m for m in sorted(GRAPH[module]) if _layer(m) > _layer(module)]
    assert not upward, f"{module} (layer {_layer(module)}) imports {upward} from above it"


def test_no_imports_form_a_circle():
    done, path = set(), []

    def visit(module: str) -> None:
        if module in path:
            circle = [*path[path.index(module) :], module]
            pytest.fail("imports in a circle: " + " -> ".join(circle))
        if module in done or module not in GRAPH:
            return
        path.append(module)
        for imported in sorted(GRAPH[module]):
            # a package's __init__ handing on its own modules is not a circle
            if not imported.startswith(module + "."):
                visit(imported)
        path.pop()
        done.add(module)

    for module in sorted(GRAPH):
        visit(module)


def test_only_the_top_layer_imports_streamlit():
    for module, path in MODULES.items():
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        if _layer(module) < len(LAYERS) - 1:
            assert "streamlit" not in imported, module


def test_importing_a_core_module_does_not_load_the_reader():
    import subprocess
    import sys

    code = "import sys, readiness.model.schema, readiness.analysis.measures; "
    code += "print('readiness.ingest' in sys.modules)"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


PAGES = sorted((REPO_ROOT / "pages").glob("*.py"))
PAGE_LINES = 80  # a page reads its widgets, calls its view and draws what the view returns


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_a_page_is_short(page):
    lines = len(page.read_text().splitlines())
    assert lines <= PAGE_LINES, f"{page.name} has {lines} lines: move its logic into its view"


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_a_page_works_out_nothing_from_the_frames(page):
    """The year and village lists a page offers come ready from its view."""
    text = page.read_text()
    for sign in (".observations[", ".villages[", ".unique(", "sorted("):
        assert sign not in text, f"{page.name} works out {sign!r}: its view should"
