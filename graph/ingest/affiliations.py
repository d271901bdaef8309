"""Who works or worked where, and who founded what, read from one passage of English or Chinese prose.

The rules here see only text and the spans of the names found in it: the people (known, or names that read as
people's) and the organizations. They return *ties*: a person's span, an organization's span (or ``None`` for
the organization the passage is about), a role and whether the tie is over. What the names are is the caller's
business (:mod:`graph.ingest.extract` turns spans into entities).

A tie needs a cue between the two names, in the same sentence:

- before a name: "Stanford professor Fei-Fei Li", "OpenAI co-founder Ilya Sutskever", "Character.AI's general
  counsel, Dominic Perella", "清华大学教授唐杰", "百川智能创始人王小川";
- after a name: "Daniel Levy, a former OpenAI researcher", "王小川，搜狗前 CEO";
- a verb from the person to the organization, across other words: "who left Google in 2021 to found
  Character.AI", "previously led AI efforts at Apple", "will join Google DeepMind", "曾任职于微软亚洲研究院";
- from the organization to people: "was founded by A, B and C", "co-founded with A", "run by A and B",
  "the company A started", "Her co-founders are A and B" (the passage's organization).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

#: what a person is at an organization, in English
ROLE_EN = (r"(?:co-?founders?|founders?|CEO|CTO|COO|chief\s+(?:scientist|executive|technology\s+officer|[a-z]+\s+officer)|"
           r"president|chair(?:man|woman)?|(?:managing\s+)?director(?:\s+of\s+[A-Za-z ]{2,20}?)?|"
           r"head(?:\s+of\s+[A-Za-z ]{2,20}?)?|(?:senior\s+)?(?:VP|vice\s+president)(?:\s+of\s+[A-Za-z ]{2,20}?)?|"
           r"(?:assistant\s+|associate\s+)?professors?|(?:research\s+)?scientists?|"
           r"researchers?|engineers?|executives?|managers?|fellows?|alumn(?:us|a|i|ae)|veterans?|employees?|general\s+counsel|"
           r"(?:general\s+)?partners?|(?:team\s+|tech\s+)?leads?|PhD(?:\s+students?)?|Ph\.D\.|students?|postdocs?|interns?|"
           r"founding\s+(?:members?|engineers?|scientists?|partners?))")
#: a verb that ties the person before it to the organization after it; ``left`` and the like end the tie
VERB_EN = re.compile(
    r"(?P<found>(?:co-?)?found(?:ed|s|ing)?|(?:co-?)?start(?:ed|s|ing)|set\s+up|establish(?:ed|es|ing)|"
    r"spun\s+(?:out|off)|launch(?:ed|es|ing)|unveil(?:ed|s|ing)|(?:co-?)?creat(?:ed|es|ing))|"
    r"(?P<left>left|leav(?:e|es|ing)|quit|depart(?:ed|s|ing)?(?:\s+from)?|exit(?:ed|s)?|came\s+from|come\s+from)|"
    r"(?:join(?:s|ed|ing)?|rejoin(?:s|ed|ing)?|(?:is\s+|are\s+)?return(?:s|ed|ing)?\s+to|mov(?:e|es|ed|ing)\s+to|"
    r"went\s+(?:back\s+)?to|hired\s+by|poached\s+by|recruited\s+by)|"
    r"(?P<was>worked|had\s+(?:worked|been)|spent\s+[\w\s]{1,20}?)\s+(?:at|for|with|in)|"
    r"(?:works?|working|has\s+been|is|are|now)\s+(?:at|for|with)|"
    r"(?:led|leads?|leading|ran|runs?|running|head(?:s|ed)?|co-?led|manag(?:es|ed|ing)|built)\s+"
    r"(?:[\w\-]+\s+){0,5}?(?:at|of|for)|"
    r"(?:an?\s+|the\s+)?" + ROLE_EN + r"\s+(?:at|of|in|with)|"
    r"(?P<was2>formerly|previously|ex-)\s*(?:of|at|with)?",
    re.I)
#: how a cue verb may be followed before the organization's name
VERB_EN_WORD = re.compile(r"(?<![\w-])(?:" + VERB_EN.pattern + r")(?=\s)", re.I)
_TO_NAME = r"\s+(?:the\s+|a\s+(?:company|start-?up|lab)\s+(?:called|named)\s+)?$"
VERB_BEFORE_NAME = re.compile(r"(?:^|(?<=[\s,]))(?:" + VERB_EN.pattern + r")" + _TO_NAME, re.I)
#: "ex-Meta", "(ex-Google DeepMind)": a past tie with no space before the organization's name
EX_BEFORE_NAME = re.compile(r"(?:^|(?<=[\s,;(—–]))ex-$", re.I)
#: a person named as the object of a preposition ("PhD at Stanford with Fei-Fei Li", "under Hinton"): not the one
#: the cues that follow are about
OBJECT_BEFORE = re.compile(r"\b(?:with|under|alongside|advisor|supervisor|student\s+of|PhD\s+with)\s+$", re.I)
#: a second group of people a founding names: "founded by A, who had worked at B, and by C and D"
AND_BY = re.compile(r",?\s+and\s+(?:also\s+)?by\s+$", re.I)
#: the text between an organization and the person it names: "'s", " professor ", "'s general counsel, "
ROLE_BEFORE_EN = re.compile(r"(?:['’]s)?\s*(?:(?P<former>former|ex-)\s*)?(?P<role>" + ROLE_EN + r")?(?:\s+and\s+"
                            + ROLE_EN + r")?\s*,?\s+", re.I)
#: the text between a person and the organization of an appositive: ", a former ", ", the "
APPOSITIVE_EN = re.compile(r"(?:,\s+(?:an?|the|now\s+an?)\s+|\s*[—–]\s*(?:an?\s+|the\s+)?|\s+-{1,2}\s+(?:an?\s+|the\s+)?)"
                           r"(?:(?P<former>former|ex-)\s*)?", re.I)
ROLE_AFTER_EN = re.compile(r"['’]?s?\s+(?P<role>" + ROLE_EN + r")\b", re.I)
#: from an organization to the people who founded or run it
BY_PEOPLE_EN = re.compile(r"(?:was\s+|were\s+|is\s+|are\s+|,\s+)?(?:(?:also\s+)?(?P<found>(?:co-?)?founded|started|set\s+up|"
                          r"established|created)|run|led|headed|managed)\s+(?:(?:in|on|during|back\s+in)\s+[\w,]+(?:\s[\w,]+){0,2}\s+){0,2}"
                          r"(?:by|with)\s+(?:(?P<former>former|ex-)\s*)?$", re.I)
#: an organization and a role between "founded by" and the person: "by former SenseTime executive Yan Junjie"
BY_ROLE_EN = re.compile(r"(?:[A-Z][\w&.\-]*\s+){1,3}?" + ROLE_EN + r"\s+", re.I)
#: a new organization's name before a role and a person: "Stanford professor Fei-Fei Li", "Acme's CEO Ann Lee"
ORG_ROLE_BEFORE = re.compile(r"(?<![\w.\-])(?P<n>[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}?)(?:['’]s)?\s+(?P<former>former\s+)?"
                             r"(?P<role>" + ROLE_EN + r")\s+$")
COMPANY_OF = re.compile(r",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:company|start-?up|lab|firm|venture|partnership)\s+"
                        r"(?:that\s+)?", re.I)
FOUNDED_AFTER = re.compile(r"\s+(?:had\s+)?(?:co-?founded|founded|started|set\s+up|launched|created)\b", re.I)
CO_FOUNDERS = re.compile(r"\b(?:co-?founders?|founders?|founding\s+team)\s+(?:are|were|is|was|include[sd]?|including)\s+$|"
                         r"\b(?:with|alongside|and)\s+(?:fellow\s+)?co-?founders?\s+$", re.I)
#: people joined in a list: "A, B and C", "A & B"
PEOPLE_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&)\s*")
#: where a tie is over: after a past cue
PAST = re.compile(r"\b(?:former|formerly|previously|ex-|left|leav\w*|quit|depart\w*|exit\w*|had\s+(?:worked|been)|worked|"
                  r"spent|was|were|once)\b", re.I)

#: what a person is at an organization, in Chinese
ROLE_ZH = (r"(?:联合创始人|创始人|创办人|首席执行官|首席科学家|首席技术官|首席[\u4e00-\u9fff]{1,3}官|CEO|CTO|COO|董事长|"
           r"总裁|副总裁|总经理|负责人|副教授|教授|研究员|科学家|工程师|博士生|院长|主任|合伙人|成员|员工)")
#: the start of a person's name given in Chinese: the common surnames
SURNAMES_ZH = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                        "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
                        "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
                        "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
                        "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
                        "甄丛仲虞敖巩明佘池查麻苑迟邝")
#: characters that end a Chinese name rather than continue it ("王小川于2023年…", "唐杰教授")
_NAME_ENDS = "于曾在是的和与及等表示称说也都将已就从任为被带领领导创办创立加入离开"
#: words that often follow a name, whose first character would otherwise end a three-character name
_WORDS_AFTER_NAME = frozenset("毕业 出任 担任 加入 创办 创立 创建 离开 表示 认为 指出 介绍 现任 曾任 出身 来自 带领 领导 博士 教授 先生 "
                              "女士 本科 硕士 早年 此前 之前 目前 现在 随后 联合".split())
PERSON_ZH = re.compile(r"(?P<n>[" + "".join(sorted(SURNAMES_ZH)) + r"][\u4e00-\u9fff]{1,2})")
#: a verb that ties the person before it to the organization after it, in Chinese
VERB_ZH = re.compile(r"(?:(?P<past>曾|曾经|此前|之前|早年|先后|原)\s*)?(?:在|于)?\s*(?:又|还|先|再)?\s*(?:(?P<found>联合创办|创办|创立|创建|成立|联合创立)(?:了)?"
                     r"(?:[\u4e00-\u9fff]{0,6}?)?|"
                     r"(?P<left>离开|离职|毕业于|来自|出身于|出自)(?:了)?|加入(?:了)?|任职于|就职于|供职于|效力于|担任|出任)\s*$")
#: "在 ORG 工作/任职/担任": the organization between 在 and the verb
AT_ZH = re.compile(r"(?:(?P<past>曾|曾经|此前|之前|早年|先后)\s*)?在\s*$")
AT_ZH_AFTER = re.compile(r"\s*(?:工作|任职|担任|就职|读博|读研|读本科|攻读|求学|从事|实习|任教|做研究|待了|呆了|干了|度过)")
ROLE_BEFORE_ZH = re.compile(r"\s*(?P<former>前|原)?\s*(?:的)?\s*(?P<role>" + ROLE_ZH + r"(?:兼" + ROLE_ZH + r")?)\s*$")
#: what stands between a person and the organization of their role: "是", "此前是", "现任", "曾任"
IS_AT_ZH = re.compile(r"\s*(?:(?P<past>此前|之前|曾经?|早年|原|前)\s*)?(?:现\s*)?(?:是|为|任|担任|出任)\s*")
#: a role at the start of a clause, right before a person's name, with no organization named before it
ROLE_OPENS_ZH = re.compile(r"(?:^|(?<=[，。；：、\s是]))(?P<former>前|原)?(?P<role>(?:联合)?创始人(?:\s*兼\s*(?:CEO|CTO|首席执行官))?|CEO|"
                           r"CTO|首席执行官|首席科学家|首席技术官|董事长|总裁)\s*(?:是|为)?\s*$")
#: an organization's name given only by the role of someone in it: "搜狗前 CEO 王小川", "阿里巴巴副总裁"
ORG_BY_ROLE_ZH = re.compile(r"(?:^|(?<=[，。；：、\s由被在是的与和及]))(?P<n>(?![前原现曾任]|联合)(?:(?![由是在的与和及被为])[\u4e00-\u9fff]){2,6}?)(?=\s*(?:前|原)?\s*(?:的)?\s*"
                            r"(?:全球|中国|亚洲|集团|公司|研究院)?\s*"
                            r"(?:联合创始人|创始人|CEO|CTO|COO|首席[\u4e00-\u9fff]{1,3}官|总裁|副总裁|高管|研究员|工程师|员工))")
APPOSITIVE_ZH = re.compile(r"\s*[，,、]\s*(?P<former>前|原|曾任)?\s*$")
ROLE_AFTER_ZH = re.compile(r"\s*(?:的)?\s*(?P<role>" + ROLE_ZH + r")")
FOUNDED_ZH = re.compile(r"\s*(?:等人?)?\s*(?:联合|共同)?(?:创办|创立|创建|成立)(?:了)?的\s*")
FOUNDED_BY_ZH = re.compile(r"\s*(?:由|是)\s*")
FOUNDED_BY_ZH_AFTER = re.compile(r"\s*(?:等人?|等)?\s*(?:于[^，。；]{0,15}?)?(?:联合|共同)?(?:创办|创立|创建|成立)")

SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"(])|[。！？；;]")


@dataclass(frozen=True)
class Tie:
    """A person and an organization they work (``current`` None) or worked (False) at, or founded (role)."""

    person: Span
    org: Span | None  # None: the organization the passage is about
    role: str | None
    current: bool | None
    founder: bool = False


class Taken:
    """The characters of a text that names already cover, to ask whether a span meets one in time bounded by the
    span's length (not by how many names there are).

    >>> t = Taken(10, [(2, 4)]); t.meets(3, 6), t.meets(4, 6), t.add(5, 7), t.meets(6, 8)
    (True, False, None, True)
    """

    def __init__(self, length: int, spans=()):
        self.marks = bytearray(length + 1)
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        self.marks[a:b] = b"\x01" * (b - a)

    def meets(self, a: int, b: int) -> bool:
        return self.marks.find(1, a, b) >= 0


#: the longest stretch read as one sentence: a "sentence" longer than this (a list run together, a table pasted as
#: prose) is read in pieces cut at commas, so that the ties of one piece are found in time bounded by its length
LONGEST_SENTENCE = 600


def _sentences(text: str) -> list[Span]:
    """The sentences of a text, each no longer than LONGEST_SENTENCE (longer ones cut at a comma, or anywhere).

    >>> _sentences("A b. C d, e."), len(_sentences("x, " * 400))
    ([(0, 4), (4, 12)], 3)
    """
    cuts = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        while b - a > LONGEST_SENTENCE:
            comma = max(text.rfind(c, a + LONGEST_SENTENCE // 2, a + LONGEST_SENTENCE) for c in ",，;；、")
            cut = comma + 1 if comma > a else a + LONGEST_SENTENCE
            out.append((a, cut))
            a = cut
        if b > a:
            out.append((a, b))
    return out


def _groups(text: str, people: list[Span]) -> list[list[Span]]:
    """People next to each other in a list ("A, B and C") as one group each."""
    groups: list[list[Span]] = []
    for p in people:
        if groups and PEOPLE_JOIN.fullmatch(text[groups[-1][-1][1]:p[0]]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _role(text: str | None) -> str | None:
    return re.sub(r"\s+", " ", text).strip() if text else None


def ties_en(text: str, people: list[Span], orgs: list[Span], candidate_org=None, lead: Span | None = None) -> list[Tie]:
    """The ties an English passage states between the people and organizations in it (spans sorted by start).

    ``candidate_org(text, start)`` may give the span of a new organization's name right after a cue; ``lead`` is the
    person a list item is about, the subject of its sentences that open with a verb ("Founded Acme in 2024.").

    >>> t = "Daniel Levy, a former OpenAI researcher, joined Acme."
    >>> [(t[x.person[0]:x.person[1]], t[x.org[0]:x.org[1]], x.role, x.current) for x in ties_en(t, [(0, 11)], [(22, 28), (48, 52)])]
    [('Daniel Levy', 'OpenAI', 'researcher', False), ('Daniel Levy', 'Acme', None, None)]
    """
    out: list[Tie] = []
    for lo, hi in _sentences(text):
        ps = [p for p in people if lo <= p[0] and p[1] <= hi]
        os_ = [o for o in orgs if lo <= o[0] and o[1] <= hi and not any(p[0] < o[1] and o[0] < p[1] for p in ps)]
        opens = VERB_EN_WORD.match(text, lo + len(text[lo:hi]) - len(text[lo:hi].lstrip()))
        if lead is not None and opens and not [p for p in ps if p[0] < opens.start()]:
            # "Left Google in 2021 to co-found Character.AI with Daniel De Freitas.": the item's person did each
            for cue in VERB_EN_WORD.finditer(text, opens.start(), hi):
                if [p for p in ps if p[0] < cue.start()]:
                    break  # (someone else is named: what follows is theirs)
                start = cue.end() + len(text[cue.end():hi]) - len(text[cue.end():hi].lstrip())
                article = re.match(r"(?:the|a|an)\s+", text[start:hi], re.I)
                start += article.end() if article else 0
                org = next((o for o in os_ if o[0] == start), None) or (candidate_org(text, start) if candidate_org else None)
                if not org:
                    continue
                founder = bool(cue.group("found"))
                past = bool(cue.group("left") or cue.group("was") or cue.group("was2"))
                out.append(Tie(lead, org, "founder" if founder else None, False if past and not founder else None, founder))
                if founder:
                    out.extend(Tie(p, org, "founder", None, True) for p in _cofounders(text, org[1], hi, ps))
        elif ps:
            out.extend(_ties_in_sentence(text, lo, hi, ps, os_, candidate_org, lead))
    return out


def _ties_in_sentence(text: str, lo: int, hi: int, ps: list[Span], os_: list[Span], candidate_org,
                      lead: Span | None = None) -> list[Tie]:
    out: list[Tie] = []
    names = sorted([(p, "P") for p in ps] + [(o, "O") for o in os_])
    groups = _groups(text, ps)
    group_of = {p: g for g in groups for p in g}

    def subject(g: list[Span]) -> list[Span] | None:
        """Who the cues after group ``g`` are about: ``g``, or, when ``g`` is the object of a preposition, the
        item's person (or the group before it)."""
        if not OBJECT_BEFORE.search(text[max(lo, g[0][0] - 20):g[0][0]]):
            return g
        if lead is not None and lead not in g:
            return [lead]
        earlier = [h for h in groups if h[-1][1] <= g[0][0] and not OBJECT_BEFORE.search(text[max(lo, h[0][0] - 20):h[0][0]])]
        return earlier[-1] if earlier else None
    for k, (span, kind) in enumerate(names):
        prev_end = names[k - 1][0][1] if k else lo
        nxt = names[k + 1] if k + 1 < len(names) else None
        if kind == "O":
            # "Stanford professor Fei-Fei Li", "Character.AI's general counsel, Dominic Perella"
            if nxt and nxt[1] == "P" and (m := ROLE_BEFORE_EN.fullmatch(text, span[1], nxt[0][0])) and \
                    (m.group("role") or text[span[1]:span[1] + 2] in ("'s", "’s")):
                former = m.group("former") or re.search(r"\b(?:former|ex-)\s*$", text[max(lo, span[0] - 8):span[0]], re.I)
                out.append(Tie(nxt[0], span, _role(m.group("role")), False if former else None,
                               bool(m.group("role") and "found" in m.group("role").lower())))
            # "Daniel Levy, a former OpenAI researcher"
            if k and names[k - 1][1] == "P" and (m := APPOSITIVE_EN.fullmatch(text, prev_end, span[0])) and \
                    (r := ROLE_AFTER_EN.match(text, span[1])):
                until = re.match(r"\s+(?:until|till|through)\s+(?:\w+\s+)?(?:19|20)\d{2}", text[r.end():r.end() + 30])
                out.append(Tie(names[k - 1][0], span, _role(r.group("role")),
                               False if m.group("former") or until else None, "found" in r.group("role").lower()))
            # "NFDG, an investment partnership run by Nat Friedman and Gross", "was founded by A, B and C"
            first = next((n for n, kd in names[k + 1:] if kd == "P"), None)
            if first is not None and all(kd == "O" for _, kd in names[k + 1:names.index((first, "P"))]):
                by = _by_people(text, span, first, group_of)
                out.extend(by)
                for g in (g for g in groups if by and g[0][0] > first[0]):  # "…, and by C and D"
                    if AND_BY.search(text[max(lo, g[0][0] - 12):g[0][0]]):
                        out.extend(Tie(p, span, by[0].role, None, by[0].founder) for p in g)
            # "Safe Superintelligence, the company Ilya Sutskever started"
            if nxt and nxt[1] == "P" and COMPANY_OF.fullmatch(text, span[1], nxt[0][0]) and \
                    FOUNDED_AFTER.match(text, nxt[0][1]):
                out.append(Tie(nxt[0], span, "founder", None, True))
            continue
        # a person, then a cue, then an organization: "who left Google", "previously led AI efforts at Apple"
        if k == 0 or names[k - 1][1] == "P":
            gap_lo = prev_end if k else lo
            m = (CO_FOUNDERS.search(text[gap_lo:span[0]]) or BY_PEOPLE_EN.search(text[max(gap_lo, span[0] - 80):span[0]])) \
                if group_of[span][0] == span else None
            if m and not any(o[1] <= span[0] for o in os_):  # "Her co-founders are A and B": the passage's organization
                found = "found" in m.group(0).lower()
                out.extend(Tie(p, None, "founder" if found else None, None, found) for p in group_of[span])
    # verbs: each organization after a cue is tied to the last group of people before it
    for o in os_:
        before = [g for g in groups if g[-1][1] <= o[0]]
        if not before:
            continue
        g = before[-1]
        if len(text[g[-1][1]:o[0]]) > 160:
            continue
        between = text[max([g[-1][1]] + [n[1] for n, _ in names if n[1] <= o[0]]):o[0]]
        if len(between) > 160:
            continue
        g = subject(g)
        cue = VERB_BEFORE_NAME.search(between)
        if g is None or not (cue or EX_BEFORE_NAME.search(between)):
            continue
        if not cue:  # "ex-Meta"
            out.extend(Tie(p, o, None, False) for p in g)
            continue
        founder = bool(cue.group("found"))
        zone = between[max(between.rfind(",", 0, cue.start()), between.rfind(" and ", 0, cue.start()), 0):]
        past = bool(cue.group("left") or cue.group("was") or cue.group("was2") or PAST.search(zone))
        role = "founder" if founder else None
        rm = re.search(ROLE_EN + r"\s+(?:at|of|in|with)\s+(?:the\s+)?$", between, re.I)
        if rm and not founder:
            role = _role(re.sub(r"\s+(?:at|of|in|with)\s+(?:the\s+)?$", "", rm.group(0), flags=re.I))
        for p in g:
            out.append(Tie(p, o, role, False if past and not founder else None, founder))
        if founder:
            out.extend(Tie(p, o, "founder", None, True) for p in _cofounders(text, o[1], hi, ps) if p not in g)
    if candidate_org is not None:  # "Stanford professor Fei-Fei Li": a new organization's name before a role
        for p in ps:
            app = APPOSITIVE_EN.match(text, p[1])  # "Ivo Dane, a former Orbis Labs researcher"
            new = candidate_org(text, app.end()) if app else None
            r = ROLE_AFTER_EN.match(text, new[1]) if new else None
            if r and not any(o[0] < new[1] and new[0] < o[1] for o in os_):
                out.append(Tie(p, new, _role(r.group("role")), False if app.group("former") else None,
                               "found" in r.group("role").lower()))
            before = [n for n, _ in names if n[1] <= p[0]]
            m = ORG_ROLE_BEFORE.search(text, max([lo] + [n[1] for n in before]), p[0])
            new = candidate_org(text, m.start("n")) if m else None
            if new and new[1] == m.end("n"):
                out.append(Tie(p, new, _role(m.group("role")), False if m.group("former") else None,
                               "found" in m.group("role").lower()))
    if candidate_org is not None:  # "who previously worked at Stability AI": a new organization's name after a cue
        for g0 in groups:
            after_lo = g0[-1][1]
            g = subject(g0)
            if g is None:
                continue
            nxt_names = [n for n, _ in names if n[0] >= after_lo]
            limit = min(hi, nxt_names[0][0] if nxt_names else hi)
            seg = text[after_lo:limit]
            since = 0  # where the words that may make this cue's tie a past one begin
            for cue in VERB_EN_WORD.finditer(seg):
                pos = after_lo + cue.end()
                tail = re.match(_TO_NAME[:-1], text[pos:pos + 40], re.I)
                start = pos + (tail.end() if tail else 0)
                new = candidate_org(text, start)
                if new and not any(o[0] < new[1] and new[0] < o[1] for o in os_):
                    founder = bool(cue.group("found"))
                    past = bool(cue.group("left") or cue.group("was") or cue.group("was2") or
                                PAST.search(seg[since:cue.end()]))
                    since = new[1] - after_lo
                    for p in g:
                        out.append(Tie(p, new, "founder" if founder else None, False if past and not founder else None,
                                       founder))
    return out


