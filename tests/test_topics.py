"""Topics as readers see them: one entry however coordinators wrote them, never an id."""

from __future__ import annotations

from partnership_archive.model import Archive, Municipality, Partnership
from partnership_archive.topics import Topic, partnership_topics, topic_key, topic_names


def partnership(slug: str, languages: tuple[str, ...], *topics) -> Partnership:
    town = Municipality(name="Gemeinde", country="DE", language="de")
    return Partnership(slug, {"de": slug}, (town,), languages, 2000, topics=topics)


TALBACH = partnership("talbach-nyota", ("de", "en"), "jugendaustausch", "fairer-handel")
WEIDENFELD = partnership(
    "weidenfeld-santa-lucia",
    ("de", "es"),
    {"de": "Jugendaustausch", "es": "Intercambio juvenil"},
    {"de": "Fairer Handel", "es": "Comercio justo"},
)
ARCHIVE = Archive(partnerships=(TALBACH, WEIDENFELD), languages=("de", "en", "es"))


def test_topics_that_differ_in_case_or_hyphens_are_one():
    assert topic_key("Fairer Handel") == topic_key("fairer-handel") == topic_key("FAIRER_HANDEL")
    assert topic_key("Jugendaustausch") == topic_key("jugendaustausch")


def test_a_topic_is_shown_as_the_best_written_form_anyone_used():
    names = topic_names(ARCHIVE, "de")
    assert sorted(topic.name for topic in names.values()) == ["Fairer Handel", "Jugendaustausch"]
    assert partnership_topics(TALBACH, names, "de") == [
        Topic("Jugendaustausch"),
        Topic("Fairer Handel"),
    ]


def test_a_topic_written_as_an_id_takes_its_form_from_another_language_and_says_which():
    names = topic_names(ARCHIVE, "es")
    assert partnership_topics(TALBACH, names, "es") == [
        Topic("Jugendaustausch", "de"),
        Topic("Fairer Handel", "de"),
    ]
    assert partnership_topics(WEIDENFELD, names, "es") == [
        Topic("Intercambio juvenil"),
        Topic("Comercio justo"),
    ]


def test_an_id_nobody_wrote_otherwise_is_shown_as_words():
    alone = Archive(partnerships=(partnership("a-b", ("de",), "fairer-handel"),))
    assert list(topic_names(alone, "de").values()) == [Topic("Fairer handel")]
