"""Geo scorer: brat and XML readers, matching, and the metrics on hand-made predictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.evaluation.geo import (
    _auc,
    read_brat,
    read_xml,
    reference_points,
    score,
    select_split,
)
from newsevents.knowledge.gazetteer import Gazetteer, load_gazetteer
from newsevents.model import Place, Span


@pytest.fixture()
def brat_dir(tmp_path: Path) -> Path:
    (tmp_path / "0.txt").write_text("Russian troops left Rawa for the city.", encoding="utf-8")
    (tmp_path / "0.ann").write_text(
        "T1\tLiteral_Modifier 0 7\tRussian\n#1\tAnnotatorNotes T1\t2017370\n"
        "T2\tLiteral 20 24\tRawa\n#2\tAnnotatorNotes T2\t34.48, 41.92\n"
        "T3\tLiteral_Expression 33 37\tcity\n",
        encoding="utf-8",
    )
    return tmp_path


def test_read_brat_keeps_toponyms_only(brat_dir: Path) -> None:
    (document,) = read_brat(brat_dir)
    assert [t.text for t in document.toponyms] == ["Russian", "Rawa"]
    assert document.toponyms[0].geonames_id == 2017370
    assert document.toponyms[1].lat == pytest.approx(34.48)


def test_read_xml(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(
        "<articles><article docid='7'><text>Fighting in Mosul.</text><toponyms><toponym>"
        "<start>12</start><end>17</end><phrase>Mosul</phrase>"
        "<gaztag geonameid='99072'><lat>36.335</lat><lon>43.11889</lon></gaztag>"
        "</toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    (document,) = read_xml(path)
    assert document.doc_id == "7"
    assert document.toponyms[0].geonames_id == 99072


def test_score_counts_hits_misses_and_distances(brat_dir: Path) -> None:
    gazetteer: Gazetteer = load_gazetteer()
    documents = read_brat(brat_dir)
    predictions = [(
        Place(span=Span(20, 24), text="Rawa", name="Rāwah", geonames_id=92004,
              lat=34.48229, lon=41.91898, country="IRQ", precision="city"),
        Place(span=Span(33, 37), text="city", name="City", geonames_id=1, lat=0.0, lon=0.0),
    )]
    result = score(documents, predictions, "tiny", gazetteer)
    assert result.metrics["toponym_precision"] == 0.5
    assert result.metrics["toponym_recall"] == 0.5
    assert result.metrics["accuracy_161km"] == 1.0
    assert result.metrics["accuracy_exact_id"] == 0.0  # no gold id to match: nothing scored
    assert result.details["exact_id_scored"] == 0
    assert result.metrics["median_error_km"] < 5


def test_auc_bounds() -> None:
    assert _auc([0.0, 0.0]) == 0.0
    assert _auc([20039.0, 20039.0]) == pytest.approx(1.0, abs=1e-4)
    assert 0 < _auc([0.0, 100.0, 1000.0]) < 1


def test_geowebnews_reads(shared_dir: Path) -> None:
    documents = read_brat(shared_dir / "dev" / "geo" / "geowebnews")
    assert len(documents) == 200
    assert sum(len(d.toponyms) for d in documents) > 2000


def test_exact_id_counts_only_gold_with_an_id(brat_dir: Path) -> None:
    gazetteer: Gazetteer = load_gazetteer()
    documents = read_brat(brat_dir)
    predictions = [(
        Place(span=Span(0, 7), text="Russian", name="Russia", geonames_id=2017370,
              lat=60.0, lon=100.0, country="RUS", precision="country"),
        Place(span=Span(20, 24), text="Rawa", name="Rāwah", geonames_id=92004,
              lat=34.48229, lon=41.91898, country="IRQ", precision="city"),
    )]
    result = score(documents, predictions, "tiny", gazetteer)
    assert result.details["exact_id_scored"] == 1  # Rawa's gold has coordinates only
    assert result.metrics["accuracy_exact_id"] == 1.0
    assert result.details["exact_id_over_all_resolvable"] == 0.5
    assert result.metrics["accuracy_161km"] == 1.0


def test_splits_are_even_and_odd_article_numbers(tmp_path: Path) -> None:
    for number in range(5):
        (tmp_path / f"{number}.txt").write_text("Rawa", encoding="utf-8")
        (tmp_path / f"{number}.ann").write_text("T1\tLiteral 0 4\tRawa\n", encoding="utf-8")
    documents = read_brat(tmp_path)
    tune = [d.doc_id for d in select_split(documents, "tune")]
    heldout = [d.doc_id for d in select_split(documents, "heldout")]
    assert tune == ["0", "2", "4"] and heldout == ["1", "3"]
    assert len(select_split(documents, "all")) == 5
    with pytest.raises(InputError):
        select_split(documents, "dev")


def test_read_xml_geowebnews_release(tmp_path: Path) -> None:
    """GeoWebNews' XML form: typed toponyms with <geonamesID>, <latitude>, <longitude>."""
    path = tmp_path / "GWN.xml"
    path.write_text(
        "<articles><article><text>Irish pubs in the city of Cork.</text><toponyms>"
        "<toponym><extractedName>Irish</extractedName><type>Non_Literal_Modifier</type>"
        "<start>0</start><end>5</end><geonamesID>2963597</geonamesID>"
        "<latitude>53.0</latitude><longitude>-8.0</longitude></toponym>"
        "<toponym><extractedName>city</extractedName><type>Literal_Expression</type>"
        "<start>18</start><end>22</end></toponym>"
        "<toponym><extractedName>Cork</extractedName><type>Literal</type>"
        "<start>26</start><end>30</end><geonamesID/>"
        "<latitude>51.89797</latitude><longitude>-8.47061</longitude></toponym>"
        "</toponyms></article></articles>",
        encoding="utf-8",
    )
    (document,) = read_xml(path)
    assert [t.text for t in document.toponyms] == ["Irish", "Cork"]  # the expression is not gold
    irish, cork = document.toponyms
    assert (irish.geonames_id, irish.lat, irish.lon) == (2963597, 53.0, -8.0)
    assert cork.geonames_id is None and cork.lat == pytest.approx(51.89797)


