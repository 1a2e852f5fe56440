"""``drafter serve``: a local workbench in the browser over the same pipeline as the CLI.

Nothing here is imported unless ``serve`` runs (the CLI imports drafter.serve.server inside the
command), so the other commands start as fast as before.
"""
