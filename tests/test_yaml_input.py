"""YAML as coordinators write it: values stay text, mistakes get the line and the fix.

Every message is asserted in full: these are the words a coordinator reads.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from builds import FIXTURES

from partnership_archive import safe_yaml, schema
from partnership_archive.frontmatter import YamlProblem, load_yaml
from partnership_archive.translation.settings import SettingsError, load_settings
from partnership_archive.validation import read_partnership, read_version

PATH = "partnerships/p/minutes.de.md"
PARTNERSHIP = (FIXTURES / "basic/partnerships/lindau-kivu/partnership.yml").read_text("utf-8")


@pytest.fixture(params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Each message is checked with libyaml's parser and with PyYAML's own (their words differ)."""
    if request.param == "python":
        monkeypatch.setattr(safe_yaml, "_Loader", safe_yaml._PythonLoader)
    elif safe_yaml._FastLoader is None:
        pytest.fail("PyYAML was installed without libyaml")
    return request.param


def document(front_matter: str, lang: str = "de"):
    text = f"---\n{front_matter}---\nText.\n"
    return read_version(PATH, lang, text, schema.DocumentMeta, ("de", "en", "nb"))


def findings(front_matter: str) -> list[tuple[int | None, str, str]]:
    _, _, found = document(front_matter)
    return [(f.line, f.level, f.message) for f in found]


GOOD = "title: Protokoll\ntype: minutes\ndate: 2025-03-12\n"


# --- YAML 1.1 words are text where a field takes text --------------------------------


def test_words_that_yaml_1_1_reads_as_booleans_are_tags_and_titles():
    meta, version, found = document("title: yes\ntype: minutes\ndate: 2025-03-12\ntags: [on, no]\n")
    assert found == []
    assert version.title == "yes"
    assert meta["tags"] == ["on", "no"]


def test_a_year_as_title_stays_the_text_written():
    meta, version, found = document("title: 2024\ntype: report\ndate: 2025-03-12\n")
    assert (found, version.title) == ([], "2024")


def test_norway_and_norwegian_are_codes_not_false():
    text = PARTNERSHIP.replace("country: TZ", "country: NO").replace("[de, en]", "[de, en, no]")
    text = text.replace("    language: en", "    language: no")
    partnership, found = read_partnership("partnerships/p/partnership.yml", "p", text)
    assert found == []
    assert partnership.municipalities[1].country == "NO"
    assert partnership.languages == ("de", "en", "no")


def test_numbers_are_read_where_a_field_wants_one():
    partnership, found = read_partnership("partnerships/p/partnership.yml", "p", PARTNERSHIP)
    assert (found, partnership.since) == ([], 2015)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "since: 2015",
            "since: neunzehnhundert",
            13,
            "'since': 'neunzehnhundert' is not a year: write the year in four digits, e.g. 1998",
        ),
        (
            "    public: true",
            "    public: yes",
            22,
            "'public': 'yes' is not true or false: use true or false",
        ),
        (
            "languages: [de, en]",
            "languages: de",
            12,
            "'languages': expected a list, found the text 'de'; write it as [a, b] or one '- ' "
            "line per item, e.g. [de, en]",
        ),
        (
            "languages: [de, en]",
            "languages:\n  - de\n  - english",
            14,
            "'languages': 'english' is not a language code; use a two-letter ISO 639-1 code "
            "such as de, en, es, fr, uk or sw",
        ),
        (
            "    website: https://kivu.example",
            "    website: kivu.example",
            11,
            "'website': 'kivu.example' is not a web address: write it with https://, "
            "e.g. https://kivu.example",
        ),
        (
            "  - name: Gemeinde Lindau\n",
            "  - name: [Gemeinde, Lindau]\n",
            5,
            "'name': expected a text, found a list; write it after the colon on one line, "
            'in quotes if it contains ": ", e.g. title: "Protokoll: Sitzung"',
        ),
        (
            "municipalities:\n",
            "municipalities: Lindau und Kivu\nx:\n",
            4,
            "'municipalities': expected a list, found the text 'Lindau und Kivu'; start each "
            "entry with '- ' on a new line below the key, indented, e.g. "
            "'  - name: Gemeinde Lindau'",
        ),
    ],
    ids=["year", "boolean", "list", "list-item-line", "web-address", "text", "entries"],
)
def test_partnership_values_of_the_wrong_kind_say_what_to_write(old, new, line, message):
    assert old in PARTNERSHIP
    _, found = read_partnership(
        "partnerships/p/partnership.yml", "p", PARTNERSHIP.replace(old, new)
    )
    assert [(f.line, f.message) for f in found if f.level == "error"][0] == (line, message)


