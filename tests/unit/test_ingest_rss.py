"""RSS/Atom feed files: one article per item; malformed feeds keep the items before the damage."""

from __future__ import annotations

from pathlib import Path

from newsevents.errors import EmptyInputError, MalformedInputError
from newsevents.ingest import IngestFailure, read_inputs
from newsevents.model import Article

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>First</title><link>https://w.example/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Troops withdrew from the town.&lt;/p&gt;&lt;p&gt;Residents returned.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://w.example/2</link><description>Talks resumed in Oslo on Friday.</description></item>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><entry><title>Only</title><link href="https://a.example/1"/>
<updated>2024-02-01T08:00:00Z</updated><content type="html">&lt;p&gt;Floods closed the main road.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_items(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS + "</channel></rss>", encoding="utf-8")
    items = list(read_inputs([path]))
    assert all(isinstance(i, Article) for i in items)
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Troops withdrew from the town.\nResidents returned."
    assert first.title == "First" and first.provenance.outlet == "Test Wire"
    assert first.provenance.published == "2024-03-05"
    assert first.provenance.url == "https://w.example/1"
    assert second.provenance.source_record == "item 2"


def test_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == "Floods closed the main road."
    assert article.provenance.published == "2024-02-01"


def test_truncated_feed_keeps_good_items_and_names_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(RSS + "<item><title>Third</title><description>Cut mid-wor", encoding="utf-8")
    items = list(read_inputs([path]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert [a.title for a in articles][:2] == ["First", "Second"]
    malformed = [f for f in failures if isinstance(f.error, MalformedInputError)]
    assert len(malformed) == 1
    assert str(path) in malformed[0].message and "not well-formed" in malformed[0].message


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "junk.xml"
    path.write_text("this is not xml at all", encoding="utf-8")
    [failure] = read_inputs([path])
    assert isinstance(failure, IngestFailure)
    assert isinstance(failure.error, MalformedInputError)


def test_empty_item_is_reported_by_index(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS + "<item><title>Blank</title></item></channel></rss>", encoding="utf-8")
    items = list(read_inputs([path]))
    [failure] = [i for i in items if isinstance(i, IngestFailure)]
    assert failure.record == "item 3" and isinstance(failure.error, EmptyInputError)
    assert sum(isinstance(i, Article) for i in items) == 2