def test_gold_point_from_reference_table_when_the_gazetteer_lacks_the_id(tmp_path: Path) -> None:
    """A gold id our index lacks (an airport) is scored by distance when a reference point is
    known, and is a miss when it is not."""
    (tmp_path / "0.txt").write_text("Flights left Heathrow.", encoding="utf-8")
    (tmp_path / "0.ann").write_text(
        "T1\tLiteral 13 21\tHeathrow\n#1\tAnnotatorNotes T1\t2647216\n", encoding="utf-8")
    documents = read_brat(tmp_path)
    london = (Place(span=Span(13, 21), text="Heathrow", name="London", geonames_id=2643743,
                    lat=51.50853, lon=-0.12574, country="GBR", precision="city"),)
    gazetteer = load_gazetteer()
    assert gazetteer.get(2647216) is None
    known = score(documents, [london], "t", gazetteer, points={2647216: (51.47115, -0.45649)})
    assert known.metrics["accuracy_161km"] == 1.0
    assert known.details["accuracy_161km_gazetteer_points_only"] == 0.0
    unknown = score(documents, [london], "t", gazetteer, points={})
    assert unknown.metrics["accuracy_161km"] == 0.0
    assert unknown.metrics["mean_error_km"] == pytest.approx(20039.0)


def test_reference_points_table_is_well_formed() -> None:
    points = reference_points()
    assert len(points) > 500
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())
    # Spot checks against GeoNames' own points, which are not settlement centroids.
    assert points[6252001] == (39.76, -98.5)  # United States
    assert points[2017370] == (60.0, 100.0)  # Russia


def test_reference_points_agree_with_the_gazetteer_on_cities() -> None:
    """The transcription is checked against the index for every city both hold: GeoNames
    moves a point now and then (Dubai by 14 km), never by a country's width."""
    from newsevents.knowledge.gazetteer import haversine_km

    gazetteer = load_gazetteer()
    compared = 0
    for geonames_id, (lat, lon) in reference_points().items():
        feature = gazetteer.get(geonames_id)
        if feature is None or feature.precision != "city" or feature.lat is None \
                or feature.lon is None:
            continue
        compared += 1
        assert haversine_km(lat, lon, feature.lat, feature.lon) < 20, geonames_id
    assert compared > 200


def test_document_url_from_the_geowebnews_header(tmp_path: Path) -> None:
    (tmp_path / "0.txt").write_text(
        "TITLE: Storm hits LINK: https://www.rte.ie/news/1/\nBody text.", encoding="utf-8")
    (tmp_path / "0.ann").write_text("", encoding="utf-8")
    (document,) = read_brat(tmp_path)
    assert document.url == "https://www.rte.ie/news/1/"


def test_drifting_gold_offsets_are_re_anchored_or_dropped(tmp_path: Path) -> None:
    """TR-News' offsets run ahead of its text after removed blank lines: a gold span whose
    text is not its phrase moves to the nearest occurrence, or is dropped and counted."""
    path = tmp_path / "tr.xml"
    path.write_text(
        "<articles><article docid='1'><url> https://www.cbc.ca/news/x </url>"
        "<text>Flooding in Ottawa and Gatineau.</text><toponyms>"
        "<toponym><start>14</start><end>20</end><phrase>Ottawa</phrase>"  # 2 characters late
        "<gaztag geonameid='6094817'><lat>45.41117</lat><lon>-75.69812</lon></gaztag></toponym>"
        "<toponym><start>25</start><end>33</end><phrase>Gatineau</phrase>"  # 2 late as well
        "<gaztag geonameid='5959974'><lat>45.47723</lat><lon>-75.70164</lon></gaztag></toponym>"
        "<toponym><start>0</start><end>5</end><phrase>Quebec</phrase>"  # nowhere near
        "<gaztag geonameid='6115047'><lat>52.0</lat><lon>-72.0</lon></gaztag></toponym>"
        "</toponyms></article></articles>",
        encoding="utf-8",
    )
    (document,) = read_xml(path)
    assert [(t.text, t.start, t.end) for t in document.toponyms] == [
        ("Ottawa", 12, 18), ("Gatineau", 23, 31)]
    assert document.unaligned == 1
    assert document.url == "https://www.cbc.ca/news/x"
