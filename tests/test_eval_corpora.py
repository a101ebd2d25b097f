"""The readers of public annotated corpora (PolNeAR brat, ConfliBERT cameo-class, TimeML), on
tiny files of the project's own sentences in those formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy

from tidings.errors import InputError
from tidings.evaluation import evaluate
from tidings.evaluation import cameo_class, polnear, timeml
from tidings.evaluation.metrics import pair_one_to_one, spread_sample

FIXTURES = Path(__file__).resolve().parent / "fixtures"
POLNEAR = FIXTURES / "polnear"
CAMEO = FIXTURES / "cameo_class.tsv"
TIMEML = FIXTURES / "timeml"


def _at(text: str, phrase: str) -> tuple[tuple[int, int], ...]:
    start = text.index(phrase)
    return ((start, start + len(phrase)),)


# ---------------------------------------------------------------------------- shared helpers


def test_pairing_is_one_to_one_largest_overlap_first():
    overlap = lambda g, f: max(0, min(g[1], f[1]) - max(g[0], f[0]))  # noqa: E731
    assert pair_one_to_one([(0, 10), (8, 12)], [(5, 12)], overlap) == [(0, 0)]
    assert pair_one_to_one([(0, 3)], [(5, 9)], overlap) == []


def test_spread_sample_covers_the_whole_list():
    assert spread_sample(list("abcdefgh"), 4) == list("aceg")
    assert spread_sample([1, 2], 5) == [1, 2]


def test_dispatch_passes_format_and_sample_only_to_readers_that_take_them(monkeypatch):
    import types

    from tidings import evaluation

    calls = []
    multi = types.ModuleType("fake_multi")
    multi.FORMATS, multi.SAMPLED = ("jsonl", "other"), True
    multi.evaluate = lambda path, pipeline, **options: calls.append(options)
    single = types.ModuleType("fake_single")
    single.evaluate = lambda path, pipeline, **options: calls.append(options)
    monkeypatch.setitem(sys.modules, "fake_multi", multi)
    monkeypatch.setitem(sys.modules, "fake_single", single)
    monkeypatch.setitem(evaluation.READERS, "fake", {"other": "fake_multi", "jsonl": "fake_single"})
    evaluation.evaluate("fake", "x", fmt="other", sample=3)
    evaluation.evaluate("fake", "x")
    assert calls == [{"fmt": "other", "sample": 3}, {}]
    with pytest.raises(KeyError, match="--sample is not available"):
        evaluation.evaluate("fake", "x", sample=3)
    with pytest.raises(KeyError, match="unknown format"):
        evaluation.evaluate("fake", "x", fmt="csv")


# ---------------------------------------------------------------------------- PolNeAR / brat


def test_brat_reader_builds_attributions_from_events():
    [article], problems = polnear.read_corpus(str(POLNEAR))
    text = article.text
    assert problems == []
    assert article.skipped == 1  # the event with no cue
    by_cue = {text[slice(*a.cue[0])]: a for a in article.gold}
    assert set(by_cue) == {"said", "added", "believe", "Delayed"}
    added = by_cue["added"]
    assert [text[s:e] for s, e in added.content] == ["Officials", "now expect delays", "into the autumn"]
    assert by_cue["Delayed"].source is None
    assert by_cue["said"].source == _at(text, "The mayor")


def test_brat_reader_uses_the_first_annotator_file_and_skips_bad_articles(tmp_path):
    [article], _ = polnear.read_corpus(str(POLNEAR))
    assert len(article.gold) == 4  # the second annotator's file has no events
    with pytest.raises(InputError, match="needs text/ and attributions/"):
        polnear.read_corpus(str(tmp_path))
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "lone.txt").write_text("Nothing here.", "utf-8")
    (tmp_path / "text" / "lone_extra.txt").write_text("Aides said so.", "utf-8")
    (tmp_path / "attributions" / "lone_extra_a1.ann").write_text(
        "T1\tCue 6 10\tsaid\nE1\tAttribution-no-source:T1 Cue:T1\n", "utf-8")
    articles, problems = polnear.read_corpus(str(tmp_path))
    assert [a.name for a in articles] == ["lone_extra"]  # its file is not taken for "lone"
    assert len(problems) == 1 and "lone.txt" in problems[0] and "no annotation file" in problems[0]


def test_brat_offsets_past_the_text_are_an_input_error():
    ann = "T1\tCue 5 40\tsaid\nE1\tAttribution-no-source:T1 Cue:T1\n"
    with pytest.raises(InputError, match="past the end"):
        polnear.read_ann("short text", ann, "x.ann")


def test_sources_and_contents_count_only_through_a_matched_cue():
    text = "Aides said the vote was close, and the clerk noted a recount."
    said = polnear.Attribution(_at(text, "said"), _at(text, "Aides"), _at(text, "the vote was close"))
    noted = polnear.Attribution(_at(text, "noted"), _at(text, "the clerk"), _at(text, "a recount"))
    # the prediction finds "said" with a shorter content, and puts the clerk under a wrong cue
    found = [polnear.Attribution(_at(text, "said"), _at(text, "Aides"), _at(text, "the vote")),
             polnear.Attribution(_at(text, "recount"), _at(text, "the clerk"), None)]
    scores = polnear.Scores()
    scores.add("x", spacy.blank("en")(text), [said, noted], found)  # lemmas fall back to the text
    assert (scores.exact["cue"].tp, scores.exact["cue"].fp, scores.exact["cue"].fn) == (1, 1, 1)
    assert (scores.exact["source"].tp, scores.exact["source"].fp, scores.exact["source"].fn) == (1, 1, 1)
    assert (scores.exact["content"].tp, scores.overlap["content"].tp) == (0, 1)
    chars = scores.chars["content"]
    assert (chars.shared, chars.predicted, chars.gold) == (len("the vote"), len("the vote"),
                                                           len("the vote was close") + len("a recount"))
    assert scores.lemmas["noted"].correct == 0 and scores.lemmas["said"].correct == 1
    assert scores.nested == 1  # the wrong cue "recount" lies in the gold content "a recount"


def test_predictions_nested_in_a_gold_content_are_counted_apart():
    text = "Aides said the clerk noted a recount."
    gold = [polnear.Attribution(_at(text, "said"), _at(text, "Aides"), _at(text, "the clerk noted a recount"))]
    found = [polnear.Attribution(_at(text, "said"), _at(text, "Aides"), _at(text, "the clerk noted a recount")),
             polnear.Attribution(_at(text, "noted"), _at(text, "the clerk"), _at(text, "a recount"))]
    scores = polnear.Scores()
    scores.add("x", spacy.blank("en")(text), gold, found)
    assert scores.overlap["cue"].fp == 1 and scores.nested == 1


def _phrases(text: str):
    """A blank Doc of ``text`` and a function giving the Span of a phrase in it."""
    from tidings.model import Span

    def span(phrase):
        start = text.index(phrase)
        return Span(start, start + len(phrase), phrase)
    return spacy.blank("en")(text), span


def test_predicted_records_sharing_a_cue_become_one_attribution():
    from tidings.attribution import Attribution as Record

    text = "“Rain,” she said. “More rain.”"
    doc, span = _phrases(text)

    doc._.attributions = [
        Record(span("said"), "reports", False, "direct", "clause", span("she"), (), None, span("Rain")),
        Record(span("said"), "reports", False, "direct", "clause", span("she"), (), None, span("More rain"))]
    [merged] = polnear.predicted(doc)
    assert merged.source == _at(text, "she")
    assert [text[s:e] for s, e in merged.content] == ["Rain", "More rain"]


def test_polnear_evaluation_runs_tidings_over_the_articles(pipeline):
    report = evaluate("attribution", str(POLNEAR), pipeline, fmt="brat")
    assert report.scores["gold_attributions"] == 4 and report.scores["articles_skipped"] == 0
    spans = report.tables["spans"]
    # "The mayor said ..." is the plainest attribution there is
    assert spans["cue_overlap"]["tp"] >= 1 and spans["source_overlap"]["tp"] >= 1
    assert spans["cue_overlap"]["tp"] + spans["cue_overlap"]["fn"] == 4
    for field in ("cue", "source", "content"):
        assert 0.0 <= report.scores[f"{field}_chars_f1"] <= 1.0


# ---------------------------------------------------------------------------- cameo-class


def test_cameo_roots_map_to_the_five_classes():
    # the labelling's grouping: 09 with verbal conflict, 14 material, 16 verbal
    assert [cameo_class.class_of(code) for code in ("010", "020", "036", "057", "061", "0841",
                                                    "090", "112", "141", "163", "173", "190",
                                                    "204")] == [
        "0", "0", "1", "1", "2", "2", "3", "3", "4", "3", "4", "4", "4"]
    assert cameo_class.class_of("x1") is None


def test_refused_cooperation_is_a_rejection_and_threatened_force_a_threat():
    def event(cameo, negated=False, modality="asserted"):
        return SimpleNamespace(cameo=cameo, negated=negated, modality=modality)

    assert cameo_class.event_class(event("0841", negated=True)) == "3"  # will not release
    assert cameo_class.event_class(event("057", negated=True)) == "3"  # failed to reach a deal
    assert cameo_class.event_class(event("194", modality="threatened")) == "3"  # threatened to shell
    assert cameo_class.event_class(event("194", modality="planned")) == "4"
    assert cameo_class.event_class(event("112", negated=True)) == "3"
    assert cameo_class.event_class(event("0841")) == "2"


def test_cameo_reader_skips_bad_lines_and_names_them():
    sentences, skipped = cameo_class.read(str(CAMEO))
    assert [s.gold for s in sentences] == ["4", "0", "3", "1", "2"]
    assert len(skipped) == 2 and all(str(CAMEO) in message for message in skipped)


def test_cameo_reader_names_a_file_that_is_not_text(tmp_path):
    path = tmp_path / "binary.tsv"
    path.write_bytes(b"\xff\xfe\x00bad\t1\n")
    with pytest.raises(InputError, match="not UTF-8"):
        cameo_class.read(str(path))


def test_cameo_scores_count_accuracy_macro_f1_and_matrix():
    sentences = [cameo_class.Sentence(i, "x", gold) for i, gold in enumerate("00134")]
    guesses = [cameo_class.Prediction(label, "event") for label in ("0", "1", "1", "4", "none")]
    report = cameo_class.score(sentences, guesses)
    assert report.scores["accuracy"] == 0.4
    matrix = report.tables["confusion_matrix (gold rows, predicted columns)"]
    assert matrix["gold 0"]["pred 1"] == 1 and matrix["gold 4"]["pred none"] == 1
    per_class = {label.split()[0]: row for label, row in report.tables["per_class"].items()}
    assert per_class["1"]["precision"] == 0.5 and per_class["4"]["recall"] == 0.0
    f1s = [row["f1"] for row in per_class.values()]
    assert report.scores["macro_f1"] == pytest.approx(sum(f1s) / 5, abs=1e-3)


def test_cameo_main_event_and_statement_fallback(pipeline):
    docs = [pipeline.nlp(pipeline.make_doc(cameo_class.make_article(text))) for text in (
        "Rebels shelled the town on Monday.", "The minister said the talks had been useful.",
        "The weather stayed fine.")]
    shelling, statement, weather = (cameo_class.predict(doc) for doc in docs)
    assert (shelling.label, shelling.reason, shelling.lemma) == ("4", "event", "shell")
    assert (statement.label, statement.reason) == ("0", "statement")
    assert weather.label == "none"


def test_cameo_class_evaluation_end_to_end(pipeline):
    report = evaluate("events", str(CAMEO), pipeline, fmt="cameo-class")
    assert report.items == 5 and report.scores["lines_skipped"] == 2
    matrix = report.tables["confusion_matrix (gold rows, predicted columns)"]
    assert sum(sum(row.values()) for row in matrix.values()) == 5


# ---------------------------------------------------------------------------- TimeML


def test_timeml_reader_strips_tags_and_keeps_offsets():
    documents, skipped = timeml.read(str(TIMEML))
    [document] = documents
    assert document.created.isoformat() == "2021-03-10"
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("yesterday", "DATE", "2021-03-09"), ("February", "DATE", "2021-02"),
        ("three weeks", "DURATION", "P3W"), ("every week", "SET", "P1W")]
    assert all(document.text[t.start:t.end] == t.text for t in document.timexes)
    assert "<" not in document.text and len(skipped) == 1 and "no_dct.tml" in skipped[0]


def test_timeml_strict_relaxed_and_value_scores():
    [document], _ = timeml.read(str(TIMEML))
    yesterday, february, weeks, _every = document.timexes
    found = [timeml.Timex(yesterday.start, yesterday.end, "", "DATE", "2021-03-09"),
             timeml.Timex(february.start - 3, february.end, "", "DATE", "2020-02"),  # "in February"
             timeml.Timex(weeks.start, weeks.end, "", "DURATION", "P3W"),
             timeml.Timex(0, 4, "", "DATE", "2021")]  # spurious
    report = timeml.score([document], [found])
    rows = report.tables["recognition"]
    assert (rows["strict"]["tp"], rows["strict"]["fp"], rows["strict"]["fn"]) == (2, 2, 2)
    assert (rows["relaxed"]["tp"], rows["relaxed"]["fp"], rows["relaxed"]["fn"]) == (3, 1, 1)
    assert (rows["value"]["tp"], rows["value"]["fp"], rows["value"]["fn"]) == (2, 2, 2)
    assert report.tables["by_gold_type"]["SET"]["recall"] == 0.0


def test_timeml_evaluation_uses_the_creation_date(pipeline):
    report = evaluate("times", str(TIMEML), pipeline, fmt="timeml")
    assert report.scores["gold_expressions"] == 4 and report.scores["files_skipped"] == 1
    # "yesterday" can only be 2021-03-09 when the DCT is the publication date
    assert report.tables["by_gold_type"]["DATE"]["recall"] > 0
    assert not any("'yesterday'" in error and "got" in error for error in report.errors)


# ---------------------------------------------------------------------------- the command


def test_eval_command_reads_a_corpus_format_and_rejects_unknown_ones():
    run = subprocess.run([sys.executable, "-m", "tidings", "eval", "attribution", str(POLNEAR),
                          "--format", "brat", "--json"], capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode()
    report = json.loads(run.stdout)
    assert report["scores"]["gold_attributions"] == 4 and "cue_lemma_recall_lowest" in report["tables"]
    bad = subprocess.run([sys.executable, "-m", "tidings", "eval", "times", str(TIMEML),
                          "--format", "brat"], capture_output=True, timeout=600)
    assert bad.returncode == 2 and b"--format for times must be one of" in bad.stderr


def test_predicted_keeps_the_outermost_attributions_as_polnear_does():
    from tidings.attribution import Attribution as Record

    text = "The council said the mayor told staff the depot would close."
    doc, span = _phrases(text)

    doc._.attributions = [
        Record(span("said"), "reports", False, "indirect", "clause", span("The council"), (), None,
               span("the mayor told staff the depot would close")),
        Record(span("told"), "reports", False, "indirect", "clause", span("the mayor"), (), None,
               span("the depot would close"))]
    [outer] = polnear.predicted(doc)
    assert outer.cue == _at(text, "said")


def test_predicted_follows_polnear_conventions_for_that_and_relative_pronouns(pipeline):
    from tidings.ingest import make_article

    text = "The council said that the depot would close. Drivers, who use it daily, complained that it was needed."
    doc = pipeline.nlp(pipeline.make_doc(make_article(text)))
    found = {text[slice(*f.cue[0])]: f for f in polnear.predicted(doc)}
    written = {text[slice(*f.cue[0])]: f for f in polnear.predicted(doc, as_written=True)}
    assert text[slice(*found["said"].content[0])] == "that the depot would close"
    assert text[slice(*written["said"].content[0])] == "the depot would close"
    relative = "The mayor spoke to drivers who said the depot was needed."
    doc = pipeline.nlp(pipeline.make_doc(make_article(relative)))
    [record] = [r for r in doc._.attributions if r.cue.text == "said"]
    assert record.source.text == "drivers"  # tidings names the antecedent ...
    [mapped] = [f for f in polnear.predicted(doc) if relative[slice(*f.cue[0])] == "said"]
    assert relative[slice(*mapped.source[0])] == "who"  # ... PolNeAR the pronoun
