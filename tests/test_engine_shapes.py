"""Crafted shapes of text cost about what prose costs (issue 8, finding 1): no stage may grow with
the square or the cube of one long sentence. Compared within one run, as ratios, never as absolute
times (bench/engine.py prints the full table)."""
import random
import time

import questions
from questions import dates
from questions.attributions import _nothing_said_after

FILLER = "the talks went on and the city waited for news of the deal".split()
MONTHS = ["January", "March", "May", "July", "October", "December"]


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        questions.generate(questions.analyze(text))
        best = min(best, time.perf_counter() - t0)
    return best


def prose(words: int, rng) -> str:
    sentences, n = [], 0
    while n < words:
        s = " ".join(rng.choice(FILLER) for _ in range(12)).capitalize() + ", officials said."
        sentences.append(s)
        n += 14
    return "A Plain Article\n\n" + " ".join(sentences) + "\n"


def test_a_sentence_dense_with_dates_costs_about_what_prose_costs():
    rng = random.Random(1)
    crafted = "A Crafted Article\n\n" + " ".join(
        f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2024)} the" for _ in range(800)) + ".\n"
    plain = prose(len(crafted.split()), rng)
    questions.generate(questions.analyze(plain))        # warm the first-name list
    assert seconds(crafted) < 10 * seconds(plain)


def test_a_long_tail_without_punctuation_is_read_once():
    rng = random.Random(2)
    crafted = "A Crafted Article\n\n" + " ".join(
        rng.choice(FILLER + ["said", "according", "to", "Reuters"]) for _ in range(1200)) + "\n"
    plain = prose(len(crafted.split()), rng)
    questions.generate(questions.analyze(plain))
    assert seconds(crafted) < 10 * seconds(plain)


def test_the_place_and_time_tail_rule_reads_a_bounded_tail():
    tail = " on " + " ".join(["the deal went on and on"] * 2000)
    assert _nothing_said_after(" said" + tail, 5) is False


def test_a_sentence_reads_at_most_a_bounded_number_of_dates():
    sentence = " ".join(f"on {d} March 2020 and" for d in range(1, 29)) * 10
    found = dates._candidates(sentence, (2020, 3, 30), None)
    assert len(found) <= dates.MAX_CANDIDATES
