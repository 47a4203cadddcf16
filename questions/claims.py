"""PLACEHOLDER."""
def classify_claims(text, sentences, attributions):
    return []
