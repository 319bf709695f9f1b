"""The language guess behind the `unsupported_language` decision: sure of another language only on that
language's own evidence, never from English with foreign names, tables or short texts."""

import pytest

from claimx.batch import Summary
from claimx.ingest import Article, ArticleError, IngestOptions
from claimx.ingest.assemble import make_article
from claimx.language import detect_language, is_unsupported

ENGLISH = ("Harbour Freight said on Tuesday that its board had approved a new depot in Bergen, the largest "
           "investment the company has made in Norway since it opened its first terminal there.")
GERMAN = ("Das Unternehmen teilte am Dienstag in Berlin mit, dass es eine neue Fabrik bauen werde und dafür "
          "rund zwei Millionen Euro ausgeben wolle.")
SPANISH = ("La empresa dijo el martes en Madrid que construirá una nueva fábrica y que invertirá unos dos "
           "millones de euros en el proyecto durante los próximos años.")
FRENCH = ("L'entreprise a annoncé mardi à Paris qu'elle allait construire une nouvelle usine et qu'elle y "
          "consacrerait environ deux millions d'euros au cours des prochaines années.")
DUTCH = ("Het bedrijf maakte dinsdag in Amsterdam bekend dat het een nieuwe fabriek gaat bouwen en daar de "
         "komende jaren ongeveer twee miljoen euro in wil steken.")
TAGALOG = ("Sinabi ng kumpanya noong Martes sa Maynila na magtatayo ito ng bagong pabrika at gagastos ng halos "
           "dalawang milyong piso para sa proyekto sa susunod na taon.")
RUSSIAN = ("Компания сообщила во вторник в Москве, что построит новый завод и потратит на него около двух "
           "миллионов евро в ближайшие годы.")
GEORGIAN = "კომპანიამ სამშაბათს თბილისში განაცხადა, რომ ახალ ქარხანას ააშენებს და მასში ორ მილიონ ევროს დახარჯავს. " * 3
# English full of foreign names, and an English results table
NAMES = ("Jean-Luc de la Fontaine, Maria dos Santos, Hans van der Berg, Giuseppe di Stefano and Ana de la Cruz "
         "said on Tuesday in Bogotá that the company would build a new plant in São Paulo next year.")
TABLE = ("SOCCER - SPANISH LEAGUE RESULTS.\nMADRID 1996-08-31\nResults of Spanish first division matches:\n"
         "Real Madrid 2 Deportivo Coruna 1\nAtletico de Madrid 3 Real Sociedad de Futbol 0\n"
         "Valencia 1 Real Betis 1\nRayo Vallecano 0 Celta de Vigo 2\nSporting de Gijon 1 Real Zaragoza 1\n"
         "Standings: Real Madrid 3 1 0 0 2 1 3, Atletico de Madrid 3 1 0 0 3 0 3, Celta de Vigo 3 1 0 0 2 0 3\n")
CRICKET = ("CRICKET - SCOREBOARD.\nLONDON 1996-08-30\nEngland first innings\nM. Atherton c Smith b Jones 12\n"
           "A. Stewart lbw b Khan 44\nN. Hussain c de Silva b Ali 7\nG. Thorpe b Khan 31\nJ. Crawley not out 20\n"
           "Extras (b 4 lb 2 w 1 nb 3) 10\nTotal (for 4 wickets) 124\nFall of wickets: 1-20 2-58 3-70 4-103\n")


@pytest.mark.parametrize("text, code, unsupported", [
    (ENGLISH, "en", False),
    (ENGLISH * 3, "en", False),
    (NAMES * 2, "en", False),
    (TABLE, None, False),
    (CRICKET, None, False),
    ("Port fees rise", None, False),  # too short to tell: analysed
    (GERMAN * 2, "de", True),
    (SPANISH * 2, "es", True),
    (FRENCH * 2, "fr", True),
    (DUTCH * 2, "nl", True),
    (TAGALOG * 2, "tl", True),
    (RUSSIAN * 2, "ru", True),
    (GEORGIAN, "und", True),
])
def test_language_decision(text, code, unsupported):
    found = detect_language(text)
    if code is None:  # a table: no language, or "und" in Latin script; analysed either way
        assert found in (None, "und", "en")
    else:
        assert found == code
    assert is_unsupported(found, text) is unsupported


def test_a_non_english_article_becomes_an_unsupported_language_error():
    refused = make_article("a", "corpus/a.txt", GERMAN * 2, IngestOptions())
    assert isinstance(refused, ArticleError) and refused.type == "unsupported_language"
    assert "German (de)" in refused.message and "--any-language" in refused.message
    kept = make_article("a", "corpus/a.txt", GERMAN * 2, IngestOptions(any_language=True))
    assert isinstance(kept, Article) and kept.text == GERMAN * 2
    assert isinstance(make_article("b", "b", ENGLISH * 2, IngestOptions()), Article)


def test_the_summary_warns_about_articles_not_analysed():
    line = Summary(documents=10, failed=3, unsupported_language=3).line()
    assert "3 not in English, not analysed" in line and "--any-language" in line
    assert "English" not in Summary(documents=10).line()
