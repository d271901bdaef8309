"""Survey notes (Markdown, Chinese and English) become candidate records with provenance.

:func:`graph.ingest.candidates.ingest` is the entry point: Markdown → blocks
(:mod:`.markdown`) → mentions linked to known entities (:mod:`.linker`) →
entities and facts by rule (:mod:`.extract`) → candidate records, each fact
citing the passage (file, lines, text) it came from.

The rules are grouped by concern, each group a part of
:class:`.extract.Extraction` in its own module: the names in a block
(:mod:`.names`), what a new name is (:mod:`.entity_types`), headings
(:mod:`.headings`), list items and their fields (:mod:`.items`), prose
(:mod:`.prose`), tables (:mod:`.tables`), makers (:mod:`.maker_rules`), lineage
(:mod:`.lineage`), papers (:mod:`.papers`), people (:mod:`.people`) and the
values of a topic (:mod:`.topic_facts`); they share :mod:`.patterns` and the
state of :mod:`.extraction_state`. Text-level readers that know nothing of
entities sit below them (:mod:`.affiliations`, :mod:`.bibliography`,
:mod:`.makers`, :mod:`.places`, :mod:`.trees`, :mod:`.values`, :mod:`.terms`). A reviewed candidate file
is read and merged by :mod:`.merge`; :mod:`.review` is what ``aikg ingest``
does (show, diff, merge, evaluate with :mod:`.evaluate`).
"""
