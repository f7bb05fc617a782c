"""HTML pages: main text, title, date and outlet; pages with no main text fail clearly."""

from __future__ import annotations

from pathlib import Path

from newsevents.errors import MalformedInputError
from newsevents.ingest import IngestFailure, read_inputs
from newsevents.ingest.html import fragment_to_text
from newsevents.model import Article

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Strike ends | Gazette</title>
<meta property="og:site_name" content="The Gazette"><meta name="date" content="2023-06-01">
</head><body><nav>Home | Sport</nav><article><h1>Strike ends</h1>
<p>Rail workers ended a week-long strike on Wednesday after the company agreed to raise wages,
the union said. Trains will run normally from Thursday, the caf\u00e9 owners near the station said.</p>
<p>The transport minister welcomed the agreement and thanked both sides for their patience.</p>
</article><footer>Gazette footer</footer></body></html>"""


def test_page_gives_text_title_date_outlet(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert "Rail workers ended a week-long strike" in article.text
    assert "Home | Sport" not in article.text and "Gazette footer" not in article.text
    assert article.title == "Strike ends"
    assert article.provenance.outlet == "The Gazette"
    assert article.provenance.published == "2023-06-01"
    assert article.article_id.startswith("sha1:")


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format(charset="windows-1252").encode("cp1252"))
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert "caf\u00e9" in article.text
    assert article.problems == ()


def test_latin1_declared_as_utf8_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset="utf-8").encode("latin-1"))
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert "caf\u00e9" in article.text
    assert "declared as utf-8" in article.problems[0].message


def test_page_without_main_text_is_malformed_and_others_still_read(tmp_path: Path) -> None:
    (tmp_path / "a-empty.html").write_text("<html><body><div><span></span></div>", encoding="utf-8")
    (tmp_path / "b-good.html").write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    [failure] = [i for i in items if isinstance(i, IngestFailure)]
    assert isinstance(failure.error, MalformedInputError)
    assert "a-empty.html" in failure.message and "no main text" in failure.message
    assert sum(isinstance(i, Article) for i in items) == 1


def test_fragment_to_text_keeps_blocks_apart() -> None:
    text = fragment_to_text("<p>One.</p><p>Two <b>bold</b>.</p><script>x()</script>")
    assert "One.\n" in text and "Two bold." in text and "x()" not in text


def test_navigation_only_page_is_not_an_article(tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text(
        "<html><head><title>Only a title</title></head>"
        "<body><nav>Home | About</nav></body></html>",
        encoding="utf-8",
    )
    (failure,) = list(read_inputs([page]))
    assert isinstance(failure, IngestFailure)
    assert "no main text" in str(failure.error)
    assert "nav.html" in str(failure.error)
