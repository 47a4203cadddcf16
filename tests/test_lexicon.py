"""The engine's language as data (questions/lexicon.py): a verb is added in one line, and every
inflection the engine reads is generated from its base form."""
import importlib

import pytest

from questions import lexicon


@pytest.mark.parametrize("spec,expected", [
    ("stress", {"stress", "stresses", "stressed", "stressing"}),
    ("say/said", {"say", "says", "said", "saying"}),
    ("write/wrote/written", {"write", "writes", "wrote", "written", "writing"}),
    ("deny", {"deny", "denies", "denied", "denying"}),
    ("declare", {"declare", "declares", "declared", "declaring"}),
    ("admit/admitted", {"admit", "admits", "admitted", "admitting"}),
    ("post!", {"posted", "posting"}),                  # also a noun: "a blog post" is no speech
    ("point out", {"point out", "points out", "pointed out", "pointing out"}),
])
def test_inflections_are_generated(spec, expected):
    assert lexicon.forms(spec) == expected


def test_every_class_is_made_of_reporting_verbs_or_requests():
    reporting = lexicon.forms(lexicon.REPORTING)
    for name in ("OPINION", "ADMIT", "ACCUSE", "TAKES_OBJECT", "TAKES_CLAUSE", "TAKES_GERUND", "CONTINUING"):
        stray = {f for f in lexicon.forms(getattr(lexicon, name)) if not f.endswith("ing")} - reporting
        assert not stray, (name, stray)


def test_adding_a_reporting_verb_is_one_line(monkeypatch):
    """A verb the engine does not know yet, added to the lexicon at run time, is read at once."""
    from questions import attributions, speech
    from questions.split import split

    text = ("Test Article Title\n\nThe bus company cut three routes in the spring. "
            "Councillor Ann Patel grumbled that the buses were always late.")

    def speakers():
        sentences = split(text, 0, len(text))
        return [a.speaker for a in attributions.extract_attributions(text, sentences)]

    assert "Ann Patel" not in speakers()
    monkeypatch.setattr(lexicon, "REPORTING", lexicon.REPORTING + "\ngrumble\n")
    try:
        importlib.reload(speech)
        importlib.reload(attributions)
        assert "Ann Patel" in speakers()
    finally:
        monkeypatch.undo()
        importlib.reload(speech)
        importlib.reload(attributions)
    assert "Ann Patel" not in speakers()
