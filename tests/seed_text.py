"""The seed article as plain text, derived from our suara fixture page.

``fixtures/text/suara-seed.txt`` is what a reader gets by copying the page's text: one
line per story paragraph, the in-story "Baca Juga:" link and ad markers where they sit,
then the related/popular/pick/latest boxes as "-"-marked title lists. It is the input of
``scraper clean`` tests; this module rebuilds it from
``fixtures/pages/suara/modern-seed-2025.html`` so the two cannot drift apart
(``test_boilerplate.py::test_seed_text_fixture_is_derived_from_the_suara_page``).
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_TEXT = FIXTURES / "text" / "suara-seed.txt"
SEED_PAGE = FIXTURES / "pages" / "suara" / "modern-seed-2025.html"
#: (box selector, whether each title sits on its own line after a lone "-")
BOXES = ((".detail--related", True), (".detail--popular", False), (".detail--pilihan", True),
         (".detail--terkini", True))


def seed_text_from_page(html: str) -> str:
    tree = LexborHTMLParser(html)
    lines: list[str] = []
    content = tree.css_first(".detail--content")
    assert content is not None
    for node in content.iter():
        classes = node.attributes.get("class") or ""
        if node.tag == "p":
            lines.append(node.text().strip())
        elif "baca-juga" in classes:
            lines.append(" ".join(part.text().strip() for part in node.iter()))
        elif "ads" in classes:
            lines += [p.text().strip() for p in node.css("p")]
    for selector, dash_line in BOXES:
        box = tree.css_first(selector)
        title = box.css_first("h2") if box is not None else None
        assert box is not None and title is not None
        lines.append(title.text().strip())
        for link in box.css("li a"):
            lines += ["-", link.text().strip()] if dash_line else [f"- {link.text().strip()}"]
    return "\n".join(lines) + "\n"
