"""Sourced's question engine: a news article in, evidence-grounded reading questions out.

Offline and deterministic: the same article always gives the same analysis and questions.
Usable without Flask; the web app calls `read_article`, `analyze` and `generate`.
"""
from .model import (STATUSES, SKILLS, Analysis, ArticleError, Attribution, Claim, Cleaned,
                    DateMention, Evidence, Question, Sentence, Span)
from .pipeline import analyze, generate, read_article, to_dict

__all__ = ["STATUSES", "SKILLS", "Analysis", "ArticleError", "Attribution", "Claim", "Cleaned",
           "DateMention", "Evidence", "Question", "Sentence", "Span",
           "analyze", "generate", "read_article", "to_dict"]
