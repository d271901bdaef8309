"""The ontology parses, every term is labelled in English and Chinese and defined, keys are unique."""
from __future__ import annotations

from collections import Counter

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.namespaces import ONTOLOGY_FILE, VOCAB
from graph.vocabulary import load_vocabulary

AIKG = rdflib.Namespace(VOCAB)


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def aikg_terms(g: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in g.subjects(RDF.type, None) if isinstance(s, rdflib.URIRef) and str(s).startswith(VOCAB)}


def test_the_ontology_parses_and_declares_the_classes_the_survey_needs():
    g = ontology()
    classes = {s for s in g.subjects(RDF.type, OWL.Class)}
    for name in ["Organization", "Company", "University", "ResearchLab", "Person", "Model", "LanguageModel",
                 "Paper", "Technique", "Dataset", "Software", "Service", "Source", "Article", "Video",
                 "Repository", "Survey"]:
        assert AIKG[name] in classes, name


def test_every_term_has_an_english_and_a_chinese_label_and_a_definition():
    g = ontology()
    terms = aikg_terms(g)
    assert len(terms) > 80
    missing = []
    for term in sorted(terms):
        langs = {lbl.language for lbl in g.objects(term, RDFS.label)}
        if not {"en", "zh"} <= langs or (term, SKOS.definition, None) not in g:
            missing.append(str(term))
    assert not missing, f"terms without en+zh labels or a definition: {missing}"


def test_every_class_and_property_is_aligned_with_an_outside_vocabulary_or_is_internal():
    g = ontology()
    outside = []
    for term in aikg_terms(g):
        kinds = set(g.objects(term, RDF.type))
        if not kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}:
            continue
        links = [o for p in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch)
                 for o in g.objects(term, p) if not str(o).startswith(VOCAB)]
        if links:
            outside.append(term)
    assert AIKG.developedBy in outside and AIKG.LanguageModel in outside
    assert (AIKG.developedBy, SKOS.exactMatch, rdflib.URIRef("http://www.wikidata.org/entity/P178")) in g
    assert len(outside) >= 50


def test_record_keys_and_type_names_are_unique():
    g = ontology()
    keys = Counter(str(o) for s, o in g.subject_objects(AIKG.recordKey)
                   if (s, RDF.type, OWL.ObjectProperty) in g or (s, RDF.type, OWL.DatatypeProperty) in g)
    assert [k for k, n in keys.items() if n > 1] == []
    types = Counter(str(o) for o in g.objects(None, AIKG.recordType))
    assert [k for k, n in types.items() if n > 1] == []


def test_the_vocabulary_reads_kinds_ranges_and_functional_keys_from_the_ontology():
    v = load_vocabulary()
    assert v.keys["released"].functional and v.keys["released"].kind == "date"
    assert not v.keys["developed_by"].functional
    assert v.ranges[VOCAB + "basedOn"] == VOCAB + "Model"
    assert v.is_a(v.types["University"], VOCAB + "Organization")
    assert v.concepts[VOCAB + "DerivationKind"]["finetune"] == VOCAB + "FineTune"
