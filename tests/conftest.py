import pytest


@pytest.fixture(scope="session")
def nlp():
    """The full claimx pipeline, loaded once for the whole test session."""
    from claimx.pipeline import load_pipeline

    return load_pipeline()