def _cofounders(text: str, after: int, hi: int, ps: list[Span]) -> list[Span]:
    """The people named after "with" right after a founded organization: "co-founded Cohere in 2019 with A and B"."""
    m = re.match(r"\s*(?:[（(][^()（）]{1,20}[)）]\s*)?(?:in\s+(?:late\s+|early\s+)?\w+(?:\s\d{4})?\s*)?,?\s*"
                 r"(?:together\s+)?with\s+(?:(?:his|her|their)\s+(?:\w+\s+)?)?", text[after:hi])
    if not m:
        return []
    at = after + m.end()
    group = [p for p in ps if p[0] >= at]
    out = []
    for p in group:
        if p[0] == at or (out and PEOPLE_JOIN.fullmatch(text[out[-1][1]:p[0]])):
            out.append(p)
        else:
            break
    return out


def _by_people(text: str, org: Span, first: Span, group_of: dict) -> list[Tie]:
    """ "Acme, founded in 2021 by A and B", "run by A", "founded by former Zeta executive A": the people of ``org``."""
    gap = text[org[1]:first[0]]
    if len(gap) > 120:
        return []
    m = BY_PEOPLE_EN.search(gap)
    if not m:
        k = gap.rfind(" by ")
        role = BY_ROLE_EN.fullmatch(gap, k + 4) if k >= 0 else None
        m = BY_PEOPLE_EN.search(gap[:k + 4]) if role else None
    if not m:
        return []
    found = bool(m.group("found"))
    return [Tie(p, org, "founder" if found else None, None, found) for p in group_of[first]]


