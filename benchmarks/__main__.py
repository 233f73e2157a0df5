"""The benchmarks there are, each with the first line of what it measures:
`python benchmarks` (what `make bench` runs without BENCH=)."""

import ast
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def runnable(tree: ast.Module) -> bool:
    """A script, not a module the scripts share: it ends in `if __name__ == "__main__"`."""
    return any(
        isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) for node in tree.body
    )


def main() -> None:
    rows = []
    for path in sorted(HERE.glob("*.py")):
        tree = ast.parse(path.read_text())
        if path.name != "__main__.py" and runnable(tree):
            docstring = " ".join((ast.get_docstring(tree) or "").split())
            summary = re.split(r"\.(?:\s|$)", docstring)[0]
            rows.append((path.stem, summary))
    width = max(len(name) for name, _summary in rows)
    print("make bench BENCH=<name> [BENCH_ARGS='…'] runs benchmarks/<name>.py:")
    for name, summary in rows:
        print(f"  {name:<{width}}  {summary}")


if __name__ == "__main__":
    main()
