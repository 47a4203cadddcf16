"""Body detection on pasted web pages: short pages written for these tests, each shaped like
what a select-all copy of a news page gives (menus, teasers, share bars, captions, ads)."""
import time

import pytest

import questions
from questions.body import furniture_kind, locate
from questions.clean import clean

PARAS = [
    "Ferry services to the northern islands were cancelled on Tuesday after crews walked out over "
    "a pay offer that the union described as an insult to the people who keep the islands going.",
    "The operator said it had offered a rise of four percent this year and a further three percent "
    "next year, and that it was disappointed the union had not put the offer to its members.",
    "Islanders who rely on the boats for hospital visits and deliveries said they had been given "
    "less than a day's notice, and some shops had run out of fresh milk by the afternoon.",
    "A spokesman for the regional council said emergency crossings would still run for patients "
    "and that it was talking to both sides in the hope of restarting the timetable by Saturday.",
    "The union said its members would return as soon as the company made an offer that matched "
    "the cost of living on the islands, where prices are higher than on the mainland.",
]
HEADLINE = "Ferry strike strands island communities"
MENU = ["Home", "News", "Sport", "Business", "Weather", "Sign in", "Subscribe"]


def page(*parts) -> str:
    """One line per element, as a browser's plain-text copy gives it."""
    lines = []
    for part in parts:
        lines += part if isinstance(part, list) else [part]
    return "\n".join(lines) + "\n"


def teaser(i: int) -> list[str]:
    """A feed item: headline, summary, buttons."""
    return [f"Council Approves New Parking Charges For Harbour Zone {i}",
            "Drivers will pay more to park near the harbour from next month under plans approved "
            f"by councillors, who said the money would repair roads in zone {i}.",
            "Save", "More like this"]


def body_text(text: str, c) -> str:
    """The characters the engine takes for the body: [body_start, body_end) less furniture."""
    keep = [True] * len(text)
    for f in c.furniture:
        for k in range(f.start, f.end):
            keep[k] = False
    return "".join(ch for k, ch in enumerate(text[:c.body_end]) if k >= c.body_start and keep[k])


def in_furniture(text: str, c, needle: str, kinds=None) -> bool:
    """True when all of `needle` lies inside one furniture span (of one of `kinds`)."""
    a = text.index(needle)
    return any(f.start <= a and a + len(needle) <= f.end and (kinds is None or f.kind in kinds)
               for f in c.furniture)


def assert_whole_article(text: str, c, paras=PARAS):
    body = body_text(text, c)
    for p in paras:
        assert p in body, p[:40]
    assert text[:c.body_end].endswith(paras[-1])


def test_menu_and_comments_line_above_the_article():
    text = page(MENU, HEADLINE, "Share on Facebook", "Share on Twitter", "Comments",
                "By Jane Doe", "March 3, 2024", PARAS, "Comments", "Sign in to comment",
                "Most popular", teaser(1), teaser(2))
    c = clean(text)
    assert c.title == HEADLINE
    assert c.published == "2024-03-03"
    assert_whole_article(text, c)
    assert in_furniture(text, c, "Comments")
    assert in_furniture(text, c, "By Jane Doe", {"meta"})


def test_caption_and_credit_inside_the_body():
    caption = ("Passengers queue at the harbour on Tuesday, when the strike began. "
               "Photo: Jane Roe/Agency")
    paren = "A closed ticket office at the ferry terminal on Monday. (Getty Images)"
    text = page(HEADLINE, PARAS[:2], "Image", caption, PARAS[2], paren, PARAS[3:])
    c = clean(text)
    assert_whole_article(text, c)
    assert in_furniture(text, c, caption, {"caption"})
    assert in_furniture(text, c, paren, {"caption"})
    analysis = questions.analyze(text)
    assert not any("harbour on Tuesday" in s.text or "ticket office" in s.text
                   for s in analysis.sentences)
    for q in questions.generate(analysis):
        assert not any(f.start <= q.evidence.start < f.end for f in analysis.furniture), q.id