def people_zh(text: str, taken: list[Span]) -> list[Span]:
    """Names that read as a person's, given in Chinese, next to a role or a cue verb (not inside a known name).

    >>> t = "百川智能创始人王小川曾任搜狗 CEO。"
    >>> [t[a:b] for a, b in people_zh(t, [(0, 4)])]
    ['王小川']
    """
    out: list[Span] = []
    taken = Taken(len(text), taken)
    for m in re.finditer(ROLE_ZH + r"(?:\s*兼\s*" + ROLE_ZH + r")?\s*(?:是|为)?\s*", text):  # "创始人兼 CEO 是姜大昕"
        out.extend(_name_zh(text, m.end(), taken))
    for m in re.finditer(r"(?:^|(?<=[，。；：、\s是由和与及被]))(?=[\u4e00-\u9fff]{2,3}(?:等人?)?(?:曾|此前|之前|早年|先后|于\d|在|"
                         r"创办|创立|创建|联合创办|加入|离开|[，,]\s*(?:前|原)))",
                         text):
        out.extend(_name_zh(text, m.end(), taken))
    return sorted(set(out))


def _name_zh(text: str, start: int, taken: Taken) -> list[Span]:
    m = PERSON_ZH.match(text, start)
    if not m:
        return []
    end = m.end()
    if end - start == 3 and (text[end - 1] in _NAME_ENDS or text[end - 1:end + 1] in _WORDS_AFTER_NAME):
        end -= 1  # "李想毕业于": 毕 begins 毕业, not the name
    if taken.meets(start, end):
        return []
    return [(start, end)]


