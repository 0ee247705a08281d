"""Click's own words (``Usage:``, ``Options``, "No such option") in the user's language.

Click words its messages through gettext: each of its modules calls ``_`` and
``ngettext``, looked up when a message is made. Without a compiled gettext catalogue
those return the English text; ``install`` hands them the ``click:`` section of
``messages.yml`` instead (the English text is the key, as in gettext), so the help
and usage errors read in one language. Anything missing there stays English.
"""

from __future__ import annotations

import importlib

from .messages import catalogue, language, plural_form

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


def install(lang: str | None = None) -> None:
    lang = lang or language()
    table: dict = catalogue().get(lang, {}).get("click") or {}
    if not table:
        return

    def gettext(message: str) -> str:
        found = table.get(message)
        return found if isinstance(found, str) else message

    def ngettext(singular: str, plural: str, count: int) -> str:
        found = table.get(singular)
        if isinstance(found, dict):
            return found.get(plural_form(count, lang), found["other"])
        return singular if count == 1 else plural

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
