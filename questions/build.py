"""PLACEHOLDER."""
def build_questions(analysis):
    return []
