"""The MEANTIME / TimeML scorer on tiny hand-made files, and on a slice of MEANTIME."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.evaluation.timex import read_meantime, read_tml, run_meantime, run_tml, score
from newsevents.model import Span, Timex

MEANTIME_XML = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Troops</token>
<token number="1" sentence="0" t_id="2">take</token>
<token number="2" sentence="0" t_id="3">town</token>
<token number="3" sentence="1" t_id="4">November</token>
<token number="4" sentence="1" t_id="5">21</token>
<token number="5" sentence="1" t_id="6">,</token>
<token number="6" sentence="1" t_id="7">2017</token>
<token number="7" sentence="2" t_id="8">Troops</token>
<token number="8" sentence="2" t_id="9">captured</token>
<token number="9" sentence="2" t_id="10">the</token>
<token number="10" sentence="2" t_id="11">town</token>
<token number="11" sentence="2" t_id="12">on</token>
<token number="12" sentence="2" t_id="13">Friday</token>
<token number="13" sentence="2" t_id="14">.</token>
<token number="14" sentence="7" t_id="15">Later</token>
<token number="15" sentence="7" t_id="16">in</token>
<token number="16" sentence="7" t_id="17">2014</token>
<token number="17" sentence="7" t_id="18">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2017-11-21">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2017-11-17"><token_anchor t_id="13"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="2014"><token_anchor t_id="17"/></TIMEX3>
</Markables>
</Document>
"""

TML = """<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2017-11-21" functionInDocument="CREATION_TIME">November 21, 2017</TIMEX3></DCT>
<TEXT>Troops captured the town on <TIMEX3 tid="t1" type="DATE" value="2017-11-17">Friday</TIMEX3>. It fell in <TIMEX3 tid="t2" type="DATE" value="2014">2014</TIMEX3>.</TEXT></TimeML>
"""


def test_read_meantime_window_dct_and_map(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(MEANTIME_XML, encoding="utf-8")
    doc = read_meantime(path)
    assert doc.published == "2017-11-21"
    # The DCT is not gold, and sentence 7 lies outside the annotated window.
    assert [(g.text, g.value) for g in doc.gold] == [("Friday", "2017-11-17")]
    assert doc.text.splitlines()[2] == "Troops captured the town on Friday."
    assert doc.ignored and doc.ignored[0].of(doc.text) == "November 21, 2017"


def test_read_tml_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.published == "2017-11-21"
    assert [(g.span.of(doc.text), g.value) for g in doc.gold] == [("Friday", "2017-11-17"), ("2014", "2014")]


def test_score_counts(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    friday = doc.gold[0].span
    predicted = [
        Timex(Span(friday.start - 3, friday.end), "on Friday", "2017-11-17", "DATE"),  # relaxed only
        Timex(Span(0, 6), "Troops", "2017", "DATE"),  # spurious
    ]
    result = score([doc], [predicted], "t")
    assert result.metrics["recognition_precision"] == 0.5
    assert result.metrics["recognition_recall"] == 0.5
    assert result.metrics["strict_f1"] == 0.0
    assert result.metrics["value_accuracy"] == 1.0
    assert result.metrics["value_f1"] == 0.5


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        run_tml(tmp_path / "absent")


def test_pipeline_scores_tiny_files(tmp_path: Path, nlp_available: bool) -> None:
    (tmp_path / "doc.xml").write_text(MEANTIME_XML, encoding="utf-8")
    (tmp_path / "doc.tml").write_text(TML, encoding="utf-8")
    assert run_meantime(tmp_path).metrics["value_f1"] == 1.0
    assert run_tml(tmp_path).metrics["value_f1"] == 1.0


def test_meantime_slice_floor(shared_dir: Path, nlp_available: bool) -> None:
    result = run_meantime(shared_dir / "dev" / "time" / "meantime", limit=20)
    assert result.n_items == 20
    # Floors well under the measured full-set figures (F1 0.89, value F1 0.79): they catch
    # a broken recogniser or anchoring, not small changes.
    assert result.metrics["recognition_f1"] >= 0.75
    assert result.metrics["value_f1"] >= 0.6
