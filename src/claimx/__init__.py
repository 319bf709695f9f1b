"""claimx: organizations, places, money, dates and attributed claims from news articles."""

from claimx.extract import extract, extract_many
from claimx.ingest import Article, ArticleError
from claimx.records import Record


def __getattr__(name: str):
    if name == "__version__":  # importlib.metadata costs 0.1 s: only `claimx --version` pays for it
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("claimx")
        except PackageNotFoundError:  # running from a source tree without an install
            return "0.0.0"
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")


__all__ = ["Article", "ArticleError", "Record", "extract", "extract_many", "__version__"]
