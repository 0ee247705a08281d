"""The translation engine: segments, placeholders, memory and providers.

Pure building blocks for ``scripts/translate.py`` and the site hooks; no module
here reads configuration or environment variables.
"""
