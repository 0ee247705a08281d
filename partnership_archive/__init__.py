"""The partnership archive's library: document model, validation and site assembly.

Hooks in ``overrides/hooks/`` and the command-line scripts in ``scripts/`` are thin
layers over this package, so that the build and the tools agree on what a
partnership, a document and a mirror are.
"""
