"""Hook: the theme's templates compiled once per process, not once per language build.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs one
build per language; the preview runs one on every save. Compiling Material's templates
takes a noticeable part of a small rebuild. Jinja's bytecode cache keeps the compiled
code, checked against each template's source, so an edited template is compiled anew.
"""

from __future__ import annotations

import jinja2
from _archive import kept_forever
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


class _MemoryCache(jinja2.BytecodeCache):
    def __init__(self, store: dict) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = _MemoryCache(kept_forever("templates"))
    return env
