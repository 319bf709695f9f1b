"""claimx's spaCy components, one per layer. Importing this package registers the `claimx_*` factories."""

from claimx.components import claims, dates, entities, money  # noqa: F401
