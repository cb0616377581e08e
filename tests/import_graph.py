"""Kring's apps as an import graph: which app imports which, pairs that import each other, cycles,
and imports of Kring modules placed inside functions.

Run it with ``make import-graph`` or ``python -m tests.import_graph`` (``--edges`` lists every
app→app edge, ``--local`` every function-local import). The graph is read with grimp, the library
under import-linter (``lint-imports`` checks the layer contracts in pyproject.toml); the
function-local imports are found by walking each module's syntax tree.
``tests/test_import_graph.py`` holds the figures to what docs/architecture.md promises."""

import argparse
import ast
import re
from dataclasses import dataclass
from pathlib import Path

import grimp

PACKAGE = "kring"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


def app_of(module: str) -> str | None:
    """``kring.assets.services`` → ``assets``; modules outside an app (settings, urls) → None.
    An app is a package with an ``apps.py`` (its AppConfig): ``kring.settings`` is a package
    too, but no app."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != PACKAGE:
        return None
    app = parts[1]
    return app if (ROOT / app / "apps.py").exists() else None


@dataclass(frozen=True)
class LocalImport:
    path: str
    line: int
    target: str
    function: str = ""  # the innermost function holding the import
    comment: str = ""  # the comment that explains it: on its line, or just above its block


@dataclass
class Figures:
    apps: list[str]
    edges: dict[str, set[str]]
    two_way: list[tuple[str, str]]
    cycles: list[list[str]]
    local_imports: list[LocalImport]

    @property
    def edge_count(self) -> int:
        return sum(len(targets) for targets in self.edges.values())


def app_edges() -> dict[str, set[str]]:
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        source = app_of(module)
        if source is None:
            continue
        edges.setdefault(source, set())
        for imported in graph.find_modules_directly_imported_by(module):
            target = app_of(imported)
            if target is not None and target != source:
                edges[source].add(target)
    return edges


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm; returns the components of more than one app (the cycles)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(components)


def _is_kring_import(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        if node.level:
            return ["." * node.level + (node.module or "")]
        module = node.module or ""
        return [module] if module == PACKAGE or module.startswith(PACKAGE + ".") else []
    return [
        alias.name
        for alias in node.names
        if alias.name == PACKAGE or alias.name.startswith(PACKAGE + ".")
    ]


def _explaining_comment(lines: list[str], line: int, import_lines: set[int]) -> str:
    """The comment on the import's own line, or the comment lines directly above the block of
    imports it stands in (other imports and blank lines between them are skipped)."""
    own = lines[line - 1]
    if "#" in own:
        # A linter's "noqa" explains nothing by itself.
        text = re.sub(
            r"^noqa(:\s*[A-Z]+[0-9]+(,\s*[A-Z]+[0-9]+)*)?", "", own.split("#", 1)[1].strip()
        )
        if text.strip(" -"):
            return text.strip(" -")
    above: list[str] = []
    number = line - 1
    while number >= 1:
        text = lines[number - 1].strip()
        if text.startswith("#"):
            above.insert(0, text.lstrip("#").strip())
        elif above or (number not in import_lines and text):
            break
        number -= 1
    return " ".join(above)


def function_local_imports() -> list[LocalImport]:
    found = set()
    for path in sorted(ROOT.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source, filename=str(path))
        # Each import once, named after the innermost function around it (a function inside a
        # function is walked again as its own).
        innermost: dict[ast.AST, ast.AST] = {}
        import_lines: set[int] = set()
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if node is not function and isinstance(node, ast.Import | ast.ImportFrom):
                    if node not in innermost or function.lineno > innermost[node].lineno:
                        innermost[node] = function
                    import_lines.update(range(node.lineno, node.end_lineno + 1))
        for node, function in innermost.items():
            for target in _is_kring_import(node):
                found.add(
                    LocalImport(
                        str(path.relative_to(ROOT.parent)),
                        node.lineno,
                        target,
                        function.name,
                        _explaining_comment(lines, node.lineno, import_lines),
                    )
                )
    return sorted(found, key=lambda item: (item.path, item.line, item.target))


def unexplained(local_imports) -> list[str]:
    """Function-local imports without a reason: in ``AppConfig.ready`` (models are loaded only
    then) and in migrations (today's code imported only when the step runs) any comment says
    why; anywhere else the comment must say "why:"."""
    found = []
    for item in local_imports:
        django_needs_it = (
            item.path.endswith("/apps.py") and item.function == "ready"
        ) or "/migrations/" in item.path
        if (django_needs_it and item.comment) or "why:" in item.comment.lower():
            continue
        found.append(f"{item.path}:{item.line} {item.target} ({item.function})")
    return found


def measure() -> Figures:
    edges = app_edges()
    apps = sorted(edges)
    two_way = sorted((a, b) for a in apps for b in edges[a] if a < b and a in edges.get(b, set()))
    return Figures(apps, edges, two_way, strongly_connected(edges), function_local_imports())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", action="store_true", help="list every app→app edge")
    parser.add_argument("--local", action="store_true", help="list every function-local import")
    args = parser.parse_args(argv)
    figures = measure()
    print(f"apps:                   {len(figures.apps)}")
    print(f"app→app edges:          {figures.edge_count}")
    print(f"two-way pairs:          {len(figures.two_way)}")
    for a, b in figures.two_way:
        print(f"    {a} ↔ {b}")
    print(f"cycles (components):    {len(figures.cycles)}")
    for component in figures.cycles:
        print(f"    {len(component)} apps: {' '.join(component)}")
    print(f"function-local imports: {len(figures.local_imports)}")
    print(f"  without a reason:     {len(unexplained(figures.local_imports))}")
    if args.edges:
        for app in figures.apps:
            print(f"  {app} -> {' '.join(sorted(figures.edges[app]))}")
    if args.local:
        for item in figures.local_imports:
            print(f"  {item.path}:{item.line}  {item.target}  ({item.function})")


if __name__ == "__main__":
    main()