def test_a_bare_credit_under_its_caption_and_under_an_image_label():
    text = page(HEADLINE, PARAS[:2], "The harbour on a quiet morning.", "Photo by Jane Roe",
                PARAS[2], "View photo", "John Roe", PARAS[3:])
    c = clean(text)
    assert_whole_article(text, c)
    assert in_furniture(text, c, "The harbour on a quiet morning.", {"caption"})
    assert in_furniture(text, c, "Photo by Jane Roe", {"credit"})
    assert in_furniture(text, c, "John Roe", {"credit"})


def test_related_headlines_and_ad_slot_between_paragraphs():
    related = ["Related coverage", "Union Rejects Pay Offer From Ferry Operator", "March 1, 2024",
               "Island Shops Warn Of Shortages", "February 27, 2024"]
    text = page(MENU, HEADLINE, PARAS[:1], "Continue reading the main story", related,
                "Advertisement", "Continue reading the main story", PARAS[1:])
    c = clean(text)
    assert_whole_article(text, c)      # the one-paragraph lead is not cut off
    assert in_furniture(text, c, "\n".join(related), {"related"})
    assert in_furniture(text, c, "Advertisement")


def test_short_body_in_a_long_page_of_teasers():
    feed = [line for i in range(15) for line in teaser(i)]
    text = page(MENU, feed, HEADLINE, "By Jane Doe", "3 Comments", PARAS[:3],
                "Related: Union leader says talks will resume", PARAS[3:], "What to Read Next",
                [line for i in range(15, 30) for line in teaser(i)])
    c = clean(text)
    assert c.title == HEADLINE
    assert_whole_article(text, c)
    assert "Drivers will pay more" not in body_text(text, c)
    assert in_furniture(text, c, "Related: Union leader says talks will resume", {"related"})


def test_teasers_after_a_more_stories_heading_are_not_body():
    text = page(HEADLINE, PARAS, "More stories", "Bus drivers vote to strike",
                "Drivers in the city voted to strike on Monday over new shift patterns that the "
                "union said would leave them exhausted.", "Airport queues grow",
                "Travellers faced queues of up to three hours at the airport on Sunday as staff "
                "shortages hit security checks.")
    c = clean(text)
    assert_whole_article(text, c)
    assert "Drivers in the city" not in body_text(text, c)


def test_a_feed_without_a_heading_after_the_article_is_not_body():
    feed = []
    for i in range(8):
        feed += [f"Harbour Master Warns Of Winter Storms Ahead {i}",
                 "Boat owners were told to check their moorings before the weekend, when strong "
                 f"winds and high tides are expected along the whole of the coast {i}."]
    text = page(HEADLINE, PARAS, feed)
    c = clean(text)
    assert_whole_article(text, c)
    assert "Boat owners" not in body_text(text, c)


def test_comments_after_the_article_never_join_it():
    text = page(HEADLINE, PARAS[:3], "12 Comments",
                "I have taken that ferry for twenty years and I have never seen the crews treated "
                "so badly by a company that makes so much money from the islands.",
                "The union should have warned people earlier, because my mother missed her "
                "hospital appointment on the mainland and nobody told her why.")
    c = clean(text)
    assert_whole_article(text, c, PARAS[:3])


def test_author_profile_and_republishing_note_end_the_body():
    text = page(HEADLINE, PARAS, "Jane Doe is a transport correspondent for the Example Times.",
                "This article originally appeared in the Example Times.")
    c = clean(text)
    assert_whole_article(text, c)


def test_chart_printed_as_text_is_furniture_and_does_not_split_the_article():
    chart = ["Fares since 2019", "$12", "PEAK", "$10", "OFF-PEAK", "8", "Day return", "6",
             "Season ticket", "4", "FORECAST", "2", "\u201919", "\u201920", "\u201921", "\u201922",
             "\u201923", "Source: Island Transport Office"]
    text = page(HEADLINE, PARAS[:1], chart, chart, PARAS[1:])   # printed twice, two layouts
    c = clean(text)
    assert_whole_article(text, c)
    assert not any(line in body_text(text, c).split("\n") for line in chart)