def test_no_message_names_a_python_type():
    broken = "title: [a]\ntype: 5\ndate: yes\ntags: {a: b}\ntranslation: x\nattachments: y\n"
    messages = " ".join(message for _, _, message in findings(broken))
    assert len(findings(broken)) == 6
    for jargon in ("<class", "Expected", "NoneType", "bool", "str", "dict", "int"):
        assert not re.search(rf"\b{jargon}\b", messages), jargon


def test_a_near_miss_of_a_choice_suggests_the_right_word():
    ((line, level, message),) = findings(GOOD.replace("minutes", "minute"))
    assert (line, level) == (3, "error")
    assert message.endswith("(did you mean 'minutes'?)")


def test_boolean_fields_of_translation_yml_say_use_true_or_false(tmp_path):
    (tmp_path / "translation.yml").write_text(
        "provider: libre\nproviders:\n  libre:\n    approved_for_internal: ja\n    timeout: 1,5\n",
        "utf-8",
    )
    with pytest.raises(SettingsError) as raised:
        load_settings(tmp_path)
    assert [str(f) for f in raised.value.findings] == [
        "translation.yml:4: error: 'approved_for_internal': 'ja' is not true or false: "
        "use true or false",
        "translation.yml:5: error: 'timeout': '1,5' is not a number: write digits, with a "
        "point for a fraction, e.g. 1.5",
    ]


# --- Front matter that is not what it should be ----------------------------------------


def test_empty_front_matter_lists_what_is_missing():
    assert findings("") == [
        (2, "error", "'title' is missing"),
        (2, "error", "'type' is missing"),
        (2, "error", "'date' is missing"),
    ]


def test_front_matter_that_is_a_list_says_what_is_expected():
    assert findings("- Protokoll\n- minutes\n") == [
        (2, "error", "expected 'key: value' lines (such as 'title: ...'), found a list")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            "the file is empty: it needs front matter (a '---' line, 'title: ...', 'type: ...', "
            "'date: ...', a closing '---' line), then the text",
        ),
        (
            "---\ntitle: Protokoll\ntype: minutes\n\nText.\n",
            "the front matter that starts here is not closed: add a '---' line after its last "
            "'key: value' line",
        ),
        (
            "\n\n---\ntitle: Protokoll\n---\n",
            "remove the 2 empty lines before '---': it must be the file's first line",
        ),
        (
            "Protokoll\n",
            "no front matter: the file must start with a '---' line, then 'title: ...', "
            "'type: ...', 'date: ...', then a closing '---' line",
        ),
    ],
    ids=["empty", "not-closed", "blank-lines-first", "none"],
)
def test_a_file_without_usable_front_matter_says_why(text, message):
    _, _, found = read_version(PATH, "de", text, schema.DocumentMeta, ("de", "en"))
    assert [(f.line, f.message) for f in found] == [(1, message)]


def test_a_key_written_twice_is_an_error_on_the_second_line():
    assert findings(GOOD + "title: Protokoll der Sitzung\n") == [
        (
            5,
            "error",
            "'title' is written twice in the same place (first on line 2): keep one of them, "
            "or merge the two values",
        )
    ]


def test_the_same_key_in_two_list_entries_is_fine():
    data, _ = load_yaml("contacts:\n  - name: a\n  - name: b\n")
    assert data == {"contacts": [{"name": "a"}, {"name": "b"}]}


# --- YAML syntax mistakes: the line to change and what to change -------------------------


