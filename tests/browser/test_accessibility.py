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
from tests.support.browser_pages import open_page, wait_until_drawn
from tests.support.select_box import open_select_box

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
    open_page(page, dashboard_server.base_url, "ueberblick")
    paths = navigation_paths(page)
    assert {"ueberblick", "kreisprofil", "barrierefreiheit"} <= set(paths), paths
    problems: list[str] = []
    for url_path in paths:
        open_page(page, dashboard_server.base_url, url_path)
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
    open_page(page, dashboard_server.base_url, "kreisvergleich")
    _select_first_ranking_bar(page)
    page.get_by_role("link", name=re.compile("^Kreisprofil öffnen: ")).first.wait_for()
    page.get_by_text(labels.KV_PROFILE_LINKS).click()
    page.get_by_text(labels.CHART_TABLE).first.click()
    wait_until_drawn(page)
    problems += blocking(run_axe(page), "kreisvergleich (Kreis gewählt, Listen offen)")

    open_page(page, dashboard_server.base_url, "massnahmenarten")
    open_select_box(page, labels.FILTER_DISTRICT)  # below the money chart, off screen
    page.get_by_role("option").first.wait_for()
    problems += blocking(run_axe(page), "massnahmenarten (Auswahlliste offen)")
    page.keyboard.press("Escape")

    open_page(page, dashboard_server.base_url, "kreisprofil", "?kreis=06611")
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
    open_page(page, dashboard_server.base_url, "ueberblick")
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


TILE_LABELS = """() => {
  const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
  const tiles = [...chart.querySelector('svg g.mark-rect.role-mark').querySelectorAll('path')];
  return [...chart.querySelectorAll('svg g.mark-text.role-mark text')].map((text, i) => {
    const r = text.getBoundingClientRect(), b = tiles[i].getBoundingClientRect();
    return {text: text.textContent, inside: r.left >= b.left - 0.5 && r.right <= b.right + 0.5
            && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5};
  });
}"""


def _clipped_tile_labels(page) -> list[str]:
    """District labels of the Kreisvergleich tile map that reach beyond their tile (each text
    mark is checked against the background tile of the same district: same data, same order)."""
    page.locator('[data-testid="stVegaLiteChart"] svg g.mark-text.role-mark text').first.wait_for()
    labels_ = page.evaluate(TILE_LABELS)
    assert len(labels_) == 26, labels_
    return [label["text"] for label in labels_ if not label["inside"]]


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
            open_page(page, dashboard_server.base_url, url_path)
            target = screenshot_dir / f"reflow_{name}_{url_path}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 5_000
            if overflow := _horizontal_overflow(page):
                problems[url_path] = overflow
            if url_path == "kreisvergleich" and (clipped := _clipped_tile_labels(page)):
                problems["kreisvergleich tile labels cut"] = clipped
        assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    finally:
        context.close()


NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)
FOCUSED = """() => { const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const first = !e.hasAttribute('data-focus-checked');
  e.setAttribute('data-focus-checked', '');
  window.__focusTarget = e;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {first, tag: e.tagName,
          testid: (e.closest('[data-testid]') || {dataset: {}}).dataset.testid || '',
          text: (e.innerText || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
          style: `outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; shadow ${s.boxShadow}`,
          x: r.x, y: r.y, w: r.width, h: r.height,
          vw: document.documentElement.clientWidth, vh: document.documentElement.clientHeight}; }"""
FOCUS_MARGIN = 8  # CSS px around the element: a ring drawn outside it (offset + width) lies within


def _luminance(rgb):
    import numpy as np

    channel = rgb / 255.0
    linear = np.where(channel <= 0.04045, channel / 12.92, ((channel + 0.055) / 1.055) ** 2.4)
    return linear[..., 0] * 0.2126 + linear[..., 1] * 0.7152 + linear[..., 2] * 0.0722


def ring_pixels(focused: bytes, unfocused: bytes) -> int:
    """Pixels whose colour with focus has at least 3:1 contrast against the same pixel without
    focus (the WCAG 2.2 focus-appearance measure; 2.4.7 asks that focus be visible at all)."""
    import io

    import numpy as np
    from PIL import Image

    with_focus, without = (
        _luminance(np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"), dtype=float))
        for shot in (focused, unfocused)
    )
    ratio = (np.maximum(with_focus, without) + 0.05) / (np.minimum(with_focus, without) + 0.05)
    return int((ratio >= 3.0).sum())


def _focus_problems(page, url_path: str, limit: int = 400) -> tuple[int, list[str]]:
    """Tab from the page start to its end; each element the focus reaches for the first time is
    photographed with and without focus (blurred, then focused again to go on). It fails when
    fewer pixels than its perimeter change by 3:1 or more: no ring, or one too faint."""
    page.add_style_tag(content=NO_TRANSITIONS)  # compare settled states, not half a fade
    checked, problems = 0, []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # past the last element
            break
        if not focused["first"]:  # a data table moves the focus from cell to cell
            continue
        left, top = max(0, focused["x"] - FOCUS_MARGIN), max(0, focused["y"] - FOCUS_MARGIN)
        right = min(focused["vw"], focused["x"] + focused["w"] + FOCUS_MARGIN)
        bottom = min(focused["vh"], focused["y"] + focused["h"] + FOCUS_MARGIN)
        where = f"{url_path}: {focused['tag']} {focused['testid']} {focused['text']!r}"
        if right - left < 1 or bottom - top < 1:
            problems.append(f"{where}: focused but not on screen")
            continue
        clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
        with_focus = page.screenshot(clip=clip)
        page.evaluate("() => document.activeElement.blur()")  # a table hands focus to a cell
        without = page.screenshot(clip=clip)
        page.evaluate("() => window.__focusTarget.focus()")
        needed = 2 * (min(focused["w"], right - left) + min(focused["h"], bottom - top))
        found = ring_pixels(with_focus, without)
        checked += 1
        if found < needed:
            problems.append(
                f"{where}: {found} px change by 3:1, need {needed:.0f} ({focused['style']})"
            )
    else:
        pytest.fail(f"{url_path}: the focus did not leave the page in {limit} Tab presses")
    return checked, problems


def test_keyboard_focus_is_visible_on_every_page(browser, dashboard_server) -> None:
    """WCAG 2.4.7: every element Tab reaches on every page shows a focus ring of at least 3:1
    against its unfocused look, around at least its perimeter (navigation, select boxes, chart
    and table toolbars, tables, expanders, downloads, tabs, form fields)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "ueberblick")
        problems, counts = [], {}
        for url_path in navigation_paths(page):
            open_page(page, dashboard_server.base_url, url_path)
            counts[url_path], found = _focus_problems(page, url_path)
            problems += found
        assert all(count >= 10 for count in counts.values()), counts  # the walk did walk
        assert not problems, "focus not visible:\n" + "\n".join(problems)
    finally:
        context.close()
