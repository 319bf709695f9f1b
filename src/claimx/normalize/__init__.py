"""Pure functions from strings (and reference dates) to normalized values. No spaCy here."""
