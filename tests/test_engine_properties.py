"""The engine on generated articles: never a crash, and every question keeps its promises."""
from hypothesis import HealthCheck, given, settings, strategies as st

import questions

SPEAKERS = ["Anna Berg", "Mr Okoye", "The Daily Post", "officials", "Reuters", "Dr. Jan Ruiz", "She", "He", "They"]
VERBS = ["said", "told reporters", "warned", "denied", "believes", "noted", "wrote", "added", "claimed"]
CLAUSES = ["the plan would fail", "prices rose in May", "the 1990s were different", "it is unclear why",
           "nobody knew", "the deal, signed in 2019, had collapsed", "$50 million was missing",
           "the vote may be delayed", "the company is accused of fraud"]
QUOTES = ["'We will act.'", '"This is wrong," ', "\u201cNot now.\u201d", "'fugitive from justice'"]
FRAGMENTS = st.one_of(
    st.builds(lambda s, v, c: f"{s} {v} that {c}.", st.sampled_from(SPEAKERS), st.sampled_from(VERBS), st.sampled_from(CLAUSES)),
    st.builds(lambda q, s: f"{q} {s} said.", st.sampled_from(QUOTES), st.sampled_from(SPEAKERS)),
    st.builds(lambda c, s: f"According to {s}, {c}.", st.sampled_from(CLAUSES), st.sampled_from(SPEAKERS)),
    st.builds(lambda c: f"In late October, {c}.", st.sampled_from(CLAUSES)),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40),
)
FILLER = ("The council met again on Tuesday to discuss the budget, and residents asked many questions "
          "about the schools, the roads and the new library that the city has planned for years. ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(FRAGMENTS, min_size=1, max_size=5), min_size=1, max_size=6))
def test_generated_articles(paragraphs):
    text = "A Title For The Test (2024)\n\n" + FILLER * 3 + "\n\n" + "\n\n".join(" ".join(p) for p in paragraphs)
    analysis = questions.analyze(text)
    drafts = questions.generate(analysis)
    assert questions.generate(questions.analyze(text)) == drafts      # deterministic
    for q in drafts:
        assert text[q.evidence.start:q.evidence.end] == q.evidence.text
        if q.type not in ("discussion", "timeline"):
            assert 0 <= q.answer < len(q.choices)
            assert len(set(q.choices)) == len(q.choices)
