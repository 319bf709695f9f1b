"""Turn paths, stdin and JSON Lines into Articles. No spaCy here."""

from claimx.ingest.article import Article, ArticleError
from claimx.ingest.fetch import is_url
from claimx.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from claimx.ingest.sources import (Input, input_that_is_output, iter_articles, iter_inputs, output_targets, read_bytes,
                                   read_input, read_stdin)

__all__ = ["DEFAULT_MAX_BYTES", "Article", "ArticleError", "IngestOptions", "Input", "input_that_is_output", "is_url",
           "iter_articles", "iter_inputs", "output_targets", "read_bytes", "read_input", "read_stdin"]
