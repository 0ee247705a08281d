"""Scaffolding (scripts/new.py): safe names from any input, templates that validate, no overwrite.

The CLI runs as a coordinator runs it, in a subprocess against a temp copy of
``tests/fixtures/basic``; pure naming and rendering functions are tested directly.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from builds import FIXTURES, REPO, make_project, mkdocs_build
from site_helpers import page_path, soup

from partnership_archive import scaffold, schema
from partnership_archive.loading import SLUG, load_archive
from partnership_archive.model import Municipality, Partnership, split_language
from partnership_archive.site_config import archive_languages
from partnership_archive.validation import read_partnership, read_version

DATE = dt.date(2025, 3, 12)
PARTNER = "lindau-kivu"
TEMPLATE_LANGUAGES = ("de", "en", "es", "fr")
LONG_TITLE = "Sitzung der Lenkungsgruppe zur Fortschreibung des Aktionsplans " * 8

# Titles, folders and slugs a coordinator (or a pasted document) might produce.
HOSTILE = [
    "../../etc/passwd",
    "Ärger über Öl & Straße",
    "CON",
    "nul.txt",
    "..",
    ".git",
    "/etc/passwd",
    "C:\\Windows\\System32",
    "a/../../b",
    "Protokoll 🎉🚀 der Sitzung",
    "🎉🚀",
    "Café São Paulo – Łódź",
    "Протокол засідання",
    "tab\there\nnew\x07line",
    LONG_TITLE,
]


# --- pure functions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Ärger über Öl & Straße", "aerger-ueber-oel-strasse"),
        ("Steering group meeting", "steering-group-meeting"),
        ("../../etc/passwd", "etc-passwd"),
        ("  ", ""),
        ("CON", "con-1"),
        ("lpt1", "lpt1-1"),
        ("Café São Paulo – Łódź", "cafe-sao-paulo-lodz"),
        ("Mlima's well", "mlimas-well"),
        ("Protokoll 🎉 der Sitzung", "protokoll-der-sitzung"),
        ("Протокол", ""),
    ],
)
def test_slugify(text, slug):
    assert scaffold.slugify(text) == slug


@pytest.mark.parametrize("text", HOSTILE)
def test_every_slug_is_a_safe_bounded_path_segment(text):
    slug = scaffold.slugify(text)
    assert slug == "" or SLUG.fullmatch(slug)
    assert len(slug) <= scaffold.MAX_SEGMENT


def test_long_titles_are_cut_at_a_word_boundary():
    name = scaffold.document_name(DATE, LONG_TITLE)
    assert len(name) <= scaffold.MAX_SEGMENT
    assert name.startswith("2025-03-12-sitzung-der-lenkungsgruppe-zur-")
    assert name.split("-")[-1] in scaffold.slugify(LONG_TITLE, 10_000).split("-")


@pytest.mark.parametrize(
    "title",
    ["yes", "null", "2025", "2025-03-12", "- item", "#1", "key: value", "'quoted'", '"q"',
     "[x]", "{x}", "&anchor", "*alias", "!tag", "%x", "@x", "`x`", "a # b", "Ärger 🎉"],
)  # fmt: skip
def test_any_title_survives_the_front_matter(title):
    text = scaffold.render_document(scaffold.DocumentFacts(title, "other", DATE), "Text.\n")
    meta, _, findings = read_version("p/x.de.md", "de", text, schema.DocumentMeta, ["de"])
    assert findings == [] and meta["title"] == title


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Steering group meeting", "2025-03-12-steering-group-meeting"),
        ("🎉🚀", "2025-03-12"),
        ("  ", "2025-03-12"),
    ],
)
def test_document_name_starts_with_the_date(title, name):
    assert scaffold.document_name(DATE, title) == name


@pytest.mark.parametrize(
    ("folder", "path"),
    [
        ("minutes", "minutes"),
        ("../../etc/passwd", "etc/passwd"),
        ("..\\..\\Windows", "windows"),
        ("/absolute/path", "absolute/path"),
        ("  ", "."),
        (None, "."),
        (".git/hooks", "git/hooks"),
        ("Protokolle/Ärger 2025", "protokolle/aerger-2025"),
    ],
)
def test_folder_path(folder, path):
    assert scaffold.folder_path(folder) == PurePosixPath(path)


def test_folder_path_is_not_too_deep():
    with pytest.raises(scaffold.ScaffoldError, match="4 levels deep"):
        scaffold.folder_path("a/b/c/d")


def test_clean_title_keeps_one_printable_line():
    assert scaffold.clean_title(" Ärger\tüber\n Öl\x00 ") == "Ärger über Öl"


def test_an_unknown_placeholder_is_an_error():
    with pytest.raises(scaffold.ScaffoldError, match="municipality_3"):
        scaffold.fill("{{ municipality_3 }}", {"municipality_1": "A"})


# --- templates --------------------------------------------------------------------------

TOWNS = (Municipality("Stadt Auental", "DE", "de"), Municipality("Mlima", "TZ", "en"))
SAMPLE = Partnership("a-b", "A–B", TOWNS, TEMPLATE_LANGUAGES, 2011)


def rendered(doc_type: str, lang: str, title: str = "Titel: mit Doppelpunkt") -> str:
    facts = scaffold.DocumentFacts(
        title, doc_type, DATE, scaffold.default_visibility(doc_type), ("water",)
    )
    body = scaffold.template_body(doc_type, lang)
    return scaffold.render_document(facts, scaffold.fill(body, scaffold.placeholder_values(SAMPLE)))


def test_every_language_has_a_template_for_every_type():
    assert set(TEMPLATE_LANGUAGES) <= set(scaffold.template_languages())
    for lang in scaffold.template_languages():
        files = {p.stem for p in (scaffold.TEMPLATES_DIR / lang).glob("*.md")}
        assert files == set(schema.DOCUMENT_TYPES), lang


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
@pytest.mark.parametrize("doc_type", schema.DOCUMENT_TYPES)
def test_every_template_validates(doc_type, lang):
    path = f"partnerships/a-b/x.{lang}.md"
    text = rendered(doc_type, lang)
    meta, version, findings = read_version(path, lang, text, schema.DocumentMeta, [lang])
    assert findings == []
    assert meta["type"] == doc_type and meta["date"] == DATE and meta["tags"] == ["water"]
    assert version.title == "Titel: mit Doppelpunkt"
    assert "{{" not in text and "}}" not in text


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
@pytest.mark.parametrize("doc_type", ["agreement", "minutes", "contacts"])
def test_templates_name_both_partners(doc_type, lang):
    text = rendered(doc_type, lang)
    assert "Stadt Auental" in text and "Mlima" in text


def structure(text: str) -> tuple[list[str], list[int]]:
    """Heading anchors and table widths: what must not differ between languages."""
    anchors = re.findall(r"\{ #([a-z0-9-]+) \}", text)
    widths = [line.count("|") for line in text.splitlines() if line.startswith("|")]
    return anchors, widths


@pytest.mark.parametrize("doc_type", schema.DOCUMENT_TYPES)
def test_templates_have_the_same_structure_in_every_language(doc_type):
    english = structure(scaffold.template_body(doc_type, "en"))
    assert english[0], "every template has headings with stable anchors"
    for lang in TEMPLATE_LANGUAGES:
        assert structure(scaffold.template_body(doc_type, lang)) == english, lang


def test_contact_lists_default_to_internal():
    assert scaffold.default_visibility("contacts") == "internal"
    assert "visibility: internal" in rendered("contacts", "de")
    assert "visibility: public" in rendered("minutes", "de")


def test_other_languages_fall_back_to_english():
    assert scaffold.template_language("sw") == "en"
    assert scaffold.template_language("fr") == "fr"


def test_rendered_partnership_validates_and_reads_back():
    text = scaffold.partnership_yaml(SAMPLE)
    partnership, findings = read_partnership("partnerships/a-b/partnership.yml", "a-b", text)
    assert findings == []
    assert partnership == SAMPLE
    assert "languages: [de, en, es, fr]" in text and "start page" in text


# --- the command line -------------------------------------------------------------------


def new(project: Path, command: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    script = str(REPO / "scripts/new.py")
    return subprocess.run(
        [sys.executable, script, command, "--root", str(project), *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def new_document(project: Path, *args: str, **options: str) -> subprocess.CompletedProcess:
    defaults = {"partnership": PARTNER, "type": "minutes", "lang": "de", "date": "2025-03-12"}
    flags = [item for key, value in {**defaults, **options}.items() for item in (f"--{key}", value)]
    return new(project, "document", *flags, *args)


def created(result: subprocess.CompletedProcess, project: Path) -> Path:
    assert result.returncode == 0, result.stderr
    match = re.search(r"created (\S+)$", result.stdout, re.MULTILINE)
    assert match, result.stdout
    return project / match.group(1)


def files(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())


def assert_valid_version(project: Path, path: Path) -> dict:
    rel = path.relative_to(project).as_posix()
    lang = split_language(path.name)[1]
    meta, _, findings = read_version(
        rel, lang, path.read_text("utf-8"), schema.DocumentMeta, ("de", "en", "fr", "es", "sw")
    )
    assert findings == [], findings
    return meta


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "archive", FIXTURES / "basic")


@pytest.mark.parametrize("title", [t for t in HOSTILE if scaffold.clean_title(t)])
def test_hostile_titles_give_safe_file_names_inside_the_partnership(project, title):
    path = created(new_document(project, title=title), project)
    folder = (project / "partnerships" / PARTNER).resolve()
    assert path.resolve().parent == folder
    assert re.fullmatch(r"2025-03-12(-[a-z0-9]+)*\.de\.md", path.name)
    assert len(path.name) <= scaffold.MAX_SEGMENT + len(".de.md")
    assert assert_valid_version(project, path)["title"] == scaffold.clean_title(title)


@pytest.mark.parametrize("folder", HOSTILE)
def test_hostile_folders_stay_inside_the_partnership(project, folder):
    result = new_document(project, title="Sitzung", folder=folder)
    path = created(result, project).resolve()
    partnership = (project / "partnerships" / PARTNER).resolve()
    assert path.is_relative_to(partnership)
    for segment in path.parent.relative_to(partnership).parts:
        assert SLUG.fullmatch(segment) and segment not in ("con", "nul")
    assert_valid_version(project, path)


def test_a_folder_that_links_outside_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "partnerships" / PARTNER / "linked").symlink_to(outside, target_is_directory=True)
    result = new_document(project, title="Sitzung", folder="linked")
    assert result.returncode == 2
    assert "--folder: 'linked' leads outside the partnership folder" in result.stderr
    assert list(outside.iterdir()) == []


def test_the_example_from_the_brief(project):
    path = created(
        new_document(project, title="Steering group meeting", folder="minutes", lang="en"),
        project,
    )
    expected = "partnerships/lindau-kivu/minutes/2025-03-12-steering-group-meeting.en.md"
    assert path.relative_to(project).as_posix() == expected
    text = path.read_text("utf-8")
    assert text.startswith("---\ntitle: Steering group meeting\ntype: minutes\ndate: 2025-03-12\n")
    assert "## Attendees { #attendees }" in text and "- Gemeinde Lindau: …" in text


def test_a_german_document_gets_the_german_template(project):
    text = created(new_document(project, title="Sitzung"), project).read_text("utf-8")
    assert "## Tagesordnung { #agenda }" in text and "| Was | Wer | Bis wann |" in text


def test_an_existing_file_is_never_overwritten(project):
    path = created(new_document(project, title="Sitzung"), project)
    path.write_text("my precious minutes", encoding="utf-8")
    again = new_document(project, title="Sitzung")
    assert again.returncode == 2
    assert "partnerships/lindau-kivu/2025-03-12-sitzung.de.md already exists" in again.stderr
    assert path.read_text("utf-8") == "my precious minutes"


def test_a_new_document_does_not_take_the_name_of_a_translation(project):
    before = files(project)
    result = new_document(project, title="meeting", lang="de", date="2023-06-01", folder="minutes")
    assert (result.returncode, files(project)) == (2, before)  # 2023-06-01-meeting.en.md exists
    assert "minutes/2023-06-01-meeting.de.md already exists" in result.stderr


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        ({"partnership": "nowhere"}, 2, "there is no partnership 'nowhere'; known: lindau-kivu"),
        ({"partnership": "../../etc"}, 2, "there is no partnership"),
        ({"date": "12.03.2025"}, 2, "--date: '12.03.2025' is not a date in the form YYYY-MM-DD"),
        ({"date": "2025-02-30"}, 2, "is not a date"),
        ({"type": "minute"}, 2, "Invalid value for '--type': 'minute' is not one of"),
        ({"lang": "fr"}, 2, "'fr' is not one of the languages of lindau-kivu (de, en)"),
        ({"lang": "xx"}, 2, "'xx' is not a known ISO 639-1 language code"),
        ({"title": "  "}, 2, "--title: the title is empty"),
        ({"folder": "a/b/c/d"}, 2, "--folder:"),
    ],
)
def test_user_mistakes_are_messages_with_usage_exit_code(project, options, code, message):
    before = files(project)
    result = new_document(project, **{"title": "Sitzung", **options})
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert files(project) == before


def test_contacts_are_internal_by_default(project):
    result = new_document(project, title="Kontakte", type="contacts")
    assert assert_valid_version(project, created(result, project))["visibility"] == "internal"
    assert "not appear on the public website" in result.stdout


def test_a_language_without_templates_falls_back_to_english_with_a_note(project):
    result = new(project, *PARTNERSHIP_FLAGS, "--languages", "de,sw", "--slug", "pori-lindau")
    assert result.returncode == 0, result.stderr
    result = new_document(project, partnership="pori-lindau", lang="sw", title="Kikao")
    assert "no template in Swahili (sw) yet; the English one was used" in result.stderr
    assert "## Attendees" in created(result, project).read_text("utf-8")


# --- new partnership --------------------------------------------------------------------

PARTNERSHIP_FLAGS = (
    "partnership",
    "--municipality",
    "Gemeinde Lindau;de;de",
    "--municipality",
    "Pori Town Council;tz;sw;https://pori.example",
    "--since",
    "2019",
)


def assert_archive_valid(project: Path) -> None:
    _, findings = load_archive(project, archive_languages(project))
    assert findings == [], findings


def test_a_partnership_from_flags(project):
    result = new(
        project,
        *PARTNERSHIP_FLAGS,
        "--languages",
        "de,sw,en",
        "--name-de",
        "Partnerschaft Lindau – Pori",
        "--name",
        "sw=Ushirikiano wa Lindau na Pori",
        "--name",
        "Lindau–Pori",
    )
    path = created(result, project)
    assert path.relative_to(project).as_posix() == (
        "partnerships/gemeinde-lindau-pori-town-council/partnership.yml"
    )
    partnership, findings = read_partnership("p.yml", "x", path.read_text("utf-8"))
    assert findings == []
    assert partnership.name == {
        "de": "Partnerschaft Lindau – Pori",
        "sw": "Ushirikiano wa Lindau na Pori",
        "en": "Lindau–Pori",
    }
    assert partnership.languages == ("de", "sw", "en")
    assert [t.country for t in partnership.municipalities] == ["DE", "TZ"]
    assert partnership.municipalities[1].website == "https://pori.example"
    assert_archive_valid(project)


def test_a_partnership_asked_for_interactively(project):
    answers = [
        "Stadt Bergheim", "DE", "de", "",  # municipality 1, no website
        "Alcaldía de San Juan", "Nicaragua", "NI", "es", "https://sanjuan.example",  # re-asked
        "",  # languages: the default, de,es
        "2003",
        "Partnerschaft Bergheim – San Juan", "Hermanamiento Bergheim – San Juan",
        "Bergheim & San Juan",  # slug, made safe
    ]  # fmt: skip
    result = new(project, "partnership", stdin="\n".join(answers) + "\n")
    path = created(result, project)
    assert "'Nicaragua' is not a country code" in result.stderr
    assert path.parent.name == "bergheim-san-juan"
    partnership, findings = read_partnership("p.yml", "x", path.read_text("utf-8"))
    assert findings == [] and partnership.languages == ("de", "es") and partnership.since == 2003
    assert_archive_valid(project)


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (("--slug", "lindau-kivu"), 2, "partnerships/lindau-kivu/partnership.yml already exists"),
        (("--slug", "  "), 2, "--slug: '  ' has no letters or digits"),
        (("--languages", "de"), 2, "at least two languages"),
        (("--languages", "de,en"), 2, "'sw', the language of Pori Town Council, is missing"),
        (("--since", "next year"), 2, "--since: 'next year' is not a year"),
        (("--municipality", "Lindau;Germany;de"), 2, "'Germany' is not a country code"),
        (("--name", "fr=Lindau"), 2, "'fr' is not one of the languages de, sw"),
    ],
)
def test_partnership_mistakes(project, extra, code, message):
    before = [(p, (project / p).read_bytes()) for p in files(project)]
    result = new(project, *PARTNERSHIP_FLAGS, *extra, stdin="")
    assert result.returncode == code, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert [(p, (project / p).read_bytes()) for p in files(project)] == before


def test_a_name_cannot_inject_yaml(project):
    evil = "Lindau\nsince: 1800\n# ;de;de"
    result = new(project, *PARTNERSHIP_FLAGS, "--municipality", evil, "--name", "x\ny: 1")
    partnership, findings = read_partnership("p.yml", "x", created(result, project).read_text())
    assert findings == [] and partnership.since == 2019
    assert partnership.municipalities[2].name == "Lindau since: 1800 #"
    assert partnership.name == "x y: 1"


def test_a_hostile_slug_becomes_a_safe_folder(project):
    path = created(new(project, *PARTNERSHIP_FLAGS, "--slug", "../../Ärger/CON"), project)
    assert path.parent.name == "aerger-con"
    assert path.resolve().is_relative_to((project / "partnerships").resolve())


def test_missing_answers_without_a_terminal_are_a_usage_error(project):
    result = new(project, "partnership", "--municipality", "Lindau;DE;de", stdin="")
    assert result.returncode == 2
    assert "no answer for 'Name'" in result.stderr and "Traceback" not in result.stderr


# --- the site picks new documents up ----------------------------------------------------

MINUTES = "partnerships/lindau-kivu/minutes/2025-03-12-lenkungsgruppe-maerz"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("scaffold"), FIXTURES / "basic")
    result = new_document(
        project, title="Lenkungsgruppe März", folder="minutes", tags="Wasser,Schulen"
    )
    created(result, project)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build


def test_a_new_document_is_built_in_both_languages(built):
    german = soup(page_path(built.site, "de", MINUTES))
    assert german.select_one("article h1").get_text(strip=True) == "Lenkungsgruppe März"
    assert german.select_one(".archive-fallback") is None
    english = soup(page_path(built.site, "en", MINUTES))
    note = english.select_one(".archive-fallback").get_text(" ", strip=True)
    assert "not available in English" in note and "German" in note
    assert (
        english.select_one('div[lang="de"] #attendees')
        .get_text(strip=True)
        .startswith("Teilnehmende")
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_new_document_is_listed_on_the_overview(built, lang):
    overview = soup(page_path(built.site, lang, "partnerships/lindau-kivu/index"))
    links = {a.get_text(strip=True): a["href"] for a in overview.select("article a[href]")}
    assert "Lenkungsgruppe März" in links
    assert (
        links["Lenkungsgruppe März"].rstrip("/").endswith("minutes/2025-03-12-lenkungsgruppe-maerz")
    )


def test_every_template_builds_strictly(tmp_path):
    """A partnership in the four template languages, every type in every language."""
    project = make_project(tmp_path / "all", FIXTURES / "basic")
    towns = ("--municipality", "Ville de Kouré;BF;fr", "--municipality", "Villa Nueva;NI;es")
    flags = ("--since", "2020", "--languages", "de,en,fr,es", "--slug", "all-templates")
    assert new(project, "partnership", *towns, *flags).returncode == 0
    for lang in TEMPLATE_LANGUAGES:
        for doc_type in schema.DOCUMENT_TYPES:
            result = new_document(
                project, partnership="all-templates", type=doc_type, lang=lang,
                title=f"{doc_type} {lang}", visibility="public",
            )  # fmt: skip
            created(result, project)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    for lang in TEMPLATE_LANGUAGES:
        site_folder = build.site / ("" if lang == "de" else lang)
        pages = sorted(site_folder.glob("partnerships/all-templates/2025-03-12-*/index.html"))
        assert len(pages) == len(TEMPLATE_LANGUAGES) * len(schema.DOCUMENT_TYPES), lang


def test_errors_in_the_archive_stop_before_writing(project):
    config = project / "partnerships" / PARTNER / "partnership.yml"
    config.write_text(config.read_text("utf-8").replace("country: TZ", "country: Tanzania"))
    before = files(project)
    result = new_document(project, title="Sitzung")
    assert result.returncode == 2
    assert (
        "partnerships/lindau-kivu/partnership.yml:9: error: 'country': 'Tanzania'" in result.stderr
    )
    assert files(project) == before
