"""The RML anchor: morph-KGC on the synthetic CSV files, with a mapping equivalent to what aikg makes of them.

morph-KGC pins its own pyoxigraph and rdflib, so it runs in its own Python
(``--morph-python``), timed from outside minus that Python's start-up and import.

The mapping states each row's type, labels, aliases and facts in the named
graph of every source in its ``sources`` cell (split on ``;``) and in the
default graph, as aikg does; ``prov:wasDerivedFrom`` goes to the default graph
only (a shortcut that gives morph-KGC fewer quads to write, not more).
"""
from __future__ import annotations

import csv
import subprocess
import time
from pathlib import Path

ID = "https://w3id.org/aiekg/id/"
V = "https://w3id.org/aiekg/vocab#"
XSD = "http://www.w3.org/2001/XMLSchema#"
KEYS = {  # CSV column → (predicate, kind)
    "developed_by": (V + "developedBy", "ref"), "introduced_in": (V + "introducedIn", "ref"),
    "uses": (V + "usesTechnique", "refs"), "based_on": (V + "basedOn", "refs"),
    "parameters": (V + "parameterCount", XSD + "integer"), "url": (V + "url", XSD + "anyURI"),
}


def _fn(function: str, *inputs: tuple[str, str]) -> str:
    ins = ", ".join(f"[ rml:parameter grel:{param} ; rml:inputValueMap [ {value} ] ]" for param, value in inputs)
    return f"rml:functionExecution [ rml:function {function} ; rml:input {ins} ]"


def _split(column: str, iris: bool = True) -> str:
    """The ids in a ``;``-separated cell, one value each; as IRIs, each id prefixed with the id namespace
    (morph-KGC does not resolve relative IRIs), by replace and concat nested inside the split."""
    value = f'rml:reference "{column}"'
    if iris:
        value = _fn("morph:concat", ("valueParameter1", f'rml:constant "{ID}"'),
                    ("valueParameter2", _fn("grel:string_replace", ("valueParameter", value),
                                            ("p_string_find", 'rml:constant ";"'),
                                            ("p_string_replace", f'rml:constant ";{ID}"'))))
    return _fn("morph:string_split_explode", ("valueParameter", value), ("p_string_sep", 'rml:constant ";"'))


def mapping(csv_dir: Path) -> str:
    """An RML mapping (Turtle) for every CSV file in ``csv_dir``."""
    out = ["@prefix rml: <http://w3id.org/rml/> .",
           "@prefix grel: <http://users.ugent.be/~bjdmeest/function/grel.ttl#> .",
           "@prefix morph: <https://github.com/morph-kgc/morph-kgc/function/built-in.ttl#> ."]
    for n, path in enumerate(sorted(csv_dir.glob("*.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
            first = dict(zip(header, next(csv.reader(f))))
        if "sources" in header:
            graphs = f"rml:graphMap [ {_split('sources')} ; rml:termType rml:IRI ], [ rml:constant rml:defaultGraph ]"
        else:  # a source states itself
            graphs = f'rml:graphMap [ rml:template "{ID}{{id}}" ], [ rml:constant rml:defaultGraph ]'
        poms = [f"[ rml:predicate <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ; rml:object <{V}{first['type']}> ]",
                '[ rml:predicate <http://www.w3.org/2000/01/rdf-schema#label> ; rml:objectMap [ rml:reference "label" ; rml:language "en" ] ]']
        if "label_zh" in header:
            poms.append('[ rml:predicate <http://www.w3.org/2000/01/rdf-schema#label> ; '
                        'rml:objectMap [ rml:reference "label_zh" ; rml:language "zh" ] ]')
        if "aliases" in header:
            poms.append(f'[ rml:predicate <http://www.w3.org/2004/02/skos/core#altLabel> ; '
                        f'rml:objectMap [ {_split("aliases", iris=False)} ; rml:termType rml:Literal ] ]')
        if "released" in header:
            kind = "gYear" if len(first["released"]) == 4 else "gYearMonth" if len(first["released"]) == 7 else "date"
            poms.append(f'[ rml:predicate <{V}releaseDate> ; rml:objectMap [ rml:reference "released" ; '
                        f'rml:datatype <{XSD}{kind}> ] ]')
        for column, (pred, kind) in KEYS.items():
            if column not in header:
                continue
            if kind == "ref":
                obj = f'rml:template "{ID}{{{column}}}"'
            elif kind == "refs":
                obj = f'{_split(column)} ; rml:termType rml:IRI'
            else:
                obj = f'rml:reference "{column}" ; rml:datatype <{kind}>'
            poms.append(f"[ rml:predicate <{pred}> ; rml:objectMap [ {obj} ] ]")
        poms = [pom[:-1] + f"; {graphs} ]" for pom in poms]  # every fact in each source's graph and the union
        if "sources" in header:
            poms.append(f'[ rml:predicate <http://www.w3.org/ns/prov#wasDerivedFrom> ; '
                        f'rml:objectMap [ {_split("sources")} ; rml:termType rml:IRI ] ]')
        out.append(
            f"<#Map{n}> a rml:TriplesMap ;\n"
            f"  rml:logicalSource [ rml:source \"{path}\" ; rml:referenceFormulation rml:CSV ] ;\n"
            f"  rml:subjectMap [ rml:template \"{ID}{{id}}\" ] ;\n"
            f"  rml:predicateObjectMap " + " ,\n    ".join(poms) + " .")
    return "\n\n".join(out) + "\n"


def run_morph(python: str, csv_dir: Path, work: Path) -> float:
    """Seconds morph-KGC takes to write the N-Quads of ``csv_dir`` (its Python's import time left out)."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "mapping.ttl").write_text(mapping(csv_dir), encoding="utf-8")
    (work / "config.ini").write_text(
        f"[CONFIGURATION]\noutput_file={work / 'out.nq'}\noutput_format=N-QUADS\n\n"
        f"[DataSource]\nmappings={work / 'mapping.ttl'}\n", encoding="utf-8")
    t = time.perf_counter()
    subprocess.run([python, "-c", "import morph_kgc"], check=True)
    start_up = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run([python, "-m", "morph_kgc", str(work / "config.ini")], check=True, capture_output=True)
    return time.perf_counter() - t - start_up
