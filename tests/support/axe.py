"""axe-core in a Playwright page: the accessibility rules the admin forms are held to.

The engine's script comes with the axe-playwright-python package (a dev dependency), so
nothing is fetched at test time; only its axe.min.js is used.
"""

from importlib.resources import files

# WCAG 2.0 A and AA, 2.1 AA and 2.2 AA: the level the site promises.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21aa", "wcag22aa")


def axe_script() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe on the page as it stands; each violation with its rule id and nodes."""
    # Evaluated through the browser's debugging protocol, so the site's Content Security
    # Policy does not block it as it would an inline script.
    page.evaluate(axe_script())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(results => results.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))})))",
        list(AXE_TAGS),
    )
