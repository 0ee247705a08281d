"""The translation engine: segments, checks, providers and the memory.

Building blocks for ``scripts/translate.py``: ``structure`` (the site's Markdown stack),
``segments``/``locate`` (what it renders as text), ``placeholders``/``literal``/``markup``
(what a provider sees, and how its answer becomes text again), ``verify`` (render and
compare before writing), ``workflow`` (plan and write mirrors). I/O happens at the
edges only: ``settings`` (translation.yml, keys from the environment),
``structure.read_markdown_config`` (a given mkdocs.yml), the providers (HTTP), the memory
file and the mirrors written by ``workflow``.
"""
