"""Admin form measurements: the height of the seminar and case study edit forms and the
accessibility violations axe-core finds on them, on a running server with demo content.

    .venv/bin/python benchmarks/admin_forms.py [--base-url http://127.0.0.1:8000]
        [--email editor@example.com] [--password demo-editor-2026] [--screenshot-dir DIR]

Start the server first (`make run` seeds the demo content and the demo editor) and give
this the same DATABASE_URL, where it finds the pages. It signs in, opens the edit forms
of the first seminar and the first case study and the create forms of both, at 1280 px
wide in Debian's Chromium, and prints, for each, the form's height (the scrollHeight of
the admin's scrolling <main>) and the number of elements failing axe-core's rules (WCAG
2.0 A and AA, 2.1 AA, 2.2 AA), with the rules' ids. With --screenshot-dir it saves a
screenshot of each whole form.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import django

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.tables import print_rows, ratio  # noqa: E402
from tests.support.axe import AXE_TAGS, axe_violations  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
VIEWPORT_HEIGHT = 800  # a laptop's window: the table says how many of them a form fills
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.dev")


def _forms(base_url: str) -> dict[str, str]:
    """The edit form of the first seminar and case study, and the create form of each."""
    django.setup()
    from casestudies.models import CaseStudyPage, SeminarPage

    forms = {}
    for label, model in (("seminar", SeminarPage), ("case study", CaseStudyPage)):
        first = model.objects.order_by("path").first()
        parent = first.get_parent()
        name = model._meta.model_name
        forms[f"{label} edit"] = f"{base_url}/admin/pages/{first.pk}/edit/"
        forms[f"{label} create"] = f"{base_url}/admin/pages/add/casestudies/{name}/{parent.pk}/"
    return forms


def measure(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # Wagtail's admin scrolls its <main>, not the document.
    height = page.evaluate("document.querySelector('main').scrollHeight")
    violations = axe_violations(page)
    return {
        "height": height,
        "violations": sum(len(v["nodes"]) for v in violations),
        "rules": sorted({v["id"] for v in violations}),
        "nodes": [node for v in violations for node in v["nodes"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--email", default="editor@example.com")
    parser.add_argument("--password", default="demo-editor-2026")
    parser.add_argument("--screenshot-dir", type=Path)
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    forms = _forms(base)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": VIEWPORT_HEIGHT})
        page.goto(f"{base}/accounts/login/?next=/admin/")
        page.get_by_label("Email").fill(args.email)
        page.get_by_label("Password").fill(args.password)
        page.locator("main form").get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/admin/")
        results = {}
        for name, url in forms.items():
            results[name] = measure(page, url)
            if args.screenshot_dir:
                args.screenshot_dir.mkdir(parents=True, exist_ok=True)
                target = args.screenshot_dir / f"{name.replace(' ', '-')}.png"
                # The whole form: a window as tall as the scrolling <main>.
                page.set_viewport_size({"width": 1280, "height": results[name]["height"]})
                page.screenshot(path=str(target))
                page.set_viewport_size({"width": 1280, "height": VIEWPORT_HEIGHT})
        browser.close()
    rows = [
        [
            name,
            str(result["height"]),
            ratio(result["height"], VIEWPORT_HEIGHT, 1),
            str(result["violations"]),
            ", ".join(result["rules"]) or "-",
        ]
        for name, result in results.items()
    ]
    header = ["form", "height px", f"screens of {VIEWPORT_HEIGHT} px", "violations", "rules"]
    print_rows(header, rows, f"axe tags: {', '.join(AXE_TAGS)}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
