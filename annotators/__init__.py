"""What the text says: cleaning, pre-annotation, quotes, claims, alignment.

Pure functions and small classes over text and spaCy Docs: no SQL, no Textual.
"""
