"""Barrierefreiheit (BITV 2.0 / WCAG 2.1 AA) checked in headless Chromium on the served dashboard.

axe-core (npm, installed by scripts/setup.sh) runs the WCAG 2.0/2.1 A and AA rules on every page
of the sidebar navigation (pages added later are checked without naming them here) and on the
main interactive states; a serious or critical violation fails the test, listed with its element.
Further: the page language, a keyboard-only walk to a Kreisprofil and a download, and reflow at
320 CSS px and at 200 % zoom with screenshots.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dashboards import labels
from pipelines.config import PROJECT_ROOT

pytestmark = pytest.mark.browser

AXE_SCRIPT = PROJECT_ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
RUN_AXE = """async ([context, tags]) => {
  const result = await axe.run(context ? document.querySelector(context) : document,
                               {runOnly: {type: 'tag', values: tags}});
  return {
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                summary: (n.failureSummary || '').slice(0, 300)}))})),
    passes: result.passes.map(p => p.id),
  };
}"""


def wait_until_drawn(page) -> None:
    """The script has finished and every element is drawn (Streamlit shows skeletons while the
    frontend loads an element's code; on a busy machine that takes seconds)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=180_000
    )
    page.wait_for_load_state("networkidle")


def open_page(page, server, url_path: str, query: str = "") -> None:
    page.goto(f"{server.base_url}/{url_path}{query}")
    page.locator("h1").first.wait_for()
    wait_until_drawn(page)


def run_axe(page, context: str | None = None) -> dict:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page (or the element ``context``)."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run 'bash scripts/setup.sh --with-browser'")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(RUN_AXE, [context, WCAG_TAGS])


def blocking(result: dict, where: str) -> list[str]:
    """One line per serious or critical violation and element: rule, impact, element, why."""
    return [
        f"{where}: {violation['id']} ({violation['impact']}, {violation['help']}) at "
        f"{node['target']}: {node['html']} | {node['summary']}"
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


HEADING_LEVELS = """() => [...document.querySelectorAll(
  '[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')].map(h => Number(h.tagName[1]))"""


def heading_problems(levels: list[int]) -> list[str]:
    """One h1 first, and no level skipped on the way down (h1 -> h3 hides a section level)."""
    problems = [] if levels[:1] == [1] and levels.count(1) == 1 else [f"h1s: {levels}"]
    return problems + [
        f"h{above} followed by h{below}"
        for above, below in zip(levels, levels[1:], strict=False)
        if below > above + 1
    ]


def navigation_paths(page) -> list[str]:
    """The url paths of every page in the sidebar navigation, in its order."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    links.first.wait_for()
    paths = [re.sub(r"^.*/", "", link.get_attribute("href").split("?")[0]) for link in links.all()]
    return [path for path in paths if path]


def test_axe_finds_no_serious_violation_on_any_page(page, dashboard_server) -> None:
    open_page(page, dashboard_server, "ueberblick")
    paths = navigation_paths(page)
    assert {"ueberblick", "kreisprofil", "barrierefreiheit"} <= set(paths), paths
    problems: list[str] = []
    for url_path in paths:
        open_page(page, dashboard_server, url_path)
        result = run_axe(page)
        problems += blocking(result, url_path)
        problems += [
            f"{url_path}: headings out of order: {problem}"
            for problem in heading_problems(page.evaluate(HEADING_LEVELS))
        ]
        # the page is German: <html lang="de">, and axe's language rules ran and passed
        assert page.evaluate("document.documentElement.lang") == "de", url_path
        assert {"html-has-lang", "html-lang-valid"} <= set(result["passes"]), url_path
        # every page links to the accessibility statement
        statement = page.locator("a", has_text=labels.A11Y_LINK)
        assert statement.count() >= 1, f"{url_path}: no link to {labels.A11Y_LINK!r}"
    assert not problems, "axe-core: serious/critical WCAG 2.1 A/AA violations:\n" + "\n".join(
        problems
    )


def _select_first_ranking_bar(page) -> None:
    chart = page.locator('[data-testid="stVegaLiteChart"]').nth(1)
    chart.locator("svg").first.wait_for()
    chart.locator('[aria-label^="Kreis: "]').first.click()
    wait_until_drawn(page)


def test_axe_finds_no_serious_violation_in_interactive_states(page, dashboard_server) -> None:
    """A district chosen by click, its drill-down link and the profile list open, a chart's data
    table open, a select box's option list open, a download button focused with its hint."""
    problems: list[str] = []
    open_page(page, dashboard_server, "kreisvergleich")
    _select_first_ranking_bar(page)
    page.get_by_role("link", name=re.compile("^Kreisprofil öffnen: ")).first.wait_for()
    page.get_by_text(labels.KV_PROFILE_LINKS).click()
    page.get_by_text(labels.CHART_TABLE).first.click()
    wait_until_drawn(page)
    problems += blocking(run_axe(page), "kreisvergleich (Kreis gewählt, Listen offen)")

    open_page(page, dashboard_server, "massnahmenarten")
    page.get_by_role("combobox", name=labels.FILTER_DISTRICT, exact=True).click()
    page.get_by_role("option").first.wait_for()
    problems += blocking(run_axe(page), "massnahmenarten (Auswahlliste offen)")
    page.keyboard.press("Escape")

    open_page(page, dashboard_server, "kreisprofil", "?kreis=06611")
    download = page.get_by_role("button", name=labels.DOWNLOAD_CSV).first
    download.focus()
    download.hover()
    page.get_by_role("tooltip").first.wait_for()
    problems += blocking(run_axe(page), "kreisprofil (Download mit Hinweis)")
    assert not problems, "axe-core: serious/critical WCAG 2.1 A/AA violations:\n" + "\n".join(
        problems
    )


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
                           href: e.getAttribute('href') || ''}; }"""
    )


def _tab_to(page, matches, limit: int = 120) -> dict:
    """Press Tab until the focused element satisfies ``matches``; fail after ``limit`` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if matches(focused):
            return focused
        seen.append(focused["text"][:40] or focused["tag"])
    pytest.fail(f"not reached by Tab in {limit} steps; focus went through: {seen}")


