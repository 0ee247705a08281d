"""Hook: the site's languages are its partnerships' languages.

mkdocs.yml names the default language and the usual ones; a partnership that
declares another language (a Spanish-speaking partner adds ``es``) gets it added to
mkdocs-static-i18n's languages before that plugin reads them, so nobody has to edit
mkdocs.yml for it. Material needs its interface texts in that language; see
``overrides/partials/languages/`` for languages Material does not ship. The site's name
and description and the colour scheme switch's words in that language come from
``labels.yml``, as every word of the generated pages does.
"""

from __future__ import annotations

from pathlib import Path

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs_static_i18n.config import I18nPluginLanguage

from partnership_archive.labels import labels, language_name
from partnership_archive.site_config import partnership_languages, site_languages

log = get_plugin_logger("archive")


def _add_search_stemmer(config: MkDocsConfig, locale: str) -> None:
    """Let Material's search stem the new language too, if lunr.js knows it."""
    search = config.plugins.get("material/search")
    stemmer = (
        Path(material.__file__).parent
        / f"templates/assets/javascripts/lunr/min/lunr.{locale}.min.js"
    )
    if search is not None and stemmer.is_file() and locale not in (search.config.lang or []):
        search.config.lang = [*(search.config.lang or []), locale]


@event_priority(-90)  # before mkdocs-static-i18n's on_config (-100) reads its languages
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins["i18n"]
    configured = [language.locale for language in plugin.config.languages]
    root = Path(config.config_file_path).parent
    for locale in site_languages(configured, partnership_languages(root))[len(configured) :]:
        language = I18nPluginLanguage()
        name = language_name(locale, locale)
        language.load_dict(_settings(locale, name[:1].upper() + name[1:]))
        failed, _ = language.validate()
        if failed:
            raise PluginError(f"cannot add the site language '{locale}': {failed}")
        plugin.config.languages.append(language)
        _add_search_stemmer(config, locale)
        log.info(f"'{locale}' is a language of a partnership: the site is built in it too")
    return config


def _settings(locale: str, name: str) -> dict:
    """mkdocs-static-i18n's settings of a language, as mkdocs.yml gives English its own."""
    words = labels(locale)
    switches = [{"toggle": {"name": words["dark_mode"]}}, {"toggle": {"name": words["light_mode"]}}]
    return {
        "locale": locale,
        "name": name,
        "site_name": words["site_name"],
        "site_description": words["site_description"],
        "theme": {"palette": switches},
    }
