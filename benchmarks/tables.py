"""How every benchmark prints its figures: one table, figures and the ratios that say how
far each is from its limit or aim side by side, columns aligned, numbers to the right."""

import re

_NUMBER = re.compile(r"^[-+]?[\d,./]+(?:\s*(?:%|ms|s|MB))?$")


def ratio(value: float | None, reference: float | None, digits: int = 2) -> str:
    """`value ÷ reference` as a cell, or a dash when either is missing or zero."""
    if not value or not reference:
        return "-"
    return f"{value / reference:.{digits}f}"


def print_rows(header: list[str], rows: list[list[str]], title: str = "") -> None:
    """The table, under its title: text columns flush left, numeric ones flush right."""
    rows = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = [
        all(_NUMBER.match(row[i]) or row[i] == "-" for row in rows) for i in range(len(header))
    ]
    if title:
        print(title)
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        print("  ".join(cells).rstrip())
