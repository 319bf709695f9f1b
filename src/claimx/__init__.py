"""claimx: organizations, places, money, dates and attributed claims from news articles."""

# Imported on first use: `import claimx` (and so `claimx --help`) must not pay for spaCy.
_LAZY = {"extract": "claimx.extract", "extract_many": "claimx.extract", "Article": "claimx.ingest",
         "ArticleError": "claimx.ingest", "Record": "claimx.records"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("claimx")
        except PackageNotFoundError:  # running from a source tree without an install
            return "0.0.0"
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")

__all__ = ["Article", "ArticleError", "Record", "extract", "extract_many", "__version__"]
