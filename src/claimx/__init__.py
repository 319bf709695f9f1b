"""claimx: organizations, places, money, dates and attributed claims from news articles."""

from importlib.metadata import PackageNotFoundError, version

from claimx.extract import extract, extract_many
from claimx.ingest import Article, ArticleError
from claimx.records import Record

try:
    __version__ = version("claimx")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = ["Article", "ArticleError", "Record", "extract", "extract_many", "__version__"]
