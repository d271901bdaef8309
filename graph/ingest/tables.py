"""Table rows, read by what their headers mean.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re

from graph.ingest import values
from graph.ingest.linker import normalize
from graph.ingest.markdown import Block
from graph.ingest.patterns import BARE_URL, NUM, SIZE, _lang, _number

class Tables:
    """Table rows, read by what their headers mean."""

    #: what a table's column says, by its header
    COL_NAME = re.compile(r"模型|model|name|名称|项目|keywords?|技术|方法|method|technique|dataset|数据集", re.I)

    COL_PAPER = re.compile(r"paper|论文|title|标题|publication", re.I)

    COL_DATE = re.compile(r"date|time|year|日期|时间|年份|发布(?!机构|方|者|单位|团队|组织)", re.I)

    COL_URL = re.compile(r"url|link|链接|地址|网址|homepage|github", re.I)

    COL_NOTE = re.compile(r"comment|description|简介|备注|说明|描述|介绍|note|remark", re.I)

    COL_ORG = re.compile(r"org|institut|compan|机构|单位|公司|组织|团队|developer|affiliation|lab", re.I)

    COL_AUTHOR = re.compile(r"author|作者", re.I)

    COL_PARAMS = re.compile(r"param|参数|size|规模", re.I)

    COL_BASE = re.compile(r"base|基座|底座|基于", re.I)

    def table_row(self, b: Block) -> None:
        """A row of a table, read by what its headers mean: the name (model, technique, keywords) is the
        subject; a paper column is the paper that introduces it (dated by the date column); an organization
        column is its developer and the paper's publisher; parameters, base model, links and notes.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("| Date | keywords | Institute | Paper |\\n| --- | --- | --- | --- |\\n"
        ...     "| 2021-03 | Foo | Acme & Bar Lab | [Foo: a model](https://arxiv.org/abs/2103.00001) |\\n"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.key != "url")
        [('foo', 'developed_by', 'acme'), ('foo', 'developed_by', 'bar-lab'), ('foo', 'introduced_in', 'paper-foo'), ('paper-foo', 'publisher', 'acme'), ('paper-foo', 'publisher', 'bar-lab'), ('paper-foo', 'released', '2021-03')]
        """
        cols = {i: h.lower().strip() for i, h in enumerate(b.header)}
        name_col = next((i for i, h in cols.items() if self.COL_NAME.search(h)), None)
        paper_col = next((i for i, h in cols.items() if i != name_col and self.COL_PAPER.search(h)), None)
        if name_col is None:
            name_col, paper_col = (paper_col, None) if paper_col is not None else (0, None)
        if name_col >= len(b.cells) or not b.cells[name_col]:
            return
        header = cols.get(name_col, "")
        kind = "Paper" if self.COL_PAPER.search(header) else (
            "Dataset" if re.search(r"dataset|数据集", header, re.I) else None) or (
            self.type_from_section(b) if paper_col is None else None) or "LanguageModel"
        if kind == "Paper" and not self.COL_PAPER.search(header):
            kind = "LanguageModel"  # a section of papers lists what its papers introduce
        cell_links = lambda i: [(t, u) for t, u in b.links if t and i < len(b.cells) and t in b.cells[i]]
        url = next((u for _, u in cell_links(name_col)), None)
        subject = self.entity(b.cells[name_col], b.line, self.type_from_url(url) if url else kind, 0.8, url)
        if subject is None:
            return
        if url and not (self.entities.get(subject) and self.entities[subject].linked):
            self.url_of(subject, url, b, "table-link")
        paper = None
        if paper_col is not None and paper_col < len(b.cells) and b.cells[paper_col]:
            purl = next((u for _, u in cell_links(paper_col)), None) or next(iter(BARE_URL.findall(b.cells[paper_col])), None)
            title = b.cells[paper_col] if not b.cells[paper_col].startswith("http") else ""
            paper = self.paper_for(subject, title, purl, b, "table-paper")
        for i, h in cols.items():
            if i in (name_col, paper_col) or i >= len(b.cells) or not b.cells[i]:
                continue
            cell = b.cells[i]
            if self.COL_DATE.search(h):
                d = values.date(cell)
                if d:
                    self.fact(paper or subject, "released", d, b, 0.8, "table-date")
            elif self.COL_URL.search(h):
                for u in [u for _, u in cell_links(i)] + BARE_URL.findall(cell)[:1]:
                    self.url_of(subject, u, b, "table-url")
            elif self.COL_NOTE.search(h):
                self.fact(subject, "description", {_lang(cell): cell}, b, 0.6, "table-description")
            elif self.COL_ORG.search(h) or self.COL_AUTHOR.search(h):
                author = bool(self.COL_AUTHOR.search(h)) and not self.COL_ORG.search(h)
                cell = re.sub(r"\s*(?:et al\.?|等(?:人)?)\s*$", "", cell)
                for part in re.split(r"\s*(?:&|＆|、|,|，|;|；|/|\band\b|和|与)\s*|\s+et al\.?", cell):
                    part = part.strip(" .")
                    aka = re.fullmatch(r"(?P<n>[^()（）]{2,60}?)\s*[（(](?P<a>[^()（）]{2,40})[)）]", part)
                    if aka:  # "AI2（艾伦人工智能研究所）", "智源研究院（BAAI）": a name and another (the Latin one is the id)
                        latin = [x for x in (aka.group("n"), aka.group("a")) if re.match(r"[A-Za-z]", x)]
                        part, other = (latin[0], aka.group("a") if latin[0] == aka.group("n") else aka.group("n")) \
                            if latin else (aka.group("n"), aka.group("a"))
                    if len(part) < 2:
                        continue
                    key = self.entity(part, b.line, "Person" if author else "Organization", 0.75)
                    if aka and key and key in self.entities and not self.entities[key].linked:
                        self._add_name(self.entities[key], other)
                        self._by_label.setdefault(normalize(other), key)
                    if self.is_a(subject, "Paper"):
                        self.fact(subject, "authors", key, b, 0.8, "table-org")  # a paper's institutes wrote it
                    else:
                        self.fact(subject, "developed_by", key, b, 0.8, "table-org")
                        if paper and not author:
                            self.fact(paper, "publisher", key, b, 0.75, "table-org")
            elif self.COL_PARAMS.search(h):
                if len(re.findall(SIZE, cell)) > 1 and self.is_a(subject, "Model") and \
                        re.fullmatch(r"[\d.\sBMT/,，、;；]+|[\d.\sBMT/,，、;；]*\band\b[\d.\sBMT/,，、;；]*", cell):
                    # "Qwen2 | 0.5B / 7B / 72B": a version of the row's model per size
                    label = self.entities[subject].label if subject in self.entities else b.cells[name_col]
                    self.size_versions(subject, label, cell, b, "table-sizes", 0.7, 0.75)
                    continue
                m = re.search(NUM, cell)
                if m and self.is_a(subject, "Model"):
                    self.fact(subject, "parameters", int(_number(m.group("n"), m.group("u"))), b, 0.8, "table-params")
            elif self.COL_PAPER.search(h) and not self.is_a(subject, "Paper"):
                self.paper_for(subject, cell, next((u for _, u in cell_links(i)), None), b, "table-paper")
            elif self.COL_BASE.search(h):
                key = self.entity(cell, b.line, "LanguageModel", 0.7)
                self.fact(subject, "based_on", key, b, 0.8, "table-base")
