import pytest
from hypothesis import given, strategies as st

from quiz import scoring

MC = {"id": 1, "kind": "mc", "choices": ["a", "b", "c"], "answer": 2, "key": "c", "points": 2}
TF = {"id": 2, "kind": "tf", "choices": ["True", "False"], "answer": 1, "key": "False", "points": 1}
ORDER = {"id": 3, "kind": "order", "choices": ["x", "y", "z"], "answer": [2, 0, 1], "key": "", "points": 3}
SHORT = {"id": 4, "kind": "short", "choices": [], "answer": None, "key": "Moscow | Russia", "points": 1}
OPEN = {"id": 5, "kind": "open", "choices": [], "answer": None, "key": "", "points": 4}


@pytest.mark.parametrize("q, response, expected", [
    (MC, 2, (True, 2.0)), (MC, 0, (False, 0.0)), (MC, None, (False, 0.0)),
    (TF, 1, (True, 1.0)), (TF, 0, (False, 0.0)),
    # order: positions per choice; choice 2 first, then 0, then 1
    (ORDER, [2, 3, 1], (True, 3.0)), (ORDER, [1, 2, 3], (False, 0.0)), (ORDER, [2, None, 1], (False, 0.0)),
    (SHORT, "  russia. ", (True, 1.0)), (SHORT, "MOSCOW", (True, 1.0)), (SHORT, "Kyiv", (False, 0.0)),
    (OPEN, "an essay", (None, None)), (OPEN, None, (False, 0.0)),
])
def test_score_question(q, response, expected):
    assert scoring.score_question(q, response) == expected


@pytest.mark.parametrize("q, raw, expected", [
    (MC, "1", 1), (MC, 3, None), (MC, -1, None), (MC, "x", None), (MC, True, None),
    (ORDER, ["2", "3", "1"], [2, 3, 1]), (ORDER, [9, 1, 2], [None, 1, 2]), (ORDER, [1, 2], None),
    (ORDER, [None, "", None], None), (SHORT, "   ", None), (SHORT, 5, None), (OPEN, "x" * 6000, "x" * 5000),
])
def test_clean_response(q, raw, expected):
    assert scoring.clean_response(q, raw) == expected


def test_score_attempt_totals_and_pending():
    result = scoring.score_attempt([MC, TF, OPEN], {1: 2, 2: 0, 5: "text"})
    assert result["score"] == 2.0
    assert result["max_score"] == 7.0
    assert result["pending"] == 1
    assert result["scored"] == {1: (True, 2.0), 2: (False, 0.0), 5: (None, None)}


def test_parse_form_reads_choices_positions_and_text():
    form = {"q1": "2", "q3_0": "2", "q3_1": "3", "q3_2": "1", "q4": "Moscow", "q99": "1"}
    assert scoring.parse_form([MC, ORDER, SHORT, OPEN], form) == {1: 2, 3: [2, 3, 1], 4: "Moscow"}


def test_parse_json_ignores_unknown_ids():
    assert scoring.parse_json([MC, SHORT], {"1": 0, "4": "x", "77": 1}) == {1: 0, 4: "x"}


def test_order_questions_never_shown_in_answer_order():
    for seed in range(50):
        orders = scoring.choice_orders([ORDER, TF], shuffle=False, seed=seed)
        assert orders["3"] != ORDER["answer"]
        assert orders["2"] == [0, 1]


def test_choice_orders_are_deterministic_per_seed():
    qs = [dict(MC, id=i, choices=list("abcdef")) for i in range(5)]
    assert scoring.choice_orders(qs, True, "s1") == scoring.choice_orders(qs, True, "s1")
    assert scoring.choice_orders(qs, False, "s1")["0"] == list(range(6))


@given(st.lists(st.integers(0, 9), min_size=1, max_size=10, unique=True), st.text())
def test_choice_orders_are_permutations(idx, seed):
    q = {"id": 1, "kind": "mc", "choices": [str(i) for i in idx], "answer": 0}
    assert sorted(scoring.choice_orders([q], True, seed)["1"]) == list(range(len(idx)))


@given(st.one_of(st.none(), st.integers(), st.text(), st.booleans(), st.lists(st.one_of(st.integers(), st.text(), st.none()))))
def test_clean_response_never_raises(raw):
    for q in (MC, TF, ORDER, SHORT, OPEN):
        scoring.score_question(q, scoring.clean_response(q, raw))


def test_question_and_skill_stats():
    qs = [dict(MC, skill="attribution"), dict(TF, skill="sourcing")]
    answers = [{"assigned_question_id": 1, "is_correct": 1, "response": 2},
               {"assigned_question_id": 1, "is_correct": 0, "response": 0},
               {"assigned_question_id": 2, "is_correct": 0, "response": 0},
               {"assigned_question_id": 2, "is_correct": None, "response": None}]
    stats = scoring.question_stats(qs, answers)
    assert stats[1]["share"] == 0.5 and stats[1]["picks"] == [1, 0, 1]
    assert stats[2]["n"] == 1 and stats[2]["share"] == 0.0
    assert scoring.skill_stats(qs, answers) == {
        "attribution": {"n": 2, "correct": 1, "share": 0.5}, "sourcing": {"n": 1, "correct": 0, "share": 0.0}}
