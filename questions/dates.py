"""PLACEHOLDER (to be replaced by the dates extractor)."""
def extract_dates(text, sentences, published):
    return []
