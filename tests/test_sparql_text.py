"""The SPARQL tokenizer that safety checks and parameter substitution rely on."""
from __future__ import annotations

import pytest

from graph.errors import AikgError
from graph.sparql.text import dataset_iris, query_form, substitute, uses_service


def test_a_parameter_is_replaced_as_a_variable_only():
    q = 'SELECT ?x WHERE { ?x rdfs:label "?model" ; <http://e/?model=1> ?model . FILTER(?model != $model) } # ?model'
    out = substitute(q, {"model": "<http://m>"})
    assert out == ('SELECT ?x WHERE { ?x rdfs:label "?model" ; <http://e/?model=1> <http://m> . '
                   'FILTER(<http://m> != <http://m>) } # ?model')


def test_a_longer_variable_with_the_same_prefix_is_left_alone():
    assert substitute("SELECT ?modelLabel { ?model ?p ?modelLabel }", {"model": "<m>"}) == \
        "SELECT ?modelLabel { <m> ?p ?modelLabel }"


def test_a_selected_parameter_is_refused():
    with pytest.raises(AikgError, match="also a result column"):
        substitute("SELECT ?org WHERE { ?m aikg:developedBy ?org }", {"org": "<o>"})


@pytest.mark.parametrize("query, form", [
    ("PREFIX a: <http://a/> # INSERT here\nSELECT * {}", "SELECT"),
    ("  ask { }", "ASK"),
    ('BASE <http://b/> CONSTRUCT WHERE { ?s ?p "DELETE" }', "CONSTRUCT"),
    ("LOAD <http://x/>", "LOAD"),
    ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
])
def test_the_query_form_ignores_comments_and_strings(query, form):
    assert query_form(query) == form


def test_service_is_found_only_as_a_keyword():
    assert uses_service("SELECT * { service <http://x/> { ?s ?p ?o } }")
    assert not uses_service('SELECT * { <http://x/SERVICE> ?p "SERVICE" } # SERVICE')
    assert not uses_service("SELECT ?service { ?service ?p ?o }")


def test_from_clauses_expand_prefixes_from_the_query_and_the_project():
    q = "PREFIX ex: <http://ex/> SELECT * FROM ex:g FROM NAMED kg:survey FROM <http://x/y> { ?s ?p ?o }"
    assert dataset_iris(q, {"kg": "https://w3id.org/aiekg/id/"}) == \
        ["http://ex/g", "https://w3id.org/aiekg/id/survey", "http://x/y"]
    with pytest.raises(AikgError, match="undeclared prefix"):
        dataset_iris("SELECT * FROM nope:g { }", {})
