"""Decoded text plus what the input said about it → one Article: chrome masks, headlines, and the publication
date with its source (input, cli, the web page's own signals, dateline, filename — in that order of precedence)."""

from __future__ import annotations

from collections.abc import Sequence

from claimx.ingest.article import Article, ArticleError
from claimx.ingest.country import country_from_url
from claimx.ingest.datelines import find_datelines
from claimx.ingest.layout import caps_headlines, drop_lines, find_layout
from claimx.ingest.options import IngestOptions
from claimx.ingest.published import choose_published, date_from_path, find_dateline_date
from claimx.ingest.reading_view import reading_view
from claimx.language import detect_language, is_unsupported, language_name


def make_article(
    id_: str,
    source: str,
    text: str,
    options: IngestOptions,
    *,
    input_date: str | None = None,
    html_date: str | None = None,
    html_date_source: str = "html",
    path: str | None = None,
    title: str | None = None,
    url: str | None = None,
    author: str | None = None,
    headings: Sequence[str] = (),
    drop_chrome: bool = False,
    page_country: str | None = None,
) -> Article | ArticleError:
    """An Article, or an `unsupported_language` ArticleError for a text claimx does not read (English only,
    unless `options.any_language`). `path` is the file name dates may be read from (None for feeds and URLs);
    `html_date_source` names the page signal that gave `html_date` (published.PAGE_SOURCES). `drop_chrome`: the
    text is claimx's own (a page's extracted text), so chrome lines are cut out of it rather than masked.
    `page_country`: the country an HTML page declares. The publisher's country is --country, else the URL's
    domain, else the page's locale."""
    language = detect_language(text)
    if not options.any_language and is_unsupported(language, text):
        where = "stdin" if source == "-" else source
        return ArticleError(id_, source, "unsupported_language",
                            f"{where}: written in {language_name(language)} ({language}); claimx analyses English "
                            "(--any-language analyses it anyway)")
    article = Article(id=id_, source=source, text=text, title=title, url=url, author=author, language=language,
                      country=options.country or country_from_url(url) or page_country)
    if options.mask_chrome:
        layout = find_layout(text, title=title, headings=headings)
        if drop_chrome and layout.masked:
            article.text = text = drop_lines(text, layout.masked)
            layout = find_layout(text, title=title, headings=headings)
        article.masked, article.headlines = layout.masked, layout.headlines
        if article.title is None and layout.headlines:  # scraped text names no title: its headline is one
            start, end = layout.headlines[0]
            article.title = text[start:end]
    with_reading(article)
    # the weaker sources are only looked at when every stronger one is silent
    article.published, article.published_source = choose_published({"input": input_date, "cli": options.published,
                                                                     html_date_source: html_date})
    if article.published is None:
        article.published, article.published_source = choose_published({
            "dateline": find_dateline_date(text),
            "filename": date_from_path(path) if path else None,
        })
    return article


def with_reading(article: Article) -> Article:
    """Give the article its reading view, hyphen breaks, datelines and all-caps headlines (once: an article that
    has a reading view keeps it). Every Article the pipeline reads goes through here, whether ingest or the Python
    API made it."""
    if article.reading is None:
        view = reading_view(article.text)
        article.reading, article.hyphen_breaks = view.text, view.hyphen_breaks
        article.datelines = find_datelines(view.text)
        article.headlines = sorted(article.headlines + caps_headlines(view.text, article.masked + article.headlines))
    return article
