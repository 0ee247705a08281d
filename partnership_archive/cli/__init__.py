"""The command-line program ``partnership-archive``: thin commands over the library.

One module per command (``new``, ``check``, ``translate``, ``review``, ``build``,
``serve``), each a Click command with its options, examples and exit codes;
``common`` holds what they share (exit codes, the archive's folder, failures as one
line), ``messages`` the catalogue of everything they say, in the user's language.
The helpers of ``translate`` live beside it: ``selection`` (which documents),
``targets`` (``--to``), ``provider_setup`` (a provider ready, or why not),
``translation_run``, ``progress`` and ``run_summary``. ``scripts/*.py`` call the same
commands, so the commands documented before keep working.
"""