def test_keyboard_alone_reaches_a_profile_and_a_download(page, dashboard_server, tmp_path) -> None:
    """Tab and Enter only, from the start of Überblick: Kreisvergleich in the navigation, the
    list of profile links, one district's Kreisprofil, then its CSV download."""
    open_page(page, dashboard_server, "ueberblick")
    page.locator("body").focus()
    _tab_to(page, lambda f: f["tag"] == "A" and f["href"].endswith("/kreisvergleich"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=labels.PAGE_TITLES["kreisvergleich"], level=1).wait_for()
    wait_until_drawn(page)
    _tab_to(page, lambda f: f["text"].endswith(labels.KV_PROFILE_LINKS))
    page.keyboard.press("Enter")
    target = _tab_to(page, lambda f: f["tag"] == "A" and "kreis=06611" in f["href"])
    assert "Stadt Kassel" in target["text"]
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=labels.PAGE_TITLES["kreisprofil"], level=1).wait_for()
    wait_until_drawn(page)
    assert "kreis=06611" in page.url
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].endswith(labels.DOWNLOAD_CSV))
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.name.startswith("aqb_kreisprofil_06611_")
    assert "Stadt Kassel" in saved.read_bytes().decode("utf-8-sig")


def _horizontal_overflow(page) -> list[str]:
    """Headings, text and controls whose right edge lies beyond the viewport (content lost
    sideways); tables and charts may scroll inside their own box (WCAG 1.4.10 exception)."""
    return page.evaluate(
        """() => {
      const width = document.documentElement.clientWidth;
      const found = [];
      for (const e of document.querySelectorAll(
          '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3, '
          + '[data-testid="stMain"] p, [data-testid="stMain"] button, '
          + '[data-testid="stMain"] [role="combobox"], [data-testid="stMain"] summary')) {
        const box = e.getBoundingClientRect();
        if (e.closest('table')) continue;  // a data table scrolls in its own box
        if (box.width > 0 && box.right > width + 1) found.push(e.tagName + ': ' + e.innerText.slice(0, 60));
      }
      if (document.documentElement.scrollWidth > width + 1) found.push('page scrolls sideways');
      return found;
    }"""
    )


@pytest.mark.parametrize(
    ("name", "viewport", "scale"),
    [("320px", {"width": 320, "height": 640}, 1), ("zoom200", {"width": 640, "height": 450}, 2)],
)
def test_reflow_at_320_px_and_200_percent_zoom(
    browser, dashboard_server, screenshot_dir: Path, name, viewport, scale
) -> None:
    """320 CSS px (WCAG 1.4.10) and a 1280 px window at 200 % zoom (1.4.4: 640 CSS px at device
    scale 2): nothing is cut off sideways on the pages with the widest content."""
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        problems = {}
        for url_path in ("ueberblick", "kreisvergleich", "kreisprofil", "barrierefreiheit"):
            open_page(page, dashboard_server, url_path)
            target = screenshot_dir / f"reflow_{name}_{url_path}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 5_000
            if overflow := _horizontal_overflow(page):
                problems[url_path] = overflow
        assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    finally:
        context.close()