def orgs_zh(text: str, taken: list[Span]) -> list[Span]:
    """Chinese names that read as an organization's because of a role that follows them ("搜狗前 CEO 王小川").

    >>> t = "百川智能由搜狗前CEO王小川创立。"
    >>> [t[a:b] for a, b in orgs_zh(t, [(0, 4)])]
    ['搜狗']
    """
    covered = Taken(len(text), taken)
    return [m.span("n") for m in ORG_BY_ROLE_ZH.finditer(text)
            if not covered.meets(m.start("n"), m.end("n")) and
            not re.search(r"[公司]$|团队|我们|他们|创始|兼|首席|总裁|董事|担任|出任|曾任|成为", m.group("n"))]


def ties_zh(text: str, people: list[Span], orgs: list[Span]) -> list[Tie]:
    """The ties a Chinese passage states between the people and organizations in it.

    >>> t = "百川智能创始人王小川，前搜狗 CEO，曾任职于清华大学。"
    >>> [(t[x.person[0]:x.person[1]], t[x.org[0]:x.org[1]], x.role, x.current) for x in ties_zh(t, [(7, 10)], [(0, 4), (12, 14), (23, 27)])]
    [('王小川', '百川智能', '创始人', None), ('王小川', '搜狗', 'CEO', False), ('王小川', '清华大学', None, False)]
    """
    out: list[Tie] = []
    last: Span | None = None  # the person the passage was about last
    for lo, hi in _sentences(text):
        ps = [p for p in people if lo <= p[0] and p[1] <= hi]
        os_ = [o for o in orgs if lo <= o[0] and o[1] <= hi and not any(p[0] < o[1] and o[0] < p[1] for p in ps)]
        if not ps and last is not None:  # "2015年他和同学创办了幻方量化。2023年7月又成立了深度求索": the same person
            for o in os_:
                cue = VERB_ZH.search(text[max(lo, o[0] - 12):o[0]])
                if cue and (cue.group("found") or re.search(r"加入|离开|任职|就职", cue.group())):
                    found = bool(cue.group("found"))
                    out.append(Tie(last, o, "创始人" if found else None,
                                   False if (cue.group("past") or cue.group("left")) and not found else None, found))
            continue
        if not ps:
            continue
        last = ps[0]
        names = sorted([(p, "P") for p in ps] + [(o, "O") for o in os_])
        for k, (span, kind) in enumerate(names):
            nxt = names[k + 1] if k + 1 < len(names) else None
            if kind == "O" and nxt and nxt[1] == "P" and (m := ROLE_BEFORE_ZH.fullmatch(text, span[1], nxt[0][0])):
                role = m.group("role")
                out.append(Tie(nxt[0], span, role, False if m.group("former") else None, "创" in role))
            if kind == "P" and nxt and nxt[1] == "O" and (m := IS_AT_ZH.fullmatch(text, span[1], nxt[0][0])) and \
                    (r := re.compile(r"[^，。；,;]{0,12}?(?P<role>" + ROLE_ZH + r")").match(text, nxt[0][1])):
                role = r.group("role")  # "刘知远是清华大学计算机系副教授", "李大海此前是知乎 CTO"
                out.append(Tie(span, nxt[0], role, False if m.group("past") else None, "创" in role))
            if kind == "P" and nxt and nxt[1] == "O" and (m := APPOSITIVE_ZH.fullmatch(text, span[1], nxt[0][0])) and \
                    (r := ROLE_AFTER_ZH.match(text, nxt[0][1])):
                out.append(Tie(span, nxt[0], r.group("role"), False if m.group("former") else None, "创" in r.group("role")))
            if kind == "P" and (m := ROLE_OPENS_ZH.search(text, max(lo, span[0] - 12), span[0])):
                role = m.group("role")  # "…成立于2023年3月，创始人杨植麟…": the founder of the passage's organization
                out.append(Tie(span, None, role, False if m.group("former") else None, "创" in role))
            if kind == "P" and nxt and nxt[1] == "O" and FOUNDED_ZH.fullmatch(text, span[1], nxt[0][0]):
                out.append(Tie(span, nxt[0], "创始人", None, True))  # "李开复创办的零一万物"
            if kind == "O" and nxt and nxt[1] == "P" and FOUNDED_BY_ZH.fullmatch(text, span[1], nxt[0][0]) and \
                    FOUNDED_BY_ZH_AFTER.match(text, nxt[0][1]):
                out.append(Tie(nxt[0], span, "创始人", None, True))
        for o in os_:
            before = [p for p in ps if p[1] <= o[0]]
            if not before:
                continue
            between = text[before[-1][1]:o[0]]
            if len(between) > 40 or re.search(r"[。；]", between):
                continue
            if re.fullmatch(r"\s*[，,]?\s*", between) and re.match(r"[^，。；]{0,10}毕业", text[o[1]:o[1] + 12]):
                out.append(Tie(before[-1], o, "学生", False, False))  # "梁文锋，浙江大学…本硕毕业"
                continue
            cue = VERB_ZH.search(between)
            at = None if cue else AT_ZH.search(between)
            if at and not AT_ZH_AFTER.match(text, o[1]):
                at = None
            hit = cue or at
            if not hit:
                continue
            founder = bool(cue and cue.group("found"))
            past = bool(hit.group("past") or (cue and cue.group("left")))
            out.append(Tie(before[-1], o, "创始人" if founder else None, False if past and not founder else None, founder))
    return out