SYNTAX = [
    (
        "contacts:\n\t- name: Erika\n",
        2,
        "this line is indented with a tab: use spaces, not tabs, to indent (most editors "
        "have a setting 'indent using spaces')",
    ),
    (
        "contacts:\n  - name: Erika\n  \t role: x\n",
        3,
        "this line is indented with a tab: use spaces, not tabs, to indent (most editors "
        "have a setting 'indent using spaces')",
    ),
    (
        "title: Protokoll: Sitzung\n",
        1,
        "there is a ': ' inside a value here: put the whole value in quotes, e.g. "
        'title: "Protokoll: Sitzung"; if this line is a key of its own, indent it like the '
        "keys above",
    ),
    (
        "title: Protokoll\nSitzung am Mittwoch\ntype: minutes\n",
        2,
        "this line is not 'key: value': write a colon and a space after the key, or indent "
        "the line to continue the value above it",
    ),
    (
        "title: [Protokoll\ntype: minutes\n",
        1,
        "the '[' on this line starts a list that is not closed: end it with ']', or put a "
        "value that starts with '[' in quotes",
    ),
    (
        "title: {de: Protokoll\ntype: minutes\n",
        1,
        "the '{' on this line is not closed: end it with '}', or put a value that starts "
        "with '{' in quotes",
    ),
    (
        'title: "Protokoll\ntype: minutes\ndate: 2025-03-12\n',
        1,
        "the quote that starts on this line is not closed: add the closing quote (\" or ') "
        "at the end of the value",
    ),
    (
        "tags:\n  - wasser\n - schule\n",
        3,
        "this line is not indented like the lines above: keys at the same level need the "
        "same number of spaces in front of them, and list items start with '- '",
    ),
    (
        "contacts:\n  - name: a\n   role: b\n",
        3,
        "the items of this list are not indented alike: start each '- ' in the same column",
    ),
    (
        "title: [2025] Protokoll\n",
        1,
        "a value that starts with a quote, '[' or '{' must also end with it: put the whole "
        'value in quotes, e.g. title: "[2025] Protokoll"',
    ),
    (
        "title: * wichtig\n",
        1,
        "a value cannot start with '*' (in YAML it repeats another value): put it in quotes: "
        '"* wichtig"',
    ),
    ("title: @lindau\n", 1, "a value cannot start with '@': put it in quotes: \"@lindau\""),
    (
        "title: *x\n",
        1,
        "'*x' refers to '&x', which is not defined above: put a value that starts with '*' "
        'in quotes, e.g. "*x"',
    ),
    (
        'title: "C:\\Users"\n',
        1,
        "a backslash (\\) in double quotes starts a special character: write \\\\ for a "
        "backslash, or use single quotes, e.g. 'C:\\Dokumente'",
    ),
    (
        "title: x\ntags: - a\n",
        2,
        "a '- ' list item cannot stand on the line of its key: put each item on its own line "
        "below the key, indented, or write the list as [a, b]",
    ),
    (
        "note: | Text\n",
        1,
        "after '|' or '>' the text starts on the next line, indented: move it there, or put "
        "the value in quotes",
    ),
    (
        "title: Proto\x07koll\n",
        1,
        "an invisible control character (U+0007) is on this line, often left by copying and "
        "pasting: delete it",
    ),
    (
        "title: x\n---\ntype: y\n",
        2,
        "a '---' line here starts a second YAML document: remove it (a file holds one set of keys)",
    ),
    (
        "title: !!python/object/apply:os.system [ls]\n",
        1,
        "'!!python/object/apply:os.system' is not needed here: values are read as text and "
        "each field says what it accepts; remove it",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), SYNTAX)
def test_yaml_mistakes_name_the_line_and_the_fix(parser, text, line, message):
    with pytest.raises(YamlProblem) as raised:
        load_yaml(text)
    assert (raised.value.line, raised.value.message) == (line, message)


def test_lines_count_from_the_first_line_of_the_front_matter():
    ((line, _, message),) = findings("title: Protokoll\n\tdate: 2025-03-12\n")
    assert line == 3 and message.startswith("this line is indented with a tab")


# --- Bounds ---------------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join([*lines, f"tags: *a{levels - 1}", ""])


LOAD_IN_A_BOUNDED_PROCESS = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024**3,) * 2)
from partnership_archive import safe_yaml
if sys.argv[1] == "python":
    safe_yaml._Loader = safe_yaml._PythonLoader
try:
    safe_yaml.load_yaml(sys.stdin.read())
except safe_yaml.YamlProblem as problem:
    print(json.dumps([problem.line, problem.message]))
"""


@pytest.mark.parametrize("parser_name", ["libyaml", "python"])
def test_aliases_that_would_expand_to_gigabytes_are_refused_at_the_alias(parser_name):
    """In its own process, with a time and memory limit: without the bound this would not end."""
    result = subprocess.run(
        [sys.executable, "-c", LOAD_IN_A_BOUNDED_PROCESS, parser_name],
        input=billion_laughs(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert json.loads(result.stdout) == [
        6,
        "the aliases here ('*a4' and those before it) repeat more than 100,000 values and "
        "characters: write the values out instead of repeating them with '&' and '*'",
    ]


def test_a_few_aliases_are_fine():
    data, lines = load_yaml("base: &b {name: Lindau}\ncopy:\n  <<: *b\n  country: DE\n")
    assert data["copy"] == {"name": "Lindau", "country": "DE"}
    assert lines[("copy", "country")] == 4


def test_an_alias_inside_its_own_anchor_is_refused(parser):
    with pytest.raises(YamlProblem) as raised:
        load_yaml("tags: &t [a, *t]\n")
    assert raised.value.message == (
        "'*t' is used inside the value '&t' it refers to, which would repeat it forever: "
        "write the value out instead"
    )


def test_values_nested_without_end_are_refused(parser):
    with pytest.raises(YamlProblem) as raised:
        load_yaml("tags: " + "[" * 5000 + "]" * 5000 + "\n")
    assert raised.value.message.startswith("the values here are nested more than 50 levels deep")
