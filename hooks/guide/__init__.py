"""The guide's own logic, in plain Python (no MkDocs import).

parse -> validate -> export/render. ``hooks/mkdocs_guide.py`` adapts it to
MkDocs; ``hooks/check_checklists.py`` runs the validation on its own.
"""
