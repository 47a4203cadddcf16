"""Claim statuses on composed sentences: the cue words a student is taught to notice."""
import pytest

from questions.attributions import extract_attributions
from questions.claims import classify_claims
from questions.split import split

FILLER = "The meeting continued into the evening as residents gathered outside the building."


def statuses(sentence: str) -> list[str]:
    text = "Test Article Title\n\n" + FILLER + " " + sentence
    sentences = split(text, 0, len(text))
    claims = classify_claims(text, sentences, extract_attributions(text, sentences))
    last = sentences[-1].id
    return [c.status for c in claims if c.sentence == last]


CASES = [
    ("The council approved the budget on Tuesday by seven votes to two.", "confirmed"),
    ("The minister reportedly plans to resign next month.", "reported"),
    ("According to the Daily Tribune, the factory will close in May.", "reported"),
    ("The Boston Globe reported that the mayor had resigned.", "reported"),
    ("It is unclear whether the bridge will reopen this year.", "unknown"),
    ("The cause of the fire remains unknown.", "unknown"),
    ("The figures could not be independently verified.", "unknown"),
    ("Officials did not confirm the number of arrests.", "unknown"),
    ("The company denied that it had dumped waste in the river.", "denied"),
    ("The mayor's office rejected the allegations as baseless.", "denied"),
    ("The contractor is accused of inflating its invoices by millions.", "alleged"),
    ("The suspect allegedly fled the country in a private plane.", "alleged"),
    ("Analyst Maria Gomez believes that prices will keep rising.", "opinion"),
    ("The new rules may make housing more expensive for young families.", "opinion"),
    ("The company acknowledged that its software had failed.", "confirmed"),
    ("The former mayor was charged with fraud last week.", "confirmed"),    # an official act
    ("Prosecutors said the mayor's aides handed out cash to voters.", "alleged"),
    ("The former mayor has pleaded not guilty.", "denied"),
    ("Witnesses described hearing several loud explosions near the port.", "reported"),
    ("Police said 12 people were taken to hospital after the crash.", "reported"),
    # "May" the month is no hedge
    ("The agreement was signed in May during a state visit.", "confirmed"),
]


@pytest.mark.parametrize("sentence,status", CASES)
def test_main_status(sentence, status):
    assert statuses(sentence)[0] == status


def test_a_clause_with_its_own_status_adds_a_second_claim():
    got = statuses("The army struck alleged smuggling boats off the coast on Monday.")
    assert got == ["confirmed", "alleged"]


def test_a_reported_point_with_an_unknown_clause_carries_both():
    got = statuses("While the cause is unclear, the plant shut down, according to Reuters.")
    assert set(got) == {"unknown", "reported"}


# A sentence may carry more than one status a careful reader could defend (issue 7): the main one
# comes first, the others after it, and no status question offers one of them as a wrong answer.
@pytest.mark.parametrize("sentence,main,also", [
    ("Fishermen rescued 700 people, and the navy reportedly saved 200 more.", "reported", {"confirmed"}),
    ("The fair took place on Sunday, attracting thousands to one of the most popular events in the region.",
     "confirmed", {"opinion"}),
    ('Ana Lopez, a teacher, said, "The new timetable is a disaster for families."', "opinion", {"reported"}),
    ("The church estimates that the number is closer to 40,000.", None, {"reported", "opinion"}),
    ("The ministry admitted that the forms had been lost.", "confirmed", {"reported"}),
])
def test_second_statuses_are_kept_after_the_main_one(sentence, main, also):
    got = statuses(sentence)
    if main:
        assert got[0] == main
    assert also <= set(got[1:]) | set(got[:1]) - ({main} if main else set())


def test_a_headline_makes_a_claim():
    text = "Ferry company adds two boats to island route\n\n" + FILLER + " The council approved it."
    sentences = split(text, 0, len(text))
    claims = classify_claims(text, sentences, extract_attributions(text, sentences))
    assert any(c.sentence == sentences[0].id for c in claims)
