"""PLACEHOLDER."""
def extract_attributions(text, sentences):
    return []
