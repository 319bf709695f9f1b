"""Turn paths, stdin and JSON Lines into Articles. No spaCy here."""

from claimx.ingest.article import Article, ArticleError
from claimx.ingest.sources import iter_articles, read_stdin

__all__ = ["Article", "ArticleError", "iter_articles", "read_stdin"]
