"""SHACL validation with pySHACL, reported in plain words with the record's file and line.

The shapes (``ontology/shapes.ttl``) are checked against the union graph with
the ontology in it, so targets and ``sh:class`` follow ``rdfs:subClassOf``
without running an inference engine. A property that takes one value and has
more in the union is read source by source (:mod:`graph.rdf.disputes`): sources
that disagree are a warning that names each value and its source, values that
state one fact at two precisions (2020 and 2020-05-28) are no finding, and two
values from one source stay a violation.

>>> from graph.build import build
>>> report = validate(build(["data"], checks=False))
>>> report.conforms, report.violations
(True, [])
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import rdflib
from rdflib.namespace import SH

import pyoxigraph as ox

from graph import namespaces
from graph.namespaces import ONTOLOGY_DIR, shorten, slug_of
from graph.rdf.disputes import values_by_source, verdict
from graph.wording import count

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@dataclass
class Finding:
    """One SHACL result, with where its record is."""

    severity: str
    entity: str
    label: str
    place: str
    property: str
    message: str
    value: str = ""

    def line(self) -> str:
        """``file:line: entity (label): property: message``."""
        where = f"{self.place}: " if self.place else ""
        prop = f"{self.property}: " if self.property else ""
        value = f" (value: {self.value})" if self.value else ""
        tag = "" if self.severity == "Violation" else f"[{self.severity.lower()}] "
        return f"{where}{tag}{self.entity} ({self.label}): {prop}{self.message}{value}"


@dataclass
class Report:
    """The outcome: conforms when there is no violation (warnings are listed but do not fail)."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def warnings(self) -> int:
        """How many findings are not violations (warnings, infos)."""
        return len(self.findings) - len(self.violations)

    def verdict(self) -> str:
        """``conforms``, or how many violations there are.

        >>> Report().verdict(), Report([Finding("Violation", "a", "A", "", "", "bad")]).verdict()
        ('conforms', '1 violation')
        """
        return "conforms" if self.conforms else count(len(self.violations), "violation")

    def text(self) -> str:
        """One line per finding, then a summary line ("1 violation, 2 warnings")."""
        lines = [f.line() for f in self.findings]
        lines.append(self.verdict() + (f", {count(self.warnings, 'warning')}" if self.warnings else ""))
        return "\n".join(lines)

    def json(self) -> str:
        """Machine-readable: ``{"conforms": ..., "findings": [...]}``."""
        return json.dumps({"conforms": self.conforms, "findings": [asdict(f) for f in self.findings]},
                          ensure_ascii=False, indent=1)


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    """The shapes, parsed once."""
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


def validate(result) -> Report:
    """Validate a :class:`graph.build.BuildResult` against the shapes."""
    from pyshacl import validate as shacl

    data = rdflib.Graph().parse(data=result.kg.serialize("nt").decode("utf-8"), format="nt")
    _, report_graph, _ = shacl(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True,
                               advanced=True, abort_on_first=False)
    labels = {str(s): str(o) for s, o in data.subject_objects(rdflib.RDFS.label)
              if isinstance(o, rdflib.Literal) and o.language in ("en", None)}
    findings = []
    for r in report_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = str(report_graph.value(r, SH.focusNode))
        owner = focus[len(namespaces.ID):].split(".", 1)[0] if focus.startswith(namespaces.ID) else focus
        path = report_graph.value(r, SH.resultPath)
        value = report_graph.value(r, SH.value)
        severity = str(report_graph.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        message = str(report_graph.value(r, SH.resultMessage) or "does not conform")
        if report_graph.value(r, SH.sourceConstraintComponent) == SH.MaxCountConstraintComponent \
                and isinstance(path, rdflib.URIRef):
            by_source = values_by_source(result.kg, ox.NamedNode(focus), ox.NamedNode(str(path)))
            seen = verdict(by_source)
            if seen == "one":
                continue  # one fact at two precisions
            if seen == "sources":
                severity, message = "Warning", "sources disagree: " + "; ".join(
                    f"{', '.join(_show(v) for v in vs)} ({slug_of(g)})" for g, vs in sorted(by_source.items()))
        findings.append(Finding(
            severity=severity,
            entity=slug_of(focus),
            label=labels.get(focus) or labels.get(namespaces.ID + owner, owner),
            place=result.where(namespaces.ID + owner) or "",
            property=shorten(str(path)) if isinstance(path, rdflib.URIRef) else "",
            message=message,
            value=_show(value),
        ))
    findings.sort(key=lambda f: (f.severity != "Violation", f.place, f.entity, f.property, f.message))
    return Report(findings)


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (rdflib.URIRef, ox.NamedNode)):
        return shorten(str(value.value if isinstance(value, ox.NamedNode) else value))
    if isinstance(value, ox.Literal):
        return value.value
    return str(value)
