"""Survey notes (Markdown, Chinese and English) become candidate records with provenance.

:func:`graph.ingest.candidates.ingest` is the entry point: Markdown → blocks
(:mod:`.markdown`) → mentions linked to known entities (:mod:`.linker`) →
entities and facts by rule (:mod:`.extract`) → candidate records, each fact
citing the passage (file, lines, text) it came from. A reviewed candidate file
is read and merged by :mod:`.merge`; :mod:`.review` is what ``aikg ingest``
does (show, diff, merge, evaluate with :mod:`.evaluate`).
"""