def test_subheadings_lists_and_separators_inside_the_body():
    text = page(HEADLINE, "What happened", PARAS[:2], "Why it matters", PARAS[2],
                "The union wants three things:", "- a rise of six percent", "- no cuts to crews",
                "___", PARAS[3:])
    c = clean(text)
    assert_whole_article(text, c)
    assert in_furniture(text, c, "What happened", {"heading"})
    assert in_furniture(text, c, "Why it matters", {"heading"})
    body = body_text(text, c)
    assert "- a rise of six percent" in body and "The union wants three things:" in body


def test_a_code_listing_quoted_in_the_article_stays_in_it():
    code = ["settings: {", "retries: [", "]", "}"]
    text = page(HEADLINE, PARAS[:2], "The engineer posted the faulty settings:", code, PARAS[2:])
    c = clean(text)
    assert_whole_article(text, c)
    assert "settings: {" in body_text(text, c) and not in_furniture(text, c, "retries: [")


def test_pull_quote_and_newsletter_promo_inside_the_body():
    quote = "We are the people who keep these islands connected."
    text = page(HEADLINE, PARAS[:2], f"\u201c{quote}\u201d",
                PARAS[2] + f" \u201c{quote} Nobody else does,\u201d said one deckhand.",
                "Get our morning newsletter in your inbox.", "The best way to start the day.",
                "Subscribe", PARAS[3:])
    c = clean(text)
    assert_whole_article(text, c)
    assert in_furniture(text, c, f"\u201c{quote}\u201d", {"quote"})
    assert in_furniture(text, c, "The best way to start the day.")


def test_prose_that_merely_resembles_furniture_stays_in_the_body():
    lines = ["By 2030, the operator expects to run electric ferries on every route to the islands.",
             "The newsletter of the ferry workers' union reported the vote on Monday morning.",
             "Fares rose by a fifth last year. (The operator later said the rise was smaller.)",
             "He named his source: a letter from the operator to the regional council."]
    text = page(HEADLINE, PARAS[:2], lines, PARAS[2:])
    c = clean(text)
    assert_whole_article(text, c)
    body = body_text(text, c)
    for line in lines:
        assert line in body
    assert all(furniture_kind(line) is None for line in lines)


def test_hard_wrapped_text_is_read_as_paragraphs():
    import textwrap
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in PARAS)
    text = HEADLINE + "\n\n" + wrapped + "\n"
    c = clean(text)
    assert c.title == HEADLINE
    assert c.furniture == []
    assert c.body_end == len(text.rstrip())


def test_locate_without_any_prose():
    assert locate(["Home", "News", "Sport"]) is None
    assert locate([]) is None


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        clean(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _odd(shape: str, scale: int) -> str:
    """A 50,000-word line, or 5,000 short lines, over `scale` (1 or 4)."""
    if shape == "one long line":
        words = " ".join(PARAS).split()
        return " ".join(words[k % len(words)] for k in range(50_000 // scale)) + "."
    labels = ["Home", "Share on Facebook", "Photo: Jane Roe", "3 Comments",
              "Council Approves New Parking Charges", "The minister said."]
    return "\n".join(labels[k % 6] for k in range(5_000 // scale))


@pytest.mark.parametrize("shape", ["one long line", "short lines"])
def test_time_grows_linearly(shape):
    """A 50,000-word line and 5,000 short lines cost about what 50,000 words of prose cost, and
    four times the text about four times the time (a quadratic step would take sixteen)."""
    prose = " ".join(PARAS)
    normal = "\n\n".join(prose for _ in range(50_000 // len(prose.split())))
    odd = _best_time(_odd(shape, 1))
    # a line costs a few regular-expression tests, so 5,000 lines weigh like 1,250 paragraphs
    assert odd < 5 * _best_time(normal) + 0.05
    assert odd < 8 * _best_time(_odd(shape, 4)) + 0.05
