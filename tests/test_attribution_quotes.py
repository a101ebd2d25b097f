"""Quotations: direct (curly and straight, split, multi-sentence), indirect, mixed; speakers."""

from __future__ import annotations

import pytest

from tidings.ingest import make_article


@pytest.fixture(scope="module")
def quotes(pipeline):
    def run(text: str):
        doc = pipeline.nlp.make_doc(text)
        doc._.article = make_article(text)
        return pipeline.nlp(doc)._.quotes
    return run


def test_attribution_quote_split_around_the_cue(quotes):
    found = quotes("“We are ready,” the harbour master said, “and the ferries will sail at dawn.”")
    assert [q.content.text for q in found] == ["We are ready", "and the ferries will sail at dawn."]
    assert {q.speaker_span.text for q in found} == {"the harbour master"}
    assert {q.cue.text for q in found} == {"said"} and {q.kind for q in found} == {"direct"}


def test_attribution_quote_straight_marks_speaker_after(quotes):
    [quote] = quotes('"Nobody was hurt," a fire brigade spokesman said on Friday.')
    assert quote.content.text == "Nobody was hurt" and quote.speaker_span.text == "a fire brigade spokesman"


def test_attribution_quote_speaker_before_and_several_sentences(quotes):
    [quote] = quotes("The coach said: “We lost. We deserved to lose. Next week will be different.”")
    assert quote.kind == "direct" and quote.content.text.startswith("We lost.")
    assert quote.content.text.endswith("different.") and quote.speaker_span.text == "The coach"


def test_attribution_quote_pronoun_speaker_resolves_to_person(quotes):
    found = quotes("Governor Mara Velic visited the flooded towns on Monday. "
                   "She later stated on the recovery “The money will arrive this week. Nobody will be forgotten.”")
    [quote] = [q for q in found if q.kind == "direct"]
    assert quote.speaker_span.text == "She" and "Velic" in quote.speaker.name


def test_attribution_quote_continues_into_next_paragraph(quotes):
    found = quotes("“The bridge will reopen in June,” the mayor said.\n\n"
                   "“After that we will repair the ring road and the tram lines.”")
    assert len(found) == 2 and found[1].speaker_span.text == "the mayor"


def test_attribution_quote_indirect_and_mixed(quotes):
    [indirect] = quotes("The minister said that the budget would be cut.")
    assert (indirect.kind, indirect.content.text) == ("indirect", "the budget would be cut")
    [mixed] = quotes("The union said the offer was “an insult to every worker in the plant”.")
    assert mixed.kind == "mixed" and "the offer was" in mixed.content.text


def test_attribution_quote_second_half_after_speaker_sentence(quotes):
    found = quotes("“Prices will fall by spring,” said Ines Varo, an economist at the central bank. "
                   "“Wages will take longer.”")
    assert [q.content.text for q in found] == ["Prices will fall by spring", "Wages will take longer."]
    assert {q.speaker_span.text for q in found} == {"Ines Varo, an economist at the central bank"}


def test_attribution_quote_not_continued_past_another_speaker(quotes):
    found = quotes("“We will appeal,” the lawyer said. The judge said the ruling stood. “It is final.”")
    assert next(q for q in found if q.content.text == "It is final.").speaker is None


def test_attribution_quote_left_open_spans_paragraphs(quotes):
    found = quotes("“The levees held this time,” the engineer said. “But the river keeps rising.\n\n"
                   "“Next year we may not be so lucky.”")
    assert found[-1].content.text.startswith("But the river") and found[-1].content.text.endswith("so lucky.")
    assert found[-1].speaker_span.text == "the engineer"


def test_attribution_quote_words_inside_are_not_cues(pipeline):
    text = "“We hope the road opens soon, and we expect help,” a farmer said."
    doc = pipeline.nlp.make_doc(text)
    doc._.article = make_article(text)
    assert [a.cue.text for a in pipeline.nlp(doc)._.attributions] == ["said"]


def test_attribution_quote_description_resolves_to_titled_person(quotes):
    found = quotes("Health Minister Aurelio Penna opened the clinic on Monday. "
                   "“Every village will have a doctor by next year,” the minister said.")
    [quote] = [q for q in found if q.kind == "direct"]
    assert quote.speaker_span.text == "the minister" and "Penna" in quote.speaker.name


def test_quote_as_its_own_paragraph_after_a_colon_is_the_speakers(pipeline):
    from tidings.ingest import make_article
    text = 'The senator spoke at length.  He said:\n\n"Our harbours are silting up faster than we can dredge."\n\nThe crowd cheered.'
    doc = pipeline.nlp(pipeline.make_doc(make_article(text)))
    [said] = [a for a in doc._.attributions if a.cue.text == "said"]
    assert said.source.text == "He" and said.content.text.startswith("Our harbours")


def test_signed_quotations_on_one_line_each_have_their_name(pipeline):
    from tidings.ingest import make_article
    text = "Readers wrote in.\n\n“The ferry is always late.” ― Ana Ruiz “The fares keep rising.” ― Lena Park\n"
    doc = pipeline.nlp(pipeline.make_doc(make_article(text)))
    assert [a.source.text for a in doc._.attributions if a.cue.text == "―"] == ["Ana Ruiz", "Lena Park"]


def test_attribution_quote_before_a_verb_with_its_own_clause_is_not_its(pipeline):
    from tidings.ingest import make_article
    text = "“The harbour is full.” She says the pilots have stopped taking bookings."
    doc = pipeline.nlp(pipeline.make_doc(make_article(text)))
    [says] = [a for a in doc._.attributions if a.cue.text == "says"]
    assert says.content.text == "the pilots have stopped taking bookings"
