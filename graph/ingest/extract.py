"""Rules that turn Markdown blocks into entities and facts, in Chinese and English.

Each rule is general (patterns of how surveys are written), not fitted to one
text: who developed or released what, lineage, versions, techniques and
training stages, people and roles, quantities with units, dates, headquarters,
the paper that introduced a model, references, and tables whose headers name
dates, organizations, papers or models. Every fact keeps the block (lines and
text) it came from and the confidence of its rule.

The rules take time linear in the size of a block: a name or a number in a
pattern has a bounded length and does not start inside another one (so a run
of digits or letters is not scanned again from each of its characters), and
the mentions near a match are looked up by position, not by a scan of them all.

>>> from graph.ingest.markdown import parse_markdown
>>> from graph.ingest.linker import Linker
>>> doc = parse_markdown("## Models\\n- 2023年：Acme 发布了 Foo-7B 模型，基于 Bar 微调。\\n")
>>> ex = Extraction(doc, Linker([]))
>>> sorted((f.subject, f.key, str(f.value)) for f in ex.run().facts if f.key != "description")
[('foo-7b', 'based_on', "{'id': 'bar', 'kind': 'finetune'}"), ('foo-7b', 'developed_by', 'acme'), ('foo-7b', 'released', '2023')]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass, field, replace
from typing import Any, Iterable
from urllib.parse import urlsplit

from graph.ingest import ids, values
from graph.ingest.affiliations import Taken, orgs_zh, people_zh, ties_en, ties_zh
from graph.ingest.bibliography import cited_numbers, entries, parse_reference
from graph.ingest.makers import is_person, makers_in_brackets
from graph.ingest.places import places_of
from graph.ingest.terms import load_terms
from graph.ingest.trees import arrow_edges, tree_edges
from graph.ingest.ids import slugify
from graph.ingest.linker import Linker, Mention, normalize, size_suffix
from graph.ingest.markdown import Block, Document, parse_markdown
from graph.records.load import load_records

CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
GENERIC_HEADINGS = re.compile(
    r"^(参考文献|参考资料|参考|references?|bibliography|sources|further reading|相关|其他|概述|简介|介绍|总结|"
    r"overview|introduction|summary|conclusion|todo|目录|contents|若干生态技术|相关其他服务|ai执行逻辑|背景|background|"
    r"others?|misc(?:ellaneous)?|其它|更多|more|news|新闻|动态|upcoming|coming soon|(?:this|last|next) (?:week|month|year)|本周|上周|本月|上月|"
    r"(?:the\s+)?(?:open[- ]source\s+)?community|开源社区|社区|timeline|时间线|notes?|笔记|faq|changelog|更新日志|"
    r"remarks?|comments?|备注|说明|not evaluated yet|to do|待办|待补充|待更新|arxiv|github|gitlab|aclanthology|openreview|"
    r"papers with code|links?|链接|other links|also (?:this|last|next) (?:week|month)|"
    r"(?:issue|volume|vol\.|no\.|edition|episode|newsletter|week)\s*#?\d{1,4}(?:\s*[(（][^()（）]{0,40}[)）])?|第\s*\d{1,4}\s*期)$",
    re.I)
#: a bold lead-in that is a headline, not a name: "**Google hires Character.AI's founders.**", "**Small models.**"
HEADLINE = re.compile(r".*[.!?。！？]\s*|(?:\S+\s+){2,}(?:[a-z][\w'’\-]*\s+)(?:\S+\s+)*[a-z][\w'’\-]*")
REFERENCES = re.compile(r"(参考|references?|bibliography|sources|reading|资料|链接|links)", re.I)
#: What a section of each kind of model is called ("## VLM", "## 语音", "### Text-to-image"): its items are models
MODALITIES = (r"\b(?:MLLMs?|LMMs?|VLMs?|ASR|TTS)\b|multi-?modal|vision|visual|audio|speech|music|image generation|"
              r"video generation|text-to-(?:image|video|speech|audio|music)|embeddings?\b|code models?|"
              r"多模态|视觉|图像生成|视频生成|文生图|文生视频|语音|音频|音乐|代码模型|向量模型")
SECTION_TYPES = [
    (re.compile(MODALITIES, re.I), "Model"),
    (re.compile(r"(数据集|语料|评测集|评测基准|基准测试|dataset|corpus|corpora|benchmarks?|evals?\b|evaluations?)", re.I), "Dataset"),
    (re.compile(r"(排行榜|榜单|leaderboards?|arenas?)", re.I), "Service"),
    (re.compile(r"(论文|paper|publication)", re.I), "Paper"),
    (re.compile(r"(服务|平台|service|platform|cloud)", re.I), "Service"),
    (re.compile(r"(应用|工具|软件|框架|库|智能体|推理部署|部署|application|app|tool|software|framework|library|librar|"
                r"agents?\b|serving|inference engines?)", re.I), "Software"),
    (re.compile(r"(技术|方法|算法|technique|method|algorithm)", re.I), "Technique"),
    (re.compile(r"(公司|机构|组织|企业|厂商|organi[sz]ation|compan|institut|lab)", re.I), "Organization"),
    (re.compile(r"(人物|作者|people|person|author|researcher)", re.I), "Person"),
    (re.compile(r"(模型|大模型|model|llm|gpt)", re.I), "LanguageModel"),
]
#: Words that qualify a category in a heading ("Open-source models", "Other tools", "国内模型")
QUALIFIERS = {"open", "open-source", "opensource", "other", "others", "more", "chinese", "english", "popular", "new",
              "main", "major", "key", "notable", "recent", "selected", "top", "best", "commercial", "proprietary",
              "closed", "closed-source", "small", "large", "local", "foundation", "base", "chat", "instruction",
              "general", "domain", "useful", "related", "and", "&", "/", "of", "the", "for", "with", "in"}


@lru_cache(maxsize=4096)
def is_category(name: str) -> bool:
    """Whether a heading names a category of things rather than a thing: its words are a category's words and
    qualifiers ("Open-source models", "VLM", "数据集"), not a name that happens to hold one ("Alibaba Cloud").

    >>> [is_category(x) for x in ("Models", "Open-source LLMs", "VLM", "Audio", "数据集", "Alibaba Cloud", "Meta AI")]
    [True, True, True, True, True, False, False]
    """
    if not name or len(name.split()) > 4 or re.search(r"\d", name) or not any(rx.search(name) for rx, _ in SECTION_TYPES):
        return False
    if re.search(r"[\u4e00-\u9fff]", name):
        return len(name) <= 12 and re.fullmatch(r"[\w\s&/、，,]+", name) is not None
    rest = [w for w in re.split(r"[\s,/&]+", name) if w and not any(rx.fullmatch(w) or rx.match(w) and
                                                                      rx.match(w).end() >= len(w) - 1
                                                                      for rx, _ in SECTION_TYPES)]
    return all(w.lower() in QUALIFIERS or w.islower() for w in rest)


@lru_cache(maxsize=4096)
def _category(heading: str) -> str | None:
    return next((t for rx, t in SECTION_TYPES if rx.search(heading)), None)


@lru_cache(maxsize=4096)
def _vendor_name(heading: str) -> tuple[str, ...]:
    name = HEADING_NUMBER.sub("", heading).strip()
    if is_category(name) or GENERIC_HEADINGS.match(name):
        return ()
    parts = [p.strip() for p in re.split(r"\s*(?:/|&|、|\band\b|,|，|和|与)\s*", name) if p.strip()]
    ok = [p for p in parts if re.fullmatch(r"[\u4e00-\u9fff]{2,10}|[A-Z][\w&.\-]{1,30}(?:\s[A-Z][\w&.\-]{1,30}){0,3}", p)
          and not re.search(r"\d|系列|家族|family|series", p, re.I)]
    return tuple(ok) if len(ok) == len(parts) else ()


@lru_cache(maxsize=4096)
def _section_type(section: tuple[str, ...]) -> str | None:
    """The type of the items of a section (see :meth:`Extraction.type_from_section`), once per section."""
    for i in range(len(section) - 1, -1, -1):
        heading = HEADING_NUMBER.sub("", section[i]).strip()
        if not is_category(heading) and len(heading.split()) > 3:
            continue  # "Frontier model tracker, by lab" is a title, not a category
        if not is_category(heading) and re.fullmatch(r"(?:[A-Z][\w&.\-]*\s)+(?:Labs?|Cloud|Research|AI|Inc\.?)", heading):
            continue  # "Zeta Labs", "Alibaba Cloud": a name with a category's word, not a category
        t = _category(section[i])
        if t and not (i and _vendor_name(section[i]) and _category(section[i - 1]) in ("Model", "LanguageModel")):
            return t
    return None


def kind_type(kind: str) -> str | None:
    """The type a word for a kind of thing gives: "corpus" Dataset, "start-up" Company.

    >>> kind_type("web corpus"), kind_type("research centre"), kind_type("idea")
    ('Dataset', 'ResearchLab', None)
    """
    return next((t for rx, t in _KIND_TYPES if rx.search(kind)), None)


WORD_TYPES = [
    (re.compile(r"^\s*(?:的)?\s*(?:大型语言模型|语言模型|大模型|模型|model|llm)\b", re.I), "LanguageModel"),
    (re.compile(r"^\s*(?:的)?\s*(?:库|框架|工具|软件|library|framework|toolkit|tool)\b", re.I), "Software"),
    (re.compile(r"^\s*(?:的)?\s*(?:数据集|语料|dataset|corpus)\b", re.I), "Dataset"),
    (re.compile(r"^\s*(?:的)?\s*(?:论文|paper)\b", re.I), "Paper"),
    (re.compile(r"^\s*(?:的)?\s*(?:智能助手|AI\s*助手|助手|聊天机器人|对话产品|chatbot|assistant|app\b|chat app)", re.I), "Service"),
    (re.compile(r"^\s*(?:公司|company|inc\b|startup|初创)", re.I), "Company"),
    (re.compile(r"^\s*(?:实验室|lab\b|laboratory)", re.I), "ResearchLab"),
    (re.compile(r"^\s*(?:大学|university)", re.I), "University"),
]
DEV_VERBS = (r"(?:发布|推出|开源|放出|发表|开发|研发|训练|"
             r"\b(?:released|launched|published|open-sourced|introduced|unveiled|created|developed|built|trained)\b"
             r"(?!\s+(?:by|on|in|from)\b))")
RELEASED_IN = re.compile(r"(?:\breleased|\blaunched|\bpublished|\bappeared|\bcame out|\bfollowed|\bdebuted|\bannounced|"
                         r"发布于|推出于)\s*(?:in|on)?\s*"
                         r"(?:(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?P<y>(?:19|20)\d{2})")
ROLE_EN = re.compile(r"\bformer\s+(?P<role>(?:director|head|chief scientist|scientist|researcher|engineer|founder|CEO|CTO)"
                     r"(?: of AI| of research)?)\s+(?:at|of)\s+(?P<org>[A-Z][\w&.\- ]{1,40})", re.I)
DEVELOPED_BY = re.compile(r"由(?P<who>[^，。；,;]{1,60}?)(?:共同|联合|一起)?(?:开发|训练|发布|推出|创建|打造|研发|开源|提出)")
DEVELOPED_BY_EN = re.compile(r"\b(?:developed|released|created|built|trained|made|published|open-sourced|assembled|"
                             r"maintained|led|run|introduced|proposed)\s+by\s+"
                             r"(?P<who>[^.;,()]{1,80})", re.I)
OWN_VERB = re.compile(r"(?:发布|推出|开源|开发|研发|训练|创建|提出)(?:的)")
#: The words a Chinese organization's name ends with
ORG_SUFFIX_ZH = r"(?:公司|集团|科技|智能|实验室|研究院|研究所|研究中心|大学|学院|分校|中心)"
#: "LLaMA 底座": a name (not begun after a letter, so a run of letters is not read again from each one) and 底座.
BASE_MODEL = re.compile(r"(?P<x>(?<![A-Za-z])[A-Za-z][\w.\-]{0,80}(?:\s[\w.\-]{1,80})?)\s*(?:底座|基座)")
LINEAGE = [
    (re.compile(r"基于(?P<x>[^，。；,;的]{1,40})"), None),
    (re.compile(r"以(?P<x>[^，。；,;]{1,40}?)为(?:底座|基座|基础)"), None),
    (re.compile(r"在(?P<x>[^，。；,;]{1,40}?)的?基础上"), None),
    (re.compile(r"在\s*(?P<x>[A-Za-z][\w.\-]*(?:\s[\w.\-]+)?)\s*上[^，。；]{0,30}?(?:微调|训练|继续预训练|精调)"), "finetune"),
    (re.compile(r"(?:以|用|改用|采用|使用|选用)\s*(?P<x>[A-Za-z][\w.\-]*(?:\s[\w.\-]+)?)\s*(?:作为|做|当)(?:底座|基座|基础模型|初始化)"),
     None),
    (BASE_MODEL, None),
    (re.compile(r"\bfine-?tuned\s+(?:from|on|version\s+of)\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\b(?:based|built)\s+on\s+(?P<x>[^.;,()]{1,60})", re.I), None),
    (re.compile(r"以(?P<x>[^，。；,;]{1,40}?)为(?:语言模型|初始化|起点|基础模型)"), None),
    (re.compile(r"从(?P<x>[^，。；,;]{1,40}?)的?(?:一个)?(?:中间)?(?:检查点|checkpoint)出发"), "finetune"),
    (re.compile(r"\b(?:a\s+)?fine-?tunes?\s+of\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\bfine-?tun(?:ed|es|ing)\s+(?P<x>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})\s+on\b"), "finetune"),
    (re.compile(r"\b(?:start(?:s|ed|ing)?|trained|tuned)\s+from\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\b(?:uses?|using|with|takes?|took)\s+(?P<x>[A-Z][\w.\-/]*(?:\s[A-Z0-9][\w.\-/]*){0,2})\s+as\s+(?:the\s+|its\s+|a\s+)?"
                r"(?:base|backbone|foundation|starting\s+point|language\s+model|LLM|initiali[sz]ation)\b"), None),
    (re.compile(r"\b(?:connected|attached|bolted|plugged|coupled)\s+(?:on)?to\s+(?:an?\s+|the\s+)?(?:frozen\s+)?"
                r"(?P<x>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})"), None),
    (re.compile(r"(?P<x>(?<![\w.\-])[A-Z][\w.\-/]*(?:\s[A-Z0-9][\w.\-/]*){0,2})\s+(?:image|vision|visual|audio|speech)\s+encoder\b|"
                r"\b(?:image|vision|visual|audio|speech)\s+encoder\s+(?:of|from)\s+(?P<x2>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})"),
     "adapter"),
    (re.compile(r"\b(?:initiali[sz]ed|continued(?:\s+pre-?training)?|derived)\s+from\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\bon\s+top\s+of\s+(?P<x>[^.;,()]{1,60})", re.I), None),
    (re.compile(r"\bdistill(?:ed|ation)\s+(?:from|of)\s+(?P<x>[^.;,()]{1,60})|从(?P<x2>[^，。；,;]{1,40}?)蒸馏", re.I), "distilled"),
    (re.compile(r"\b(?:a\s+)?merge\s+of\s+(?:(?:two|three|four|several|\d)\s+[\w\-\s]{0,30}?models?\s*[（(:]\s*)?"
                r"(?P<x>[^.;()（）]{1,80})|把(?P<x2>[^，。；,;]{1,60}?)合并成|merged\s+from\s+(?P<x3>[^.;()]{1,80})", re.I), "merge"),
    (re.compile(r"\b(?:quantization|quantized\s+(?:version|copy|build)|quant|conversion|quantized|converted)\s+(?:of|from)\s+"
                r"(?P<x>[^.;,()]{1,60})|(?P<x2>[^，。；,;\s]{1,60})的(?:量化|GGUF|GPTQ|AWQ)\s*(?:版|版本|模型)", re.I), "quantized"),
    (re.compile(r"\badapters?\s+(?:\w+\s+){0,4}?(?:for|of|on\s+top\s+of)\s+(?P<x>[^.;,()]{1,60})", re.I), "adapter"),
]
#: a word every pattern of LINEAGE holds (looked for first, once)
LINEAGE_WORDS = re.compile(r"基于|为|基础|底座|基座|检查点|出发|蒸馏|合并|量化|上.{0,30}?(?:微调|训练|精调)|fine-?tun|based|built|initiali|continued|derived|"
                           r"top\s+of|distill|merge|checkpoint|quant|convert|adapter|from|\sas\s|to\s|encoder", re.I)
# ("3个版本：…" has the same groups without its count, which would scan a run of digits from each one)
VERSIONS = re.compile(r"(?P<open>开源)?(?:的)?版本[：:]\s*(?P<list>.+)$|"
                      r"(?P<open2>open[- ]source\s+)?versions?\s*[:：]\s*(?P<list2>.+)$", re.I)
STAGE = re.compile(r"第(?P<n>[一二三四五六七八九十\d]{1,9})阶段(?:是|为|：|:)?(?P<rest>[^，。；,;]{1,30})|"
                   r"\b(?P<ord>first|second|third|fourth)\s+stage\s+(?:is|uses|:)?\s*(?P<rest2>[^,.;]{1,40})", re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
ROLE = re.compile(r"(?P<former>前|former\s+|ex-)(?P<org>[^、，,。]{1,20}?)\s*(?P<role>(?:AI|人工智能|技术|研究)?\s*"
                  r"(?:总监|主管|负责人|首席科学家|科学家|研究员|工程师|CEO|CTO|创始人|director of AI|director|head of [\w ]+|"
                  r"chief scientist|scientist|researcher|engineer|founder))", re.I)
STUDENT = re.compile(r"(?P<adv>[^、，,。\s]{2,20}?)(?:的)?(?:徒弟|学生|高徒|弟子)|\b(?:student|disciple)\s+of\s+(?P<adv2>[A-Z][\w\- ]{2,40})")
STUDENT_WORDS = ("徒弟", "学生", "高徒", "弟子", "student", "disciple")  # one of them is in every STUDENT match
HEADQUARTERS = re.compile(r"总部(?:位于|设在|在)(?P<x>[^，。；,的]{1,20})|\b(?:headquartered|based)\s+in\s+(?P<x2>[A-Z][\w ]{1,30})|"
                          r"\b(?:start-?up|company|firm|lab|laboratory|institute|centre|center)\s+(?:founded\s+|located\s+)?in\s+"
                          r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
                          r"(?P<x3>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
PAPER_TITLE = re.compile(r"(?:论文|paper)\s*[（(]\s*(?P<t>[^）)]{8,200})\s*[）)]|"
                         r"[（(]\s*(?P<t2>[A-Z][^（）()]{8,200})\s*[）)]\s*(?:的)?论文", re.I)
YEAR_LEAD = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*(?:年)?(?:[-/.](?P<m>\d{1,2}))?\s*[：:，,\s]")
MONTHS = values.MONTHS
DATE_EN = re.compile(r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d{2})\b")
UNITS = {"亿": 10**8, "万": 10**4, "千": 10**3, "k": 10**3, "m": 10**6, "million": 10**6, "b": 10**9,
         "billion": 10**9, "t": 10**12, "trillion": 10**12}
#: The digits of a number: a whole run of digits and commas, of at most 41 characters, never begun inside
#: a longer one (or after "1,"); a longer run is no number.
DIGITS = r"(?<!\d)(?<!\d,)\d[\d,]{0,40}(?![\d,])"
NUM = r"(?P<n>" + DIGITS + r"(?:\.\d+)?)\s*(?P<u>亿|万|千|[kKmMbBtT](?![a-zA-Z])|million|billion|trillion)?"
PARAMS = re.compile(NUM + r"\s*(?:个)?\s*(?:参数|parameters|params)", re.I)
SIZE_OF_NEXT = re.compile(NUM + r"\s*(?:个)?\s*(?:参数|parameters|params)(?:量)?\s*的\s*", re.I)
LAYERS = re.compile(r"(?P<n>\d{1,3})\s*(?:层|[- ]layers?\b)", re.I)
DATA = re.compile(r"(?P<approx>约|大约|大概|近|about|around|approximately|~)?\s*(?P<n>" + DIGITS + r"(?:\.\d+)?)\s*"
                  r"(?P<u>GB|TB|MB|[KMBT]\s*tokens?|(?:[KMBT]|亿|万)?\s*(?:tokens?|标识符|词元)|(?:亿|万)条)", re.I)
COST = re.compile(r"(?P<n>" + DIGITS + r"(?:\.\d+)?)\s*(?P<u>万|亿|million|billion|[MB](?![a-z]))?\s*"
                  r"(?P<c>美元|美金|USD|dollars|人民币|元)|\$\s*(?P<n2>" + DIGITS + r"(?:\.\d+)?)\s*(?P<u2>million|billion|[MBK])?",
                  re.I)
HOSTED = re.compile(r"(?P<more>超过?|逾|over|more than|\+)?\s*(?P<n>" + DIGITS + r")\s*(?P<u>万|k)?\s*(?:个|多个)?\s*"
                    r"(?:预训练)?(?P<what>模型|models|数据集|datasets)", re.I)
HEADING_NUMBER = re.compile(r"^\s*(?:[\d.]+|[一二三四五六七八九十]+[、.]|\(\d+\)|[A-Z][.)])\s*")
#: "Name：…", "Name: …", "Name - …", "Name — …", "Name | …": the head of an item and the start of its body
#: (an alias in brackets may follow the name: "文心一言（ERNIE Bot）：…")
LEAD = re.compile(r"^(?P<name>[A-Za-z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3}|[\u4e00-\u9fff]{2,12})"
                  r"(?:\s*[（(](?P<alias>(?=[^（）()]*[A-Za-z\u4e00-\u9fff])[^（）()\n：:]{1,30})[）)])?"
                  r"(?:\s*[：:|｜]|\s+[-—–]{1,2}\s)")
#: "月之暗面成立于2023年3月", "星河于 2021 年创立": an organization and when it was founded
ESTABLISHED_ZH = re.compile(r"(?:^|(?<=[，。；：、\s]))(?P<n>[\u4e00-\u9fff]{2,8}?|[A-Za-z][\w.&\- ]{1,30}?)\s*(?:于\s*)?"
                            r"(?:(?:成立|创立|创办|诞生)于\s*(?P<y>(?:19|20)\d{2})\s*年(?:\s*(?P<m>\d{1,2})\s*月)?|"
                            r"(?P<y2>(?:19|20)\d{2})\s*年(?:\s*(?P<m2>\d{1,2})\s*月)?\s*(?:成立|创立|创办))")
#: words after which a clause names the data a model was trained on ("trained on", "fine-tuned on", "在 X 上预训练")
TRAINING_CUE = re.compile(r"\b(?:pre-?trained|trained|fine-?tuned|tuned|aligned|distilled|instruction-tuned)\s+"
                          r"(?:\w+\s+){0,3}?(?:on|with|using|from)\b|"
                          r"\b(?:SFT|DPO|RLHF|PPO|ORPO|KTO|fine-?tuning|pre-?training|training|alignment)\s+(?:\w+\s+){0,2}?on\b|(?P<zh>上\s*(?:预训练|训练|微调|继续预训练)|"
                          r"(?:用|使用|采用|基于)[^，。；]{1,30}?(?:进行)?(?:预训练|训练|微调))|(?P<of>的\s*(?:预)?训练(?:数据|语料|集))", re.I)
#: a heading that opens with a date: "2024-04-18 — Llama 3", "Sep 27, 2023: Mistral 7B", "2023/12/11 · Mixtral 8x7B"
#: the ways notes write a date with its month: "2024-04-18", "2023/12", "2023年2月", "Sep 27, 2023", "27 June 2024"
DATE_FORMS = (r"(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
              r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{2}|"
              r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d{2}")
HEADING_DATE = re.compile(r"(?P<d>" + DATE_FORMS + r")\s*(?:[—–:：·|,]|-{1,2}|\s)\s*(?P<rest>\S.*)$")
#: "Liu et al. (UW–Madison, Microsoft Research)": the organizations of a cited work's authors
ET_AL_ORGS = re.compile(r"\b[A-Z][\w'’\-]+\s+et\s+al\.?,?\s*[（(](?P<orgs>[^()（）]{2,160})[)）]")
#: a paragraph that is a list of references: "[1] A. Author, …"
REFERENCE_RUN = re.compile(r"\s*\[1?\d{1,3}\]\s+[A-Z]")
#: words of a document's own title ("Awesome Alignment", "Reading list", "论文清单")
DOC_TITLE = re.compile(r"\b(?:awesome|survey|notes?|lists?|reading|papers|resources|tracker|digest|weekly|newsletter|guide|"
                       r"overview|roadmap|collection|bookmarks|timeline|review)\b|清单|笔记|综述|调研|汇总|整理|合集|列表|周报|资源|指南|"
                       r"时间线|盘点|梳理", re.I)
#: the name a remark on a paper opens with: "提出 ResNet，…", "ViT，把…", "MAE, masks 75% …", "Introduces LoRA."
REMARK_NAMES = re.compile(r"\s*(?:提出(?:了)?|引入(?:了)?|introduces?|proposes?)?\s*(?P<n>[A-Z][\w.\-]*[A-Za-z0-9](?:\s[A-Z0-9][\w.\-]*){0,2})"
                          r"(?=\s*[，,：:。；;（(]|\s+(?:is|was|uses|masks|adds|把|用|在|是))", re.I)
#: an entry's whole text as a name or a title, with a venue or a date in brackets after it
TITLE_ENTRY = re.compile(r"(?P<name>[A-Z0-9\u4e00-\u9fff“\"][^。！？!?；;\n]{1,200}?)\s*(?:[（(](?P<venue>[^()（）]{2,40})[)）])?\s*[.。]?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: a capitalised verb or adverb at the start of a sentence, not part of the name after it ("Co-founded Adept")
LEAD_VERB = re.compile(r"(?:(?:Co-[a-z]+ed|[A-Z][a-z]+ed)|Left|Also|Then|Later|Joined|Both|Now|Since|Leads|Runs|Heads)\s+")
#: a Hub (or GitHub) id in the text: "mistralai/Mistral-7B-v0.1", "HuggingFaceH4/zephyr-7b-beta" (not a path, a URL,
#: a date or "and/or"): an owner and a name with a capital letter, a digit or a dash
HUB_ID = re.compile(r"(?<![\w./\-:@])(?P<owner>[A-Za-z0-9][\w\-.]{1,38})/(?P<name>(?=[\w.\-]*[A-Z0-9\-])[A-Za-z0-9][\w.\-]{0,94}"
                    r"[A-Za-z0-9])(?![\w/\-]|\.\w)")
#: the text of a link that is no name but says what the link is ("[[paper](…)]", "[code]", "[论文]", "[HF]")
LINK_LABEL = re.compile(r"\s*(?P<what>(?P<paper>papers?|pdf|arxiv|论文|文章|tech(?:nical)? report|report|"
                        r"arxiv:?\s*\d{4}\.\d{4,5}(?:v\d+)?|\d{4}\.\d{4,5}|doi:?\s*10\.\S+)|"
                        r"(?P<code>code|github|repo(?:sitory)?|源码|代码|项目地址)|project(?: page)?|homepage|website|site|"
                        r"主页|官网|demo|blog|post|博客|hf|hugging ?face|model|models|weights|checkpoints?|模型|data|dataset|"
                        r"数据|数据集|link|链接|docs?|文档|video|slides|poster|leaderboard|play ?ground)\s*", re.I)
#: what a person did to a thing they made: "author of", "co-creator of", "led", "co-authored the … paper"
PERSON_MADE = re.compile(r"\b(?:(?:lead\s+|first\s+|senior\s+|co-?)?(?:author|creator|inventor|developer|designer|architect|"
                         r"maintainer)s?\s+of|(?:co-?)?(?:created|invented|developed|designed|built|led|introduced|proposed|wrote|"
                         r"authored|maintains|maintained|pioneered)|(?:is|was)\s+behind)\s+(?:the\s+|a\s+|an\s+)?", re.I)
#: a version number at the end of a model's name, set apart: "LLaVA-1.5", "Wren 2", "Finch v3"
VERSION_SUFFIX = re.compile(r"(?:[-\s_]v?|\s+v)\d+(?:\.\d+){0,2}$", re.I)
#: the end of the name of a chat or instruction-tuned model ("-Instruct", " Chat", "-it", "-Instruct-v0.1")
CHAT_SUFFIX = re.compile(r"(?:[-\s_]+(?:Instruct|Chat|it|SFT|RLHF|DPO))(?:[-\s_]*v?\d+(?:\.\d+)*)?$", re.I)
#: the words for a tier of a model that follow its name ("Claude 3 Haiku", "Gemini 1.5 Pro", "GPT-4 Turbo")
VARIANT_WORD = re.compile(r"\s(?P<w>Pro|Ultra|Nano|Flash|Lite|Mini|Max|Plus|Turbo|Large|Medium|Small|Tiny|Haiku|Sonnet|Opus|"
                          r"Instruct|Chat|Base|Vision|Coder|Math|Omni|XL|XXL)(?![\w\-.])(?!\s[A-Z0-9])")
#: "Claude 3 Opus: the top tier …", "Mistral Large: …": a paragraph that opens with a name and a colon
PARA_HEAD = re.compile(r"(?P<name>[A-Z][\w.\-]*(?:\s[A-Za-z0-9][\w.\-]*){0,4}):\s+(?=[a-z\d(“\"])")
#: "**Name** …" in an item's Markdown: its head is the bold name
BOLD_LEAD = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])?\s*(?:\*\*|__)(?P<name>[^*_\n]{1,80}?)(?:\*\*|__)")
#: "Mistral AI is a French start-up": a leading name and what it is
IS_A = re.compile(r"^(?P<name>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3})\s+(?:is|was)\s+(?:a|an|the)\s+"
                  r"(?P<what>[^.,;]{1,80})")
#: A sub-item that is an attribute of its parent's head: 地址：, URL:, 链接：, 简介：, Paper:, GitHub: ...
ATTRIBUTE = re.compile(r"^\s*(?P<k>地址|网址|官网|主页|项目地址|URL|链接|link|homepage|website|简介|介绍|说明|描述|description|"
                       r"备注|附注|点评|notes?|remarks?|comments?|"
                       r"paper|论文|github|代码|code|repo|repository|hugging\s?face|hf|模型地址|arxiv|data|数据|weights|权重|"
                       r"demo|blog|博客|project page|项目主页|docs|文档|report|技术报告|technical report)\s*[：:]\s*(?P<v>.*)$", re.I)
#: Fields of a model card or a list entry ("Developed by: Meta", "- 机构：智谱AI", "Base model: Mistral 7B"), each with
#: what it says of the entity it describes (see :meth:`Extraction.field`)
FIELDS = [
    ("maker", r"机构|单位|组织|开发者|开发方|发布方|研发方|研发机构|出品方|团队|developers?|developed by|organi[sz]ation|org|lab|"
              r"company|vendor|provider|made by|created by|shared by|maintainers?|maintained by|authors?|作者"),
    ("base", r"基座|基座模型|基础模型|底座|底座模型|base model|finetuned from(?: model)?|fine-tuned from(?: model)?|based on|parent model"),
    ("data", r"训练数据|训练集|数据集|预训练数据|training data(?:sets?)?|datasets?|trained on|pre-?training data"),
    ("params", r"参数|参数量|参数规模|模型大小|规模|parameters|params|size|model size"),
    ("date", r"发布时间|发布日期|发布|时间|日期|release date|released|date|release"),
    ("license", r"许可|许可证|协议|开源协议|license|licence"),
]
FIELD = re.compile(r"^\s*(?:\*\*|__)?(?P<k>" + "|".join(f"(?P<{k}>{rx})" for k, rx in FIELDS) + r")(?:\*\*|__)?\s*[：:]\s*(?P<v>.+)$",
                   re.I)
#: the same keys anywhere in a paragraph that strings several fields together ("Developed by: Meta License: MIT")
FIELD_IN_TEXT = re.compile(r"(?:^|(?<=\s)|(?<=[。；;]))(?P<k>" + "|".join(rx for _, rx in FIELDS) + r"|model type|language\(s\)|"
                           r"languages?|语言|类型|论文|paper|链接|地址|homepage|repository|代码|code|备注|简介|说明|note|notes|"
                           r"remarks?)\s*[：:]", re.I)
#: licences that make a model open source
OPEN_LICENSES = re.compile(r"apache|\bmit\b|bsd|cc[- ]by|gpl|openrail|llama ?\d? community|mpl|开源|open", re.I)
BARE_URL = re.compile(r"https?://[^\s<>()（）\[\]，。；]{1,500}")
#: The words in an item's body that make its head a model
MODEL_WORDS = re.compile(r"语言模型|对话模型|大模型|language model|chat model|\bLLM\b", re.I)
#: Titles that read as papers
PAPER_LIKE = re.compile(r"technical report|技术报告|^towards\b|is all you need|^[^:：]{2,60}[:：]\s*(?:an?|the)\s.{0,80}\b(?:for|with|via|of)\b",
                        re.I)
#: Hosts of papers
PAPER_HOSTS = ("arxiv.org", "doi.org", "aclanthology.org", "openreview.net", "papers.nips.cc", "proceedings.neurips.cc",
               "proceedings.mlr.press")
#: "备注：…", "Note: …": a remark on the line before
DESCRIPTION = re.compile(r"^\s*(?:简介|介绍|说明|描述|description|备注|附注|点评|notes?|remarks?|comments?)\s*[：:]", re.I)
#: words that open a clause before a verb but name no one ("同期开源的…")
ADVERBS = re.compile(r"同期|同时|随后|后来|之后|最近|最新|最早|首次|首个|率先|官方|正式|完全|全部|已经|同样|一起|共同|联合|主要|目前|现已|今年|去年")
#: "Foo：一切的起点", "Foo 2: the second one": a Latin name (up to four words) and a subtitle
HEADING_SUBTITLE = re.compile(r"^(?:[|｜·•\-—–]\s*)?(?P<name>[A-Za-z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3}|[\u4e00-\u9fff]{2,8}"
                              r"(?:[A-Za-z]{1,4})?)\s*[：:]\s*\S")
#: a size right after a model's name: "-7B", " 13B", "-1.5b" (not "-7Bx")
SIZED = re.compile(r"[-\s]?\d{1,4}(?:\.\d{1,2})?[BbMmTt](?![A-Za-z0-9_.])")
REMARK = re.compile(r"^\s*(?:备注|附注|注|点评|评论|note|notes|remark|comment)\s*[：:]\s*", re.I)
#: A heading that is a phrase: three words or more, all but the first in lowercase letters ("Not in the table (yet)")
SENTENCE_HEADING = re.compile(r"^[A-Za-z][a-z]*(?:[\s,]+[(\[]?[a-z]+(?:-[a-z]+)*[)\]]?[?:!.]?){2,}$|"
                              r"^[A-Z][a-z]+\s+[a-z]+s$")  # "Open questions": an adjective and a plural noun
LEAD_PERSON = re.compile(r"^(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\s*[,，]")
#: The words of an organization's name
ORG_NAME = re.compile(r"(?:公司|集团|科技|智能|实验室|研究院|大学|学院|\b(?:AI|Inc|Labs?|Research|University|Institute|Corp|Ltd|"
                      r"Capital|Ventures|Partners|Foundation|Technologies|Systems|Academy|LLC|GmbH)\b)\.?$")
PRONOUNS = re.compile(r"(他们|它们|该公司|这家公司|(?:^|(?<=[，。；\s]))公司|they|the company)", re.I)
RELEASED_NAME = re.compile(r"(?:发布|推出|开源|发表)(?:了)?(?:一个|一款)?\s*(?P<n>[A-Za-z][\w.\-]{0,100}[\w])\s*"
                           r"(?P<w>模型|库|框架|数据集|model|library)")
RELEASER = re.compile(r"(?<![\w-])(?P<n>[A-Z][\w&.\-]{0,60}(?:\s[A-Z][\w&.\-]{0,60}){0,3})\s*"
                      r"(?:(?:团队|实验室|小组|课题组|研究组)\s*)?(?:发布|推出|开源)(?!的)")
#: "顶点智能发布了", "某某科技推出": a Chinese name with an organization's word, at the start of a clause, releasing
RELEASER_ZH = re.compile(r"(?:^|(?<=[，。；：:、\s]))(?P<n>[\u4e00-\u9fff]{1,8}?(?:公司|集团|科技|智能|实验室|研究院|大学))"
                         r"(?=(?:发布|推出|开源|开发)|的[\u4e00-\u9fff]{2,3}等人(?:发布|推出|开源|开发))")
#: "深度求索发布了", "的零一万物开源了": a short Chinese name with no organization's word, opening a clause, releasing
RELEASER_ZH_BARE = re.compile(r"(?:^|(?<=[，。；：:、\s的]))(?:(?:[一二三四五六七八九十]是|首先|其次|此外|另外|而)\s*)?"
                              r"(?P<n>[\u4e00-\u9fff]{2,6}?)(?:则|也|又|还|先|再|随后|于是)?"
                              r"(?=(?:发布|推出|开源|放出|上线)了?\s*(?:[\u4e00-\u9fff]{0,6}?模型\s*)?(?:[A-Za-z《“]|第))")
#: Chinese words before a release verb that are no maker ("团队", "官方", "我们", "随后")
NOT_MAKERS_ZH = re.compile(r"团队|官方|我们|他们|大家|作者|社区|用户|随后|之后|同时|正式|首次|最近|今年|去年|年底|月底|年初|年中|"
                           r"最终|终于|这次|此次|本次|当时|后来|一口气|陆续|相继|分别|又|再|先|还|也|就|才|都|已|将|会|^公司$|"
                           r"模型|版本|系列|代码|权重|论文|数据|项目|平台|开源|发布|推出|上线|训练|能力|效果|第[一二三四五六七八九十\d]|等人|等$|"
                           r"^[个款种位批几多两]|[一二三四五六七八九十两几多][个款种位批家]|^[一二三四五六七八九十]是|"
                           r"^[有是在把被让给对从向和与及并而且但或所这那其该此每各全]")
#: "阿里云的…", "由上海人工智能实验室联合商汤科技…": a Chinese name with an organization's word, between words that
#: bound a name (punctuation, 的, 和, 与, 由, a verb that an organization does)
_ORG_ZH_NAME = (r"(?P<n>(?![与和及由在是的联以都出自来被把将对从向为并也还又就才即系让给模仿前原现曾任加离创])[\u4e00-\u9fff]{2,6}?"
                r"(?:公司|集团|科技|智能|实验室|研究院|研究所|大学|学院|云))")
ORG_ZH = re.compile(r"(?:^|(?<=[，。；：:、\s的和与及由在是了])|(?<=联合)|(?<=以及)|(?<=毕业于)|(?<=加入)|(?<=来自))" + _ORG_ZH_NAME +
                    r"(?=的\s*[A-Za-z《“]|[，,、和与及等。；]|发布|推出|开源|研发|提出|联合|共同|在\s*\d|于\s*\d|$|"
                    r"(?:联合)?创始人|CEO|CTO|首席|董事长|总裁|教授|研究员|读|毕业|任|工作|担任|成立|创立|脱胎)")
#: the same at the start of a sentence, before 的 and anything ("阿里云的通义千问走的是…")
ORG_ZH_OPENING = re.compile(_ORG_ZH_NAME + r"(?=的|[，,、和与及等]|发布|推出|开源|研发|提出|联合|共同)")
#: words inside what ORG_ZH took that end a phrase before the name ("技术来自北湖大学")
ORG_ZH_VERBS = re.compile(r"来自|出自|位于|属于|来源于|基于|包括|以及|加入|离开|毕业于|任职于|就职于|成为|进入")
NOT_ORGS_ZH = frozenset({"人工智能", "通用人工智能", "人工智能实验室", "智能", "科技", "大学", "人工智能研究院"})
#: "Tarn Labs", "Quarry Research", "Helix University", "University of Zed": a capitalised name that ends (or begins)
#: with a word for an organization
ORG_NAME_EN = re.compile(r"(?<![\w.\-])(?P<n>(?:[A-Z][\w&\-]*(?:\.[A-Z]\w*)?\s){1,3}(?:AI|Labs?|Research|University|Institute|"
                         r"Inc\.|Corp\.|Ltd\.|Capital|Ventures|Partners|Foundation|Technologies|Academy)|"
                         r"University\s+of\s+[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,2})(?![\w\-])(?!\s[A-Z])")
#: words that make "… AI" a kind of AI, not an organization ("Generative AI", "Constitutional AI")
NOT_ORG_AI = frozenset("""Generative Constitutional Conversational Responsible Explainable Trustworthy Agentic Embodied Open
General Artificial Narrow Edge Enterprise Physical Symbolic Safe Applied Creative Multimodal Ethical Sovereign Frontier
Human-centered Human-Centered Green Predictive Decentralized Federated Interpretable Efficient Robust The This Our Your Their
Its For With In On At Of And Using Why How What Modern Scientific Industrial Medical Clinical Legal""".split())
#: a paper's title "NAME: [A|An|The] … HEAD for …", NAME a short name with a capital letter or a digit
PAPER_NAMED = re.compile(r"(?P<n>(?=[^:：]*[A-Z0-9π])[^\s:：][^:：]{0,30}?)\s*[:：]\s*(?P<what>.{4,200})$")
#: the head word of such a title, and what it makes NAME
PAPER_HEADS = {"model": "LanguageModel", "transformer": "LanguageModel", "llm": "LanguageModel", "policy": "LanguageModel",
               "language model": "LanguageModel", "encoder": "LanguageModel", "decoder": "LanguageModel",
               "dataset": "Dataset", "corpu": "Dataset", "benchmark": "Dataset", "suite": "Dataset",
               "agent": "Software", "framework": "Software", "library": "Software", "toolkit": "Software",
               "system": "Software", "engine": "Software", "adaptation": "Technique", "optimization": "Technique",
               "attention": "Technique", "learning": "Technique", "tuning": "Technique", "training": "Technique",
               "prompting": "Technique", "decoding": "Technique", "quantization": "Technique", "distillation": "Technique",
               "method": "Technique", "algorithm": "Technique", "alignment": "Technique", "pre-training": "Technique"}
#: "推出了 Foo-13B": a new name with a size after a release verb is a model
RELEASED_SIZED = re.compile(r"(?:发布|推出|开源)了?\s*(?P<n>[A-Za-z][\w.\-]{0,60}?[-\s]?\d{1,4}(?:\.\d{1,2})?[BbMm])"
                            r"(?![\w.\-])")
#: "ORG的张三等人发布了": the person (a two- or three-character Chinese name) who, with others, released it for ORG
MEMBER_ZH = re.compile(r"(?<=的)(?P<p>[\u4e00-\u9fff]{2,3})(?=等人(?:发布|推出|开源|开发))")
#: "Meta 与微软联合发布": a new name joined to a known organization before 联合/共同 and a release verb
ALLY = re.compile(r"(?:与|和|及|、)\s*(?P<n>[\u4e00-\u9fff]{2,6}?|[A-Z][\w&.\-]{1,30})\s*(?=(?:联合|共同|一起)"
                  r"(?:发布|推出|开源|开发|研发))")
CLAUSE_END = re.compile(r"[，,。；;]")
#: "Acme's …" opening a description: a capitalised name (up to four words) and 's
DESC_OWNER = re.compile(r"(?P<n>[A-Z][\w&.\-]{0,40}(?:\s[A-Z][\w&.\-]{0,40}){0,3})'s\s")
#: "from ORG" / "by ORG" ending a clause (or before 's or a comma): a name of up to five words
_ORG_WORDS = r"[A-Za-z][\w&.\-]{0,40}(?:\s[A-Z][\w&.\-]{0,40}){0,4}"
DESC_FROM = re.compile(r"\b(?:from|by)\s+(?:the\s+)?(?P<n>" + _ORG_WORDS + r"(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?"
                       + _ORG_WORDS + r")*)(?='s\b|\s*[,，;；(（]|\s*$)")
#: how the names of a list ("Stanford and Google", "NVIDIA, Caltech & MIT") are joined
NAME_JOINS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|、|，|/|与|和)\s*(?:the\s+)?")
FINETUNE = re.compile(r"微调|fine-?tun", re.I)
#: "2023年3月16日开源": a Chinese date right before a release verb (when nothing named follows, the topic's date)
DATE_VERB = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?)?\s*(?:正式)?"
                       r"(?P<v>发布|开源|推出|上线)")
#: "X 的第二代", "X 的升级版", "successor to X": the topic succeeds X (named just before the words, or after "to/of")
SUCCESSOR = re.compile(r"(?:的)?(?:第[二三四五六七八九十\d]{1,3}代|升级版|后继者?|继任者|下一代)(?![\u4e00-\u9fff]{0,2}(?:模型|版本)?[之中])|"
                       r"\bsuccessor\s+(?:to|of)\s+(?:the\s+)?(?P<x>[A-Za-z][\w.\-]{0,60}(?:\s(?:\d+(?:\.\d+)*|[A-Z][\w.\-]*)\b)?)",
                       re.I)
#: "由 P 创办", "由 ORG 创始人 P 于 2023 年 4 月创立": the founders of the topic (an organization) and its date
FOUNDED_BY = re.compile(r"由(?P<who>[^，。；,;由]{1,40}?)(?:于\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月)?)?\s*"
                        r"(?:共同|联合)?(?:创办|创立|创建|成立)")
#: "ORG 创始人 P", "ORG 的创始人 P": P founded ORG (P a short Chinese name, or a capitalised one)
FOUNDER_OF = re.compile(r"(?P<org>[^，。；,;由的\s]{2,12}?)\s*(?:的)?\s*(?:联合)?创始人\s*"
                        r"(?P<p>[\u4e00-\u9fff]{2,3}(?=于|在|$|[，。；、\s])|[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})")
#: "trained on the X data", "fine-tuned on X": what the topic was trained on (a dataset, or a new name before a data word)
TRAINED_ON = re.compile(r"\b(?:trained|fine-?tuned|tuned)\s+on\s+(?:the\s+)?(?P<x>[A-Za-z0-9][\w.\-]{0,60})"
                        r"(?P<w>\s+(?:data(?:set)?|corpus|conversations|dialogues)\b)?", re.I)
FOUNDER_ROLE = {"zh": "创始人", "en": "founder"}
#: "used to train X", "用于训练 X 模型", "X 使用的": the model that a dataset trained
TRAINS = re.compile(r"\bused\s+(?:to\s+(?:train|fine-?tune)|for\s+(?:training|fine-?tuning))\s+(?:the\s+)?(?P<x>[A-Z][\w.\-]{0,40}(?:\s[A-Z0-9][\w.\-]{0,20}){0,2})|"
                    r"用于(?:训练|微调)\s*(?P<x2>[^，。；,;\s]{2,30}?)\s*(?=模型|[，。；,;]|$)|"
                    r"(?:^|(?<=[：:，,\s]))(?P<x3>(?:[\u4e00-\u9fff]{2,4}\s*)?[A-Za-z][\w.\-]{1,40})\s*(?:模型)?\s*(?:训练)?使用的")
#: "Jane Doe and colleagues at the University of X": a person (and co-workers) at an organization opening a description
PEOPLE_AT = re.compile(r"[\s:：|｜\-—–,，]*(?P<p>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})"
                       r"(?:\s+(?:and\s+(?:colleagues|others|co-?authors|(?:the\s+)?team)|et\s+al\.?))?\s+(?:at|from)\s+"
                       r"(?:the\s+)?(?P<org>[A-Z][\w&.\-]{0,40}(?:\s(?:of\s)?[A-Z][\w&.\-]{0,40}){0,4})")
#: "Paper: URL", "论文：URL": the paper that introduces what the item is about, with "(VENUE YEAR)" after it its year
PAPER_URL = re.compile(r"(?:\bpapers?|(?:\btechnical\s+|\btech\s+)?\breports?|技术报告|论文|arxiv)\s*[：:]\s*(?P<u>https?://[^\s<>()（）\[\]，。；]{1,500})"
                       r"(?:\s*[（(][^()（）]{0,40}?(?P<y>(?:19|20)\d{2})[）)])?", re.I)
#: a paper list item "TITLE, ORG, Month YEAR …": a title, the organization that put it out, and its date
PAPER_ITEM = re.compile(r"^(?P<t>[^,，\n]{8,200}?),\s*(?P<org>[A-Z][\w&.\-]{0,40}(?:\s[A-Z][\w&.\-]{0,40}){0,3}),\s*"
                        r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d{2})\b")
#: A capitalised name of up to five words (digits and dots allowed: "Falcon-40B", "Llama 2", "GPT-3.5")
_NAME = r"[A-Z][\w.\-]*(?:\s(?:[A-Z0-9][\w.\-]*|x\d+[A-Za-z]?)){0,5}?"
#: A model named with its size in prose: "Mistral 7B", "Falcon-180B", "Mixtral 8x7B", "Mistral 7B Instruct"
SIZED_NAME = re.compile(r"(?<![\w.\-])(?!(?:Like|Unlike|The|In|On|At|For|With|By|From|And|But|Both|Each|Its|This|That|These|"
                        r"Those|An?|Of|To|As|After|Before|While|When|Since|Than|Only|Even|Then|Also|Our|Their|Use|Using)\s)"
                        r"(?P<n>[A-Z][A-Za-z][\w.]*(?:[-\s][A-Z][A-Za-z]*)?(?:[-\s]\d(?:\.\d)?)?[-\s](?:\d{1,2}x)?"
                        r"\d{1,4}(?:\.\d{1,2})?[BM](?:[-\s](?:Instruct|Chat|Base|Code|Vision))?)(?![\w\-]|\.\w)")
#: The words that say what a thing is, and its type ("a web corpus", "a start-up", "a research centre"), for
#: "X is a …", "X, a …" and "a …, X,": one table, first match wins
KINDS_OF_THINGS = [
    (r"start-?up|company|firm|corporation", "Company"),
    (r"lab|laboratory|institute|research (?:centre|center|organi[sz]ation)", "ResearchLab"),
    (r"university", "University"),
    (r"organi[sz]ation|non-?profit", "Organization"),
    (r"language model|LLM|chat ?model|model", "LanguageModel"),
    (r"dataset|data set|corpus|benchmark", "Dataset"),
    (r"library|framework|toolkit|tool", "Software"),
    (r"professor|researcher|research scientist|scientist|engineer|co-?founder|founder|entrepreneur|investor|"
     r"computer scientist|PhD student|student", "Person"),
]
_KIND_TYPES = [(re.compile(r"(?:" + words + r")\b", re.I), t) for words, t in KINDS_OF_THINGS]
_KIND = r"(?P<kind>" + "|".join(words for words, _ in KINDS_OF_THINGS) + r")"
#: "RefinedWeb, a filtered and deduplicated web corpus": a name and what it is, after a comma
APPOSITIVE = re.compile(r"(?<![\w.\-])(?P<n>" + _NAME + r"),\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,6}?" + _KIND + r"\b")
#: "An instruction model, Mistral 7B Instruct, was …": what it is, then its name between commas
APPOSITIVE_BEFORE = re.compile(r"\b" + _KIND + r",\s+(?P<n>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,4}),")
#: "The Technology Innovation Institute (TII) is a research centre …": a sentence's subject and what it is
SENTENCE_IS_A = re.compile(r"(?:The\s+)?(?P<n>" + _NAME + r")(?:\s*[（(](?P<alias>[A-Z][\w.\-]{1,15})[)）])?\s+(?:is|was)\s+"
                           r"(?:an?|the)\s+(?:[\w\-]+\s+){0,6}?" + _KIND + r"\b")
#: the start of an English sentence: "Falcon-40B appeared …", "Mistral 7B was released …"
SENTENCE_SUBJECT = re.compile(r"(?:The\s+)?(?P<n>" + _NAME + r")(?:\s*[（(][^()（）]{1,40}[)）])?(?=,|\s+(?:is|was|are|were|"
                              r"has|had|have|appeared|followed|came|comes|uses|used|introduced|released|launched|beats|"
                              r"matches|outperforms|extends|adds|builds|topped|reached|shows|scored|achieved|also)\b)")
#: where a Chinese sentence ends
SENTENCE_END_ZH = re.compile(r"[。！？；](?=\S)")
#: where an English sentence ends
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]%\"'])[.!?](?=\s+[A-Z(\"])")
#: A run of Latin words in a text (its words joined by single spaces when the next one is capitalised or a number)
LATIN_RUN = re.compile(r"(?<![\w.\-/@#])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\s(?:[A-Z][A-Za-z0-9]*|\d+(?:\.\d+)?[BbMmKk]?)"
                       r"(?:[-.][A-Za-z0-9]+)*)*(?![\w\-/@])")
#: Latin words that name no one thing (units, file formats, generic acronyms, licences, languages)
NOT_NAMES = frozenset("""api apis gpu gpus cpu cpus tpu tpus nlp ai agi llm llms mllm mllms vlm vlms lmm ui gui web url urls pdf
json csv html http https sql sdk cli ide faq todo qa q&a readme github arxiv markdown yaml chat token tokens ok vs etc eg ie
phd ceo cto usd rmb gb tb mb kb asr tts ocr sota elo apache mit bsd gpl cc english chinese demo demos app apps the a an
and or of in on to for with by from at as is it its this that new open paper papers code data model models dataset
benchmark benchmarks webui i we you he she they our ml rl cv dl nn ps note notes tip tips link links star stars fork
pr prs issue issues blog twitter x wechat zhihu bilibili youtube discord slack api-key online offline beta alpha
pro max plus lite mini base large small medium tiny ultra instruct gib mib tib kib tb gb mb kb kv mlp sop python
java javascript typescript go rust c++ c# sql bash shell linux windows macos ios android macbook iphone mac cuda""".split())
#: what no entity is named: a date, a venue and year ("ACL 2022", "NeurIPS 2023 Datasets and Benchmarks"), a number
NOT_A_NAME = re.compile(r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d{2}(?:[-/.]\d{1,2})*|"
                        r"(?:ACL|EMNLP|NAACL|EACL|COLING|ICLR|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|AAAI|IJCAI|TMLR|JMLR|KDD|"
                        r"SIGIR|WWW|Interspeech|ICASSP)(?:\s+\w+){0,1}\s+(?:19|20)\d{2}(?:\s+[\w&]+){0,4}|[\d.,%\s]+|"
                        r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?(?:[初中底末])?", re.I)
#: The type a fact gives a new, untyped entity it points to ("based on Vicuna": Vicuna is a model)
RANGE_TYPES = {"based_on": "LanguageModel", "trained_on": "Dataset", "developed_by": "Organization",
               "offered_by": "Organization", "publisher": "Organization", "uses": "Technique", "introduced_in": "Paper",
               "headquarters": "Place", "affiliated_with": "Organization"}
#: The type a fact gives a new, untyped entity it is said of ("Foo is based on LLaMA": Foo is a model)
DOMAIN_TYPES = {"based_on": "LanguageModel", "trained_on": "LanguageModel", "parameters": "LanguageModel",
                "headquarters": "Organization", "founded": "Organization"}
#: A technique named in English prose: a word or two and a technique's head noun ("grouped-query attention",
#: "mixture-of-experts", "self-supervised learning", "instruction tuning", "4-bit quantization")
TECHNIQUE_PHRASE = re.compile(
    r"(?<![\w-])(?P<n>(?:(?:[a-z0-9]+-(?!efficient\b|based\b|scale\b|level\b|style\b|tuned\b|trained\b)[a-z0-9]+|instruction|"
    r"prefix|prompt|reinforcement|contrastive|flash|weight|visual|preference|reward|knowledge|speculative|supervised|"
    r"unsupervised|rejection|curriculum|transfer|multi-task|few-shot|zero-shot|in-context|federated|self-supervised|"
    r"semi-supervised|direct preference|proximal policy|group relative policy|low-rank|model|mixed-precision|"
    r"multi-token|rotary|positional)\s)?"
    r"(?:attention|quantization|distillation|prompting|fine-tuning|tuning|learning|pruning|decoding|modeling|modelling|"
    r"optimization|sampling|adaptation|merging|prediction|embeddings?)|"
    r"mixture-of-experts|retrieval-augmented generation|self-attention)(?![\w-])")
#: technique phrases too generic to be one technique
GENERIC_TECHNIQUES = frozenset({"learning", "tuning", "fine-tuning", "attention", "training", "pre-training", "pretraining",
                                "machine learning", "deep learning", "prompting", "decoding", "quantization", "optimization",
                                "sampling", "adaptation", "merging", "prediction", "embedding", "embeddings", "modeling",
                                "modelling", "model merging", "model optimization", "model adaptation"})
#: "Google's FLAN", "Hugging Face's Zephyr-7B-beta": an organization (up to three capitalised words) and what is its
POSSESSIVE = re.compile(r"(?<![\w.\-])(?P<org>[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,2})['’]s\s+"
                        r"(?P<x>[A-Z0-9][\w.\-]*(?:\s(?:[A-Z0-9][\w.\-]*)){0,3})")
#: "founded in April 2023 by Arthur Mensch, Guillaume Lample and Timothée Lacroix": an organization's founders
FOUNDED_BY_EN = re.compile(r"\b(?:[Ff]ounded|[Cc]o-?founded|started|set up)\s+(?:in\s+(?:(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                           r"Oct|Nov|Dec)[a-z]*\.?\s+)?(?P<y>(?:19|20)\d{2})\s+)?(?:in\s+[A-Z][a-z]+\s+)?by\s+"
                           r"(?P<who>[A-Z][^.;:()]{2,160})")
#: one person's name in a list of founders ("Timothée Lacroix", "Dario Amodei")
PERSON_NAME = re.compile(r"[A-Z][a-zà-öø-ÿ'\-]+(?:\s(?:de|van|von|der|da|di|le|la)?\s?[A-Z][a-zà-öø-ÿ'\-]+){1,2}")
#: "PPO itself is from [paper]", "introduced in [paper]": the paper that introduced the sentence's subject
FROM_PAPER = re.compile(r"\b(?:is|was|comes|came)\s+(?:\w+\s+)?from\s+$|\b(?:introduced|proposed|described|presented)\s+in\s+(?:the\s+)?$", re.I)
#: "Direct Preference Optimization (DPO)", "混合专家（MoE）": a term and its abbreviation in brackets
TERM_ABBR = re.compile(r"(?P<t>(?:[A-Za-z][\w\-]*\s){0,5}[A-Za-z][\w\-]*|[\u4e00-\u9fff][\u4e00-\u9fff A-Za-z]{0,11}[\u4e00-\u9fff])"
                       r"\s*[（(](?P<a>[A-Z][A-Za-z0-9\-]{1,11})[)）]")
#: the head words that make a term a technique
TECHNIQUE_HEADS = re.compile(r"(?:attention|optimi[sz]ation|learning|tuning|training|quantization|distillation|decoding|"
                             r"prediction|experts?|feedback|generation|prompting|alignment|pruning|sampling|adaptation|"
                             r"注意力|学习|微调|量化|专家|预测|优化|蒸馏|对齐|训练|剪枝|采样|生成)$", re.I)
#: words right before a technique that say another technique is built with it ("QLoRA combines LoRA with …")
USES_CUE = re.compile(r"(?:\buses?|\busing|\bbuilds?\s+on|\bbuilt\s+on|\bcombin\w+|\bextends?|\bapplies|\bapplying|"
                      r"\bon\s+top\s+of|\bvia|\b(?:generated|created|built|made|produced|collected|trained|tuned|aligned)\s+"
                      r"(?:\w+\s+){0,2}(?:with|by|through)|采用|使用|基于|结合|引入|借助|用|通过|经过|按照)[^.;。；]{0,30}$", re.I)
#: techniques so general that a mention is no use of them unless the text says so ("a Transformer", "an RL setup")
CUED_ONLY = frozenset({"transformer", "glm"})
#: a denial that reaches over a list: "without Monte Carlo tree search, value functions or process reward models"
NEGATED_LIST = re.compile(r"(?:\bwithout|\bno|\bnot|\bneither|\bnor|\binstead of|\brather than|无需|不需要|不用|没有|不再|不依赖)\s+"
                          r"(?:[^.;。；,，]{1,40}?(?:,|，|、|\bor\b|\band\b|\bnor\b|或|和)\s*){1,6}(?:a\s+|an\s+|the\s+)?$", re.I)
#: words that deny what follows ("no separate reward model", "without RLHF", "无需 RLHF")
#: between a list of models and a technique they use: "are sparse", "uses", "都采用了"
LISTED_USES_CUE = re.compile(r"(?:\s+(?P<copula>(?:are|were|is|was)\s+(?:all\s+|both\s+|also\s+)?(?:an?\s+)?"
                             r"(?:(?:sparse|dense|decoder-only|fine-grained)\s+)?)|"
                             r"\s+(?:(?:all|both|also)\s+)?(?:use[sd]?|adopt(?:s|ed)?|employ(?:s|ed)?|rel(?:y|ies|ied)\s+on|"
                             r"(?:are|is|were|was)\s+trained\s+with)\s+(?:an?\s+|the\s+)?|"
                             r"\s*(?:都|均|也)?(?:是|为|采用了?|使用了?|用了|引入了?)\s*)$", re.I)
#: after the technique, when a copula named it: "… models", "… architecture", "架构"
LISTED_USES_AFTER = re.compile(r"(?:-based)?\s*(?:models?|LLMs?|language\s+models?|architectures?|transformers?|"
                               r"架构|模型|结构)\b|(?:-based)?\s*(?:架构|模型|结构)", re.I)
#: two bold names that open a list item: "**Wren 9B** and **Wren 27B** — …"
CO_HEADS = re.compile(r"\s*(?:[-*+]|\d+[.)])?\s*\*\*(?P<a>[^*\n]{1,60})\*\*\s*(?:and|&|,|、|和|与)\s*\*\*(?P<b>[^*\n]{1,60})\*\*")
#: what one name's facts say of it alone
NOT_SHARED = {"label", "aliases", "url", "homepage", "repository", "ids", "parameters", "description", "in_source"}
#: a date right after an item's head, alone before a full stop, comma or semicolon: "27 June 2024.", "2024-06-27;"
HEAD_DATE = re.compile(r"\s*(?:[—–:：|]|--?)?\s*(?:(?:released|announced|out|launched)\s+(?:on\s+|in\s+)?)?"
                       r"(?P<d>" + DATE_FORMS + r")(?=\s*(?:[.,;:(]|$))", re.I)
#: a file format or quantization at the end of a model's name: "-GGUF", "-AWQ", "-GPTQ", "-EXL2"
QUANT_SUFFIX = re.compile(r"[-_.\s](?P<f>GGUF|GGML|AWQ|GPTQ|EXL2)$", re.I)
#: a surname as papers cite it: "Frantar", "O'Brien", "van der Maaten" is left out
SURNAME = re.compile(r"[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?")
#: "Lin et al., URL", "Lin and Han et al. (2023) URL", "(Dettmers, Pagnoni and Holtzman; URL)": who wrote the paper there
ET_AL_URL = re.compile(r"(?P<who>[A-Z][a-zà-ÿ'’\-]+(?:\s+(?:and|&)\s+[A-Z][a-zà-ÿ'’\-]+)?)\s+et\s+al\.?\s*[,;:]?\s*"
                       r"(?:\(?(?:19|20)\d{2}\)?\s*[,;:]?\s*)?(?P<u>https?://[^\s<>()\[\]]+)|"
                       r"[(（](?P<who2>[A-Z][a-zà-ÿ'’\-]+(?:,\s*[A-Z][a-zà-ÿ'’\-]+)*,?\s+(?:and|&)\s+[A-Z][a-zà-ÿ'’\-]+)\s*[;；]\s*"
                       r"(?P<u2>https?://[^\s<>()\[\]]+)\s*[)）]")
NEGATED = re.compile(r"(?:\bno|\bnot|\bwithout|\binstead of|\brather than|\breplac\w+|无需|不需要|不用|没有|不再|取代|替代)\s*(?:\w+\s+)?$",
                     re.I)
#: after a paper's linked title: " — Acme Labs & Zeta, 2021", " - 清华大学, 2023", "（OpenAI，2022）"
PAPER_BY = re.compile(r"\s*(?:—|–|-{1,2}|[,，:：]|[（(])\s*(?P<orgs>[^,，()（）\d]{2,80}?(?:\s*[,，]\s*[^,，()（）\d]{2,60}?){0,6})"
                      r"\s*[,，]\s*(?P<y>(?:19|20)\d{2})\b")
#: "Black Forest Labs released FLUX.1", "This week, Moonshot AI launched Kimi k1.5": a new maker releasing a named thing
RELEASER_EN = re.compile(r"(?<![\w-])(?P<n>[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3})\s+(?:has\s+|have\s+|also\s+|quietly\s+)?"
                         r"(?:released|launched|unveiled|announced|open-sourced|introduced|shipped|debuted|rolled out)\s+"
                         r"(?:its\s+|their\s+|the\s+|an?\s+)?(?:[a-z][\w\-]*\s+){0,3}?(?=[A-Z0-9])")
#: "(Wei et al., 2021)", "(Christiano et al.)", "(Hu and Shen, 2021)" right after a paper: who wrote it (surnames)
CITED_AUTHORS = re.compile(r"\s*[（(](?P<a>[A-Z][A-Za-zà-öø-ÿ'\-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?P<b>[A-Z][A-Za-zà-öø-ÿ'\-]+))"
                           r"(?:,?\s*(?P<y>(?:19|20)\d{2}))?[)）]")
#: a link text that is a citation: "Sanh et al.", "Ivison et al., 2023"
CITATION_TEXT = re.compile(r"(?P<a>[A-Z][A-Za-zà-öø-ÿ'\-]+)\s+et\s+al\.?(?:,?\s*(?P<y>(?:19|20)\d{2}))?")
#: "Arthur Mensch, who had worked at Google DeepMind", "Jane Doe (formerly at OpenAI)", "Bo Chen, a researcher at
#: Acme Labs", "Ann Lee, CEO of Zeta": a person (two or three capitalised words) and an organization they work or worked at
PERSON_AT = re.compile(r"(?<![\w-])(?P<p>[A-Z][a-zà-öø-ÿ'\-]+(?:\s[A-Z][a-zà-öø-ÿ'\-]+){1,2})"
                       r"(?:,\s*(?:who\s+(?P<past>had\s+)?(?:worked|works|was|is|were|are)\s+(?:at|with|for)|"
                       r"(?P<past2>formerly|previously)\s+(?:at|of|with)|(?:an?|the)\s+(?P<role>[\w\s\-]{2,40}?)\s+(?:at|of)|"
                       r"(?P<role2>CEO|CTO|COO|co-?founder|founder|chief scientist|head of [\w ]{2,30}?|director|president|"
                       r"professor|researcher)\s+(?:at|of))|\s*[（(](?P<past3>formerly|previously|ex-)\s*(?:at\s+|of\s+)?(?=[A-Z]))"
                       r"\s*(?:the\s+)?(?P<org>[A-Z][\w&.\-]*(?:\s(?:of\s)?[A-Z][\w&.\-]*){0,4})")
#: "Llama 3.2 Vision (11B and 90B)", "Qwen2（0.5B、7B、72B）": the sizes a model comes in, in brackets after its name
#: a model's size as a name gives it: "7B", "2.6B", "46.7 B"
SIZE = r"\d{1,4}(?:\.\d{1,2})?\s?[BMT]"
SIZES_AFTER = re.compile(r"\s*[（(](?P<sizes>" + SIZE + r"(?:\s*(?:,|，|、|/|and|or|和|与)\s*" + SIZE + r")+)"
                         r"(?:\s*(?:sizes?|versions?|规模|版本|参数))?[)）]")
#: the words that may tell of a person's organization (a quick test before the rules in graph.ingest.affiliations)
AFFILIATION_CUES = re.compile(r"found|join|left|leav|quit|work|\bled\b|lead|\brun|head|former|previous|\bex-|professor|research|"
                              r"scien|engineer|CEO|CTO|COO|chief|president|director|counsel|partner|student|fellow|alumn|"
                              r"['’]s\s[A-Z]|创|任|加入|离开|教授|研究员|科学家|工程师|首席|总裁|董事|负责人|在|前|原", re.I)
#: capitalised words that begin (or end) no person's name: "On Wednesday", "Her co-founders", "In June"
NOT_FIRST_NAMES = frozenset("""The This That These Those Her His Their Our Its It In On At By For From With After Before Since
When While Also And But Both Each Every Last Next New Today Tomorrow Yesterday Meanwhile Then Now Here There Some Most Many
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Issue Chapter Section Figure Table Part Update
University Institute Labs Lab Research AI Inc Ltd Corp Group Team Open Large Model Models Language Foundation""".split())
_WORD_RUN = re.compile(r"[\w-]+")
_WORD_CHAR = re.compile(r"[\w-]")


class _WordTrie:
    """Names by their words (runs of word characters and hyphens) and what separates them, to find them all at once.

    A name stands in a text where its words are the text's words in a row, separated as in the
    name, with what is before its first word and after its last where the text has it, and no
    word character around it: what ``(?<![\\w-])NAME(?![\\w-])`` finds. Each word of the text
    is looked up once for every name that goes on as the text does, not once for every name.

    >>> t = _WordTrie(); _ = [t.add(n) for n in ("Lark 2", "Lark 2 chat", "(Lark)", "C++")]
    >>> sorted(t.find("Lark 2 chat, (Lark) and C++ but not Lark 20 or xLark 2"))
    ['(Lark)', 'C++', 'Lark 2', 'Lark 2 chat']
    """

    def __init__(self):
        self.root: dict = {}  # word -> node; a node is [names ending here, {(separator, word): node}]

    def add(self, name: str) -> bool:
        """Index a name; False if it has no word to index it by."""
        words = list(_WORD_RUN.finditer(name))
        if not words:
            return False
        node = self.root.setdefault(words[0].group(), [[], {}])
        for prev, w in zip(words, words[1:]):
            node = node[1].setdefault((name[prev.end():w.start()], w.group()), [[], {}])
        node[0].append((words[0].start(), name))  # (length of what is before the first word, name)
        return True

    def find(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """name -> [(start, end)] of every place the text has it, each name's places in order."""
        words = [(w.start(), w.end(), w.group()) for w in _WORD_RUN.finditer(text)]
        hits: dict[str, list[tuple[int, int]]] = {}
        for i, (start, _, word) in enumerate(words):
            node = self.root.get(word)
            j = i
            while node is not None:
                for before, name in node[0]:
                    s, e = start - before, start - before + len(name)
                    if s >= 0 and text.startswith(name, s) and (s == 0 or not _WORD_CHAR.match(text, s - 1)) \
                            and not _WORD_CHAR.match(text, e):
                        hits.setdefault(name, []).append((s, e))
                if j + 1 == len(words):
                    break
                sep = text[words[j][1]:words[j + 1][0]]
                j += 1
                node = node[1].get((sep, words[j][2]))
        for places in hits.values():
            places.sort()
        return hits


class Spans:
    """Mentions sorted by start, to find those that start (or end) in a range without a scan of them all.

    >>> sp = Spans([Mention("a", 0, 3, "abc"), Mention("b", 4, 6, "de"), Mention("c", 8, 9, "f")])
    >>> [m.id for m in sp.starting(1, 9)], [m.id for m in sp.ending(3, 6)], sp.last_ending_by(7).id
    (['b', 'c'], ['a', 'b'], 'b')
    """

    def __init__(self, mentions: list[Mention]):
        self.items = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def starting(self, lo: int, hi: int) -> list[Mention]:
        """Those with lo <= start < hi, in order."""
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[Mention]:
        """Those with lo <= end <= hi, in order of start."""
        return [m for m in self.starting(lo - self.longest, hi) if lo <= m.end <= hi]

    def last_ending_by(self, pos: int) -> Mention | None:
        """The last (in order of start) with end <= pos."""
        for k in range(bisect_left(self.starts, pos) - 1, -1, -1):  # past only those that span pos
            if self.items[k].end <= pos:
                return self.items[k]
        return None


@dataclass
class Entity:
    """An entity of the notes: linked to a known id, or new."""

    key: str
    label: str
    type: str | None
    linked: bool
    confidence: float
    line: int
    variant_of: str | None = None
    names: set[str] = field(default_factory=set)
    #: identifiers its links carry, by their key under ``ids:`` (arxiv, huggingface, github)
    ids: dict[str, str] = field(default_factory=dict)
    #: its labels by language, when known better than from the name found (a term of ontology/terms.yaml)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Fact:
    """A statement extracted from one block: subject key, record key, value, where and how sure."""

    subject: str
    key: str
    value: Any
    block: Block
    confidence: float
    rule: str


@dataclass
class Result:
    """What the notes yield: the notes' own source entity, entities and facts."""

    source: Entity
    entities: dict[str, Entity]
    facts: list[Fact]


@dataclass
class Scope:
    """What the rules on one block share: the block, the names in it, and what it is about so far."""

    block: Block
    text: str
    heading_topic: str | None  # the entity of the heading the block is under
    base: str | None  # what the list it is in builds on ("LLaMA 底座")
    mentions: list[Mention]  # the entities it names, in order
    models: list[Mention]  # those that are models, software or datasets
    agents: list[Mention]  # those that are organizations or people
    topic: str | None  # what it is about
    lead_key: str | None  # the entity whose name leads a list item ("Name：...")
    lead_agent: Mention | None  # that entity's mention, if an organization or a person
    released: list[str] = field(default_factory=list)  # what it releases
    guessed: bool = False  # the topic is only the first model named (no head, heading or release says it)

    def __post_init__(self):
        self.agent_spans, self.model_spans, self.mention_spans = Spans(self.agents), Spans(self.models), Spans(self.mentions)


def _lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def _date_text(year: str, month: str | None) -> str:
    """YYYY-MM when the month is a month, else the year alone.

    >>> _date_text("2022", "05"), _date_text("2022", "13")
    ('2022-05', '2022')
    """
    return f"{year}-{int(month):02d}" if month and 1 <= int(month) <= 12 else year


def _number(n: str, unit: str | None) -> float:
    value = float(n.replace(",", ""))
    return value * UNITS.get((unit or "").lower(), 1)


def _as_int(x: float) -> int | float:
    return int(round(x)) if abs(x - round(x)) < 1e-6 else x


def _prefix(text: str, n: int) -> re.Match:
    """A match of the first ``n`` characters of ``text`` as the group ``name`` (one pattern per length, so
    the patterns stay in ``re``'s cache instead of one compiled per name).

    >>> _prefix("Foo Bar is a model", 7).group("name")
    'Foo Bar'
    """
    return re.match(r"(?P<name>.{%d})" % n, text, re.S)


class _SurnameView:
    """A read-only mapping: a surname -> the one person named so far whose name ends with it."""

    def __init__(self, ex: "Extraction"):
        self.ex = ex

    def get(self, word: str, default=None):
        people = [k for k in self.ex._by_last_word.get(word, ()) if self.ex.entities[k].type == "Person"]
        return people[0] if len(people) == 1 else default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> str:
        got = self.get(word)
        if got is None:
            raise KeyError(word)
        return self.ex.entities[got].label

    def __bool__(self) -> bool:
        return bool(self.ex._by_last_word)


class Extraction:
    """Runs the rules over a parsed document."""

    def __init__(self, doc: Document, linker: Linker, source_id: str | None = None):
        self.doc = doc
        self.linker = linker
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self.source_id = source_id
        self._by_label: dict[str, str] = {}  # normalized label -> the first new entity with it
        self._new_names: set[str] = set()  # names (3+ characters) of new entities, found again in later blocks
        self._name_words = _WordTrie()  # the same names, by their words
        self._odd_names: dict[str, re.Pattern] = {}  # names without a word character, matched by their own pattern
        self._han_names: dict[str, list[str]] = {}  # names with Chinese characters, by their first two, longest first
        self._source_key: str | None = None  # the notes' own source
        self._is_a: dict[tuple, bool] = {}  # (a known id, or a type name; the types asked) -> the answer
        self._paragraph_maker: str | None = None  # the organization a paragraph's sentences are about, while read
        self._unindexed: list[str] = []  # entities added since the word indexes below were last brought up to date
        self._by_last_word: dict[str, set[str]] = {}  # last word of a label of two or more words -> the entities
        self._by_short_name: dict[str, set[str]] = {}  # first word ("Moonshot" of Moonshot AI), initials -> entities
        self._by_stem: dict[str, set[str]] = {}  # what a label begins with before its first space or hyphen -> entities
        self._references: dict[str, str] = {}  # the number of an entry in the notes' list of references -> its paper
        self._citations: list[tuple[str, str, str, Block]] = []  # (entity, its name, the number cited after it, where)

    def _add(self, e: Entity) -> None:
        """Keep a new entity, and index its label."""
        self.entities[e.key] = e
        self._unindexed.append(e.key)
        if not e.linked and e.type != "Survey":  # a heading named as the notes' title is not the notes
            self._by_label.setdefault(normalize(e.label), e.key)

    def _add_name(self, e: Entity, name: str) -> None:
        """A name of an entity; a new entity's (not the notes' own) is looked for in every later block."""
        e.names.add(name)
        han = bool(_HAN.search(name))
        if e.linked or e.type == "Survey" or len(name) < (2 if han else 3) or name in self._new_names:
            return
        self._new_names.add(name)
        if han:  # Chinese runs on without spaces: "阶跃星辰成立于…" has no word "阶跃星辰" (see _new_name_matches)
            names = self._han_names.setdefault(name[:2], [])
            names.append(name)
            names.sort(key=lambda n: (-len(n), n))
        elif not self._name_words.add(name):
            self._odd_names[name] = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")

    def _new_name_matches(self, text: str) -> list[tuple[str, int, int]]:
        """(name, start, end) of each new entity's name in the text, not inside a longer word, longest names first.

        What ``re.finditer(r"(?<![\\w-])" + re.escape(name) + r"(?![\\w-])", text)`` finds for each name,
        found for all of them in one pass over the words of the text.
        """
        if not self._new_names:
            return []
        hits = self._name_words.find(text)
        for name, rx in self._odd_names.items():
            for m in rx.finditer(text):
                hits.setdefault(name, []).append((m.start(), m.end()))
        if self._han_names and _HAN.search(text):
            for name, start in self._han_hits(text):
                hits.setdefault(name, []).append((start, start + len(name)))
        out = []
        for name in sorted(hits, key=lambda n: (-len(n), n)):
            end = -1
            for s, e in sorted(hits[name]):
                if s >= end:  # as finditer: one name's matches do not overlap
                    out.append((name, s, e))
                    end = e
        return out

    def _han_hits(self, text: str) -> list[tuple[str, int]]:
        """(name, start) of each new entity's name that has Chinese characters, left to right, the longest at a
        place first and none overlapping: one look-up by the two characters at each place (however many names)."""
        out = []
        by_prefix = self._han_names
        i, end = 0, len(text) - 1
        while i < end:
            names = by_prefix.get(text[i:i + 2])
            found = next((n for n in names if text.startswith(n, i)), None) if names else None
            if found:
                out.append((found, i))
                i += len(found)
            else:
                i += 1
        return out

    # ------------------------------------------------------------ entities
    def entity(self, name: str, line: int, type_hint: str | None = None, confidence: float = 0.8,
               url: str | None = None, key_hint: str | None = None) -> str | None:
        """The key of the entity with this name (linking known ones), created if new (with the key hinted, if free)."""
        name = name.strip().strip("“”\"'「」《》：:，,。")
        if not name or len(name) > 120 or NOT_A_NAME.fullmatch(name):
            return None
        hub = HUB_ID.fullmatch(name)
        if hub and not url:  # "HuggingFaceH4/zephyr-7b-beta": the model is zephyr-7b-beta, the id its Hub id
            name, url = hub.group("name"), f"https://huggingface.co/{name}"
        elif hub:
            name = hub.group("name")
        rid = self.linker.link(name) or (self.linker.link_url(url) if url else None)
        if rid:
            e = self.entities.get(rid)
            if e is None:
                e = Entity(rid, name, self.linker.type_of(rid), True, 0.95, line)
                self._add(e)
            self._add_name(e, name)
            return rid
        term = load_terms().named(name) if type_hint not in ("Paper", "Dataset", "Organization", "Person") else None
        if term is not None:  # "DPO", "Direct Preference Optimization": a technique the field has a name for
            return self.term_entity(term, name, line)
        same = self._by_label.get(normalize(name))  # a new entity of the same name, however written
        if same is not None:
            e = self.entities[same]
            if type_hint and (not e.type or (e.type == "Organization" and type_hint != e.type and
                                             self.linker.vocab.is_a(self.linker.vocab.types.get(type_hint, ""),
                                                                    self.linker.vocab.types["Organization"]))):
                e.type = type_hint  # (a more exact type than "Organization": "Acme AI is a start-up")
            self.keep_ids(same, url)
            return same
        key = ids.free_id(key_hint or slugify(name), self._taken)
        e = Entity(key, name, type_hint, False, confidence, line, variant_of=self.variant_of(name))
        self._add(e)
        self._add_name(e, name)
        self.keep_ids(key, url)
        return key

    def _taken(self, key: str) -> bool:
        """Whether an id is a known record's or another new entity's (of another name)."""
        return key in self.linker.records or key in self.entities

    def variant_of(self, name: str) -> str | None:
        """The entity a name with a size suffix is a variant of: "Llama-2-7B" of Llama 2, known or new.

        >>> ex = Extraction(parse_markdown("- Llama 2：a model"), Linker([]))
        >>> ex.entity("Llama 2", 1), ex.entity("Llama-2-7B", 1), ex.entities["llama-2-7b"].variant_of
        ('llama-2', 'llama-2-7b', 'llama-2')
        """
        variant = self.linker.variant(name)
        if variant:
            return variant[0]
        family = self.linker.version_family(name)
        split = size_suffix(name.strip())
        if split and split[0].strip(" -_") and self._by_label.get(normalize(split[0])):
            return self._by_label[normalize(split[0])]  # a size of a new version: "Llama-2-7B" of Llama 2
        if family and self.linker.is_a(family, "ModelFamily"):
            return family  # a new numbered model of a family is one of its versions ...
        return None  # ... but "Foo 3" of the model Foo is a later model, not a version of it

    def keep_ids(self, key: str | None, url: str | None) -> None:
        """The identifiers (arXiv, Hugging Face, GitHub) a new entity's URL carries."""
        e = self.entities.get(key) if key else None
        if e is None or e.linked or not url:
            return
        for k, v in ids.identifiers(url).items():
            if k in self.linker.vocab.keys:
                e.ids.setdefault(k, v)

    def type_of(self, key: str) -> str:
        e = self.entities.get(key)
        return (e.type or "") if e else self.linker.type_of(key)

    def is_a(self, key: str, *types: str) -> bool:
        """Whether the entity (known, or new as typed now) is of one of the types (answers kept by type name)."""
        e = self.entities.get(key)
        if e and e.linked:
            known = (key, types)
            if known not in self._is_a:
                self._is_a[known] = any(self.linker.is_a(key, t) for t in types)
            return self._is_a[known]
        asked = (self.type_of(key), types)
        if asked not in self._is_a:
            vocab = self.linker.vocab
            t = vocab.types.get(asked[0], "")
            self._is_a[asked] = any(vocab.is_a(t, vocab.types[x]) for x in types)
        return self._is_a[asked]

    #: what the notes' own source may be the subject of: what the notes are, not what they are about
    SOURCE_KEYS = frozenset({"cites", "url", "homepage", "published", "released", "date", "title", "authors", "publisher"})

    def fact(self, subject: str | None, key: str, value: Any, block: Block, confidence: float, rule: str) -> None:
        """Keep a fact, unless it says that an entity is (based on, a version of) itself, or that the notes'
        own source does what its topics do ("基于LLM的二次微调" in a survey's intro is no fact about the survey)."""
        target = value.get("id") if isinstance(value, dict) else value
        if subject is None or value is None or target == subject:
            return
        if key == "developed_by" and self.is_a(subject, "Service"):
            key = "offered_by"  # a service is offered by its maker
        target_entity = self.entities.get(target) if isinstance(target, str) else None
        if target_entity is not None and not target_entity.linked and not target_entity.type and key in RANGE_TYPES:
            target_entity.type = RANGE_TYPES[key]  # a name found with no type: what the fact says it is
        elif target_entity is not None and not target_entity.linked and key in ("developed_by", "offered_by", "publisher") \
                and not self.is_a(target, "Organization", "Person"):
            target_entity.type = "Organization"  # a new name that made something is a maker, whatever its section said
        subject_entity = self.entities.get(subject)
        if subject_entity is not None and not subject_entity.linked and not subject_entity.type:
            if key in ("version_of", "successor_of", "variant_of") and isinstance(target, str) and self.type_of(target):
                subject_entity.type = self.type_of(target)  # a version of a model is a model
            elif key in DOMAIN_TYPES:
                subject_entity.type = DOMAIN_TYPES[key]
        e = self.entities.get(subject)
        if e is not None and e.type == "Survey" and not e.linked and key not in self.SOURCE_KEYS:
            return
        if e is not None and e.linked and self.linker.is_a(subject, "Source") and subject == self._source_key \
                and key not in self.SOURCE_KEYS:
            return
        self.facts.append(Fact(subject, key, value, block, confidence, rule))

    # ------------------------------------------------------------ mentions
    def mentions(self, block: Block) -> list[Mention]:
        versions: list[Mention] = []
        found = self.linker.mentions(block.text, versions=versions)
        covered = bytearray(len(block.text) + 1)  # 1 where a mention found so far covers the character
        for u in BARE_URL.finditer(block.text):  # a URL's path is no prose: nothing in it is named
            covered[u.start():u.end()] = b"\x01" * (u.end() - u.start())
        hubs = [h for h in HUB_ID.finditer(block.text) if not covered[h.start()]] if "/" in block.text else []
        for h in hubs:  # nor is a Hub id's owner ("meta-llama/…" names no Meta)
            covered[h.start():h.end()] = b"\x01" * (h.end() - h.start())
        if any(covered):
            found = [m for m in found if not covered[m.start]]
            versions[:] = [v for v in versions if not covered[v.start]]

        def add(m: Mention) -> None:
            found.append(m)
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)

        for i, m in enumerate(found):
            self.entity(m.text, block.line)
            sized = SIZED.match(block.text, m.end) if self.linker.is_a(m.id, "Model") and \
                not size_suffix(m.text) else None
            if sized:  # "LLaMA-7B" where LLaMA is known: the model of that size, a new entity
                name = block.text[m.start:sized.end()]
                key = self.entity(name, block.line, "LanguageModel", 0.7)
                if key and key != m.id:
                    found[i] = m = Mention(key, m.start, sized.end(), name)
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        for v in versions:  # "Llama 2" where LLaMA is known: a new entity, a version of LLaMA
            family_type = self.type_of(v.id)
            key = self.entity(self.version_name(block.text, v), block.line,
                              "LanguageModel" if family_type == "ModelFamily" else
                              family_type if any(self.linker.is_a(v.id, t) for t in ("Model", "Software", "Dataset")) else None, 0.7)
            if key and key != v.id and not covered[v.start]:
                add(Mention(key, v.start, v.start + len(self.version_name(block.text, v)), self.version_name(block.text, v)))
        def new(name: str, start: int, type_hint: str | None, confidence: float, key_hint: str | None = None) -> str | None:
            """The entity of a name found at ``start`` (new, or named before), kept as a mention of the block."""
            key = self.entity(name, block.line, type_hint, confidence, key_hint=key_hint)
            if key:
                add(Mention(key, start, start + len(name), name))
            return key

        text = block.text
        for m in hubs:  # "mistralai/Mistral-7B-v0.1": a model (or dataset) on the Hub, by its id
            self.hub_mention(m, block, add)
        inside_links = [(p, p + len(t)) for t, _ in block.links if t and (p := text.find(t)) >= 0]
        for term, start, end in load_terms().find(text):  # "SFT", "监督微调": a technique the field has a name for
            if not covered[start] and not covered[end - 1] and \
                    not any(a <= start and end <= b and (a, b) != (start, end) for a, b in inside_links):
                self.term_mention(term, text[start:end], start, block.line, add)  # (a paper's title is the paper's)
        for name, start, end in self._new_name_matches(text):
            if not covered[start]:
                new(name, start, None, 0.8)
        # new entities named as '... 了 NAME 模型/库' or linked in the block
        for m in RELEASED_NAME.finditer(text):
            if not covered[m.start("n")]:
                new(m.group("n"), m.start("n"), next((tt for rx, tt in WORD_TYPES if rx.match(m.group("w"))), None), 0.7)
        for m in RELEASER_ZH.finditer(text):  # "顶点智能发布了…": a new organization
            if not covered[m.start("n")]:
                new(m.group("n"), m.start("n"), "Organization", 0.6)
        for m in ORG_ZH.finditer(text):  # "阿里云的…", "商汤科技等机构"
            n, at = m.group("n"), m.start("n")
            verb = list(ORG_ZH_VERBS.finditer(n))
            if verb:  # "技术来自北湖大学": the name after the verb
                n, at = n[verb[-1].end():], at + verb[-1].end()
            if len(n) >= 3 and not covered[at] and n not in NOT_ORGS_ZH and not self.linker.link(n):
                new(n, at, "Organization", 0.6)
        if " " in text and ("A" in text or "L" in text or "R" in text or "U" in text or "I" in text or "C" in text or
                            "V" in text or "P" in text or "F" in text or "T" in text):
            for m in ORG_NAME_EN.finditer(text):  # "Tarn Labs, a Toronto startup, …"
                n = m.group("n")
                words = n.split()
                while len(words) > 2 and words[1] != "of" and \
                        re.fullmatch(r"(?:Co-[a-z]+ed|[A-Z][a-z]+ed)|The|In|At|On|From|With|By|For|This|That|Its|Their|Our|Her|His|And|"
                                     r"But|Also|Then|Now|When|While|After|Before", words[0]):
                    words = words[1:]  # "Founded Tarn Labs", "In Acme Research": the name after the word
                if " ".join(words) != n:
                    at = m.start("n") + n.find(words[0])
                    n = n[n.find(words[0]):]
                    if not covered[at] and not self.linker.link(n) and words[0] not in NOT_ORG_AI:
                        new(n, at, "University" if "University" in n else "Organization", 0.6)
                    continue
                if covered[m.start("n")] or covered[m.end("n") - 1] or words[0] in NOT_ORG_AI or \
                        (words[-1] == "AI" and words[-2] in NOT_ORG_AI) or self.linker.link(n):
                    continue
                seen = self._by_label.get(normalize(n))
                if seen and self.type_of(seen) and not self.is_a(seen, "Organization"):
                    continue
                new(n, m.start("n"), "University" if "University" in n else "Organization", 0.6)
        for m in RELEASER_ZH_BARE.finditer(text):  # "深度求索发布了…", "…创办的零一万物开源了…"
            n = m.group("n")
            if not (covered[m.start("n")] or ADVERBS.search(n) or NOT_MAKERS_ZH.search(n) or self.linker.link(n) or
                    text[m.end("n"):m.end("n") + 1] == "等"):
                new(n, m.start("n"), "Organization", 0.55)
        for m in RELEASED_SIZED.finditer(text):
            if not covered[m.start("n")] and not self.linker.link(m.group("n")):
                new(m.group("n"), m.start("n"), "LanguageModel", 0.7)
        for m in MEMBER_ZH.finditer(text):
            org = next((f for f in found if f.end == m.start("p") - 1 and self.is_a(f.id, "Organization")), None)
            if org is not None and not covered[m.start("p")]:
                key = new(m.group("p"), m.start("p"), "Person", 0.6, key_hint=ids.person_slug(m.group("p")))
                if key:
                    self.fact(key, "affiliated_with", org.id, block, 0.65, "member")
        for m in ALLY.finditer(text):
            ally = next((f for f in found if 0 <= m.start() - f.end <= 1 and self.is_a(f.id, "Organization")), None)
            if ally is not None and not covered[m.start("n")] and not self.linker.link(m.group("n")):
                new(m.group("n"), m.start("n"), "Organization", 0.6)
        if " " in text and _lang(text) == "en":
            for m in RELEASER_EN.finditer(text):
                n = self.releaser_name(m.group("n"))
                at = m.start("n") + m.group("n").rfind(n) if n else -1
                if n and at >= 0 and not covered[at]:
                    new(n, at, "Organization", 0.55)
        for m in RELEASER.finditer(text):
            if not covered[m.start("n")] and not self.linker.variant(m.group("n")) and not SIZED.search(m.group("n")):
                new(m.group("n"), m.start("n"), "Organization", 0.6)
        for name, start, end in self.latin_names(text):
            verb = LEAD_VERB.match(name)
            if verb and " " in name[verb.end():]:  # "Co-founded Sakana AI": the name after the verb
                name, start = name[verb.end():], start + verb.end()
            elif verb:
                continue
            if not covered[start] and not covered[end - 1]:
                new(name, start, "Organization" if ORG_NAME.search(name) and " " in name else self.type_from_words(text, end),
                    0.55)
        if "-" in text or " " in text:
            for m in TECHNIQUE_PHRASE.finditer(text):
                name = m.group("n")
                if name not in GENERIC_TECHNIQUES and not covered[m.start("n")] and not self.linker.link(name):
                    new(name, m.start("n"), "Technique", 0.55)
        if "(" in text or "（" in text:
            for m in TERM_ABBR.finditer(text):
                term = self.term_of(m.group("t"), m.group("a"))
                at = m.start("t") + len(m.group("t")) - len(term) if term else -1
                if term and not covered[at] and not self.linker.link(term):
                    key = new(term, at, "Technique" if TECHNIQUE_HEADS.search(term) else None, 0.6)
                    if key and not self.entities[key].linked:
                        self._add_name(self.entities[key], m.group("a"))  # its abbreviation names it too
        for m, t in self.named_in_prose(text):
            if not covered[m.start("n")] and not self.linker.link(m.group("n")):
                new(m.group("n"), m.start("n"), t, 0.6)
        where: dict[str, int] = {}
        for text, url in block.links:
            if LINK_LABEL.fullmatch(text or "") or CITATION_TEXT.fullmatch(text or ""):
                continue  # "[[paper](…)]", "[code](…)", "[Sanh et al.](…)": a link of the item's head, not a name
            if not self.in_references(block):
                pos = where.get(text)
                if pos is None:  # each text looked for once, however many links have it
                    pos = where[text] = block.text.find(text)
                t = self.type_from_url(url)
                if t == "Paper" and pos == 0 and not self.type_from_title(text) and len(text.split()) <= 4:
                    t = None  # "LoRA：<paper link>" names what the paper introduces (see lead_name)
                    url_for_key = None
                else:
                    url_for_key = url
                t = t or self.type_from_words(block.text, pos + len(text)) or \
                    ("Organization" if ORG_NAME.search(text) and " " in text else None)
                key = self.entity(text, block.line, t, 0.75, url_for_key)
                if key and pos >= 0 and covered[pos] and t == "Paper" and len(text.split()) >= 4 and \
                        self.is_a(key, "Paper") and not any(m.start < pos or m.end > pos + len(text)
                                                            for m in found if pos <= m.start < pos + len(text) or
                                                            m.start < pos < m.end):
                    found[:] = [m for m in found if not pos <= m.start < pos + len(text)]  # "[LoRA: Low-Rank …](arXiv)":
                    add(Mention(key, pos, pos + len(text), text))  # the title is the paper's, not LoRA's
                elif key and pos >= 0 and not covered[pos]:
                    add(Mention(key, pos, pos + len(text), text))
        if " " in text:
            self.variants_named(text, found, covered, block)
        return sorted(found, key=lambda m: m.start)

    def variants_named(self, text: str, found: list[Mention], covered: bytearray, block: Block) -> None:
        """ "Claude 3 Haiku", "Gemini 1.5 Pro", "Mistral Large" where Claude 3, Gemini 1.5, Mistral are models named:
        a model's name and a word for one of its tiers is a version of it (a new entity; the mention is replaced)."""
        for i, m in enumerate(found):
            w = VARIANT_WORD.match(text, m.end)
            if not w or (m.id in self.entities and self.entities[m.id].linked and not self.linker.is_a(m.id, "Model")) or \
                    (self.type_of(m.id) and not self.is_a(m.id, "Model")):
                continue
            name = text[m.start:w.end()]
            key = self.entity(name, block.line, self.type_of(m.id) or "LanguageModel", 0.65)
            if key and key != m.id:
                e = self.entities[key]
                if w.group("w") in ("Instruct", "Chat"):  # a chat or instruct model is fine-tuned from its base
                    self.fact(key, "based_on", {"id": m.id, "kind": "finetune"}, block, 0.65, "variant-word")
                elif not e.linked and not e.variant_of:
                    e.variant_of = m.id
                found[i] = Mention(key, m.start, w.end(), name)
                covered[m.start:w.end()] = b"\x01" * (w.end() - m.start)

    def hub_mention(self, m: re.Match, block: Block, add) -> None:
        """An id "owner/name" named in the text, or as a link's text: the entity is ``name`` (known, or new with the
        id kept under ``huggingface`` unless a GitHub link has that text), and the owner a candidate maker."""
        hub = f"{m.group('owner')}/{m.group('name')}"
        github = any(t == hub and "github.com" in u for t, u in block.links)
        dataset = "/datasets/" + hub in " ".join(u for _, u in block.links)
        url = None if github else f"https://huggingface.co/{'datasets/' if dataset else ''}{hub}"
        key = self.linker.link(m.group("name")) or (self.linker.link_url(url) if url else None)
        key = self.entity(m.group("name"), block.line, None if key else ("Dataset" if dataset else
                          ("Software" if github else "LanguageModel")), 0.7, url) if not key else self.entity(m.group("name"), block.line)
        if key:
            add(Mention(key, m.start(), m.end(), m.group()))

    def term_mention(self, term, name: str, start: int, line: int, add) -> None:
        """A term of the field named at ``start``, kept as a mention of the block."""
        add(Mention(self.term_entity(term, name, line), start, start + len(name), name))

    def term_entity(self, term, name: str, line: int) -> str:
        """The entity of a term of the field: the known record of its id, else a new entity with its id, type and
        labels (the names it was found by kept as aliases)."""
        if term.id in self.linker.records:
            e = self.entities.get(term.id)
            if e is None:
                e = Entity(term.id, name, self.linker.type_of(term.id), True, 0.95, line)
                self._add(e)
            return term.id
        e = self.entities.get(term.id)
        if e is None or e.linked:
            key = ids.free_id(term.id, self._taken) if e is not None else term.id
            e = Entity(key, term.en, term.type, False, 0.75, line, labels=term.labels)
            self._add(e)
            self._add_name(e, term.en)
        elif not e.labels:  # named before (a heading "## DPO"): the term says what it is
            e.type, e.labels = term.type, term.labels
        self._add_name(e, name)
        self._by_label.setdefault(normalize(name), e.key)
        return e.key

    def releaser_name(self, name: str) -> str:
        """The maker's name in a RELEASER_EN match, without a leading time ("This week, Acme AI" → "Acme AI"), or ""
        when it is no new maker (a pronoun, a known name, a name with digits, a thing already typed otherwise)."""
        n = re.sub(r"^(?:This|Last|Next|On|In|After|Then|Now|Today|Yesterday|Meanwhile|Also)\s+(?:\w+\s+)?", "", name)
        n = re.sub(r"^(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+", "", n)
        n = re.sub(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?-based\s+", "", n)  # "Shanghai-based MiniMax" is MiniMax
        if not n or self.linker.link(n) or re.search(r"\d", n) or \
                n.split()[0] in ("It", "They", "We", "He", "She", "The", "This", "That", "Its", "Their"):
            return ""
        seen = self._by_label.get(normalize(n))
        return "" if seen and self.type_of(seen) and not self.is_a(seen, "Organization", "Person") else n

    @staticmethod
    def term_of(words: str, abbr: str) -> str | None:
        """The term an abbreviation abbreviates, from the words before it: as many last words as it has capitals
        ("… with Direct Preference Optimization", "DPO"), or the Chinese words after the last particle.

        >>> Extraction.term_of("aligned with Direct Preference Optimization", "DPO"), Extraction.term_of("用了混合专家", "MoE")
        ('Direct Preference Optimization', '混合专家')
        >>> Extraction.term_of("trained it on many tasks", "RLHF") is None
        True
        """
        if re.search(r"[\u4e00-\u9fff]", words):
            cjk = re.split(r"[的了用和与及是在对把将为即或并以等个种]", words.strip())[-1].strip()
            return cjk if 2 <= len(cjk) <= 10 and not re.search(r"[A-Za-z]", cjk[:1]) else None
        caps = [c for c in abbr if c.isupper()]
        tokens = words.split()
        for k in range(1, len(tokens) + 1):
            cand = tokens[-k:]
            initials = "".join(p[0] for t in cand for p in t.split("-") if p).upper()
            if initials == "".join(caps) or "".join(t[0] for t in cand).upper() == "".join(caps):
                return " ".join(cand)
        return None

    @staticmethod
    def latin_names(text: str) -> list[tuple[str, int, int]]:
        """(name, start, end) of the Latin names a text holds: in Chinese text, every Latin word with a capital or a
        digit ("用 Vicuna 与 BLIP-2 对齐"); in English, words spelt as names are (CamelCase, letters with digits,
        capitals: "RefinedWeb", "GPT-4", "LAION"), not capitalised words (which may open a sentence).

        >>> [n for n, _, _ in Extraction.latin_names("把 BLIP-2 的视觉编码器与 Vicuna 对齐，提供 API 与 Web UI")]
        ['BLIP-2', 'Vicuna']
        >>> [n for n, _, _ in Extraction.latin_names("Falcon was trained on RefinedWeb and The Pile with GPT-4 labels via an API.")]
        ['RefinedWeb', 'GPT-4']
        """
        if not re.search(r"[A-Z]", text):
            return []
        zh = _lang(text) == "zh"
        out = []
        for m in LATIN_RUN.finditer(text):
            words = m.group().split(" ")
            while words and words[0].lower() in NOT_NAMES:
                words.pop(0)
            while words and words[-1].lower() in NOT_NAMES and not (len(words) > 1 and ORG_NAME.search(words[-1])):
                words.pop()  # (but "Quarry AI", "Acme Labs" keep their last word)
            if not words:
                continue
            name = " ".join(words)
            first = words[0]
            if zh:
                ok = bool(re.search(r"[A-Z0-9]", name)) and len(name) >= 2 and not name.isdigit()
            else:
                ok = len(words) == 1 and (bool(re.search(r"[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]|[A-Za-z]-\d|^[A-Z][a-z]+-[A-Z]", first))
                                          or (first.isupper() and len(first) >= 3))
            if ok and not re.fullmatch(r"\d+(?:\.\d+)?\s*[BbMmKkTt]|[A-Z]\d?|v\d+(?:\.\d+)*|[AHVTBL]\d{2,4}|RTX\s?\d+|FP\d+|"
                                       r"INT\d+|Int\d+|BF16|\d+(?:\.\d+)?\s?(?:[KMGTP]i?B|[KMGT])|\d+K", name):
                start = m.start() + m.group().index(name)
                out.append((name, start, start + len(name)))
        return out

    @staticmethod
    def named_in_prose(text: str) -> list[tuple[re.Match, str]]:
        """New names that English prose says what they are: "Mistral 7B" (a size), "RefinedWeb, a web corpus",
        "The Technology Innovation Institute (TII) is a research centre" (each match has the group ``n``).

        >>> [(m.group("n"), t) for m, t in Extraction.named_in_prose(
        ...     "Falcon-40B beats it. RefinedWeb, a filtered web corpus, helps. Acme Labs is a small start-up.")]
        [('Falcon-40B', 'LanguageModel'), ('RefinedWeb', 'Dataset'), ('Acme Labs', 'Company')]
        """
        if not re.search(r"[A-Za-z]", text):
            return []
        out = [(m, "LanguageModel") for m in SIZED_NAME.finditer(text)]
        for rx in (APPOSITIVE, APPOSITIVE_BEFORE):
            out += [(m, t) for m in rx.finditer(text) if (t := kind_type(m.group("kind")))]
        starts = [0] + [e.end() for e in SENTENCE_END.finditer(text)]
        for at in starts:
            while at < len(text) and text[at] == " ":
                at += 1
            m = SENTENCE_IS_A.match(text, at)
            if m and (t := kind_type(m.group("kind"))):
                out.append((m, t))
        return sorted(out, key=lambda x: x[0].start("n"))

    @staticmethod
    def version_name(text: str, v: Mention) -> str:
        """The whole name of another version, with a size or a word that goes on it: "Llama 2-Chat", "GPT-3.5".

        >>> Extraction.version_name("用 Llama 2-7B 做", Mention("llama", 2, 9, "Llama 2"))
        'Llama 2-7B'
        >>> Extraction.version_name("在 Llama 2 70B 上", Mention("llama", 2, 9, "Llama 2"))
        'Llama 2 70B'
        """
        m = re.compile(r"(?:[-_.][A-Za-z0-9]{1,12}){0,3}").match(text, v.end)
        end = m.end() if m else v.end
        sized = re.compile(r"\s\d{1,4}(?:\.\d{1,2})?[BbMm](?![\w.\-])").match(text, end)  # "Llama 2 70B"
        return text[v.start:sized.end() if sized else end]

    # ------------------------------------------------------------ typing
    @staticmethod
    def type_from_url(url: str) -> str | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        host = parts.netloc.lower().removeprefix("www.")
        segs = [s for s in parts.path.split("/") if s]
        if host.endswith("arxiv.org") or host in PAPER_HOSTS or (host == "jmlr.org" and segs[:1] == ["papers"]):
            return "Paper"
        if host == "huggingface.co":
            if segs[:1] == ["datasets"]:
                return "Dataset"
            if segs[:1] == ["spaces"]:
                return "Software"
            return "LanguageModel" if len(segs) >= 2 else "Company"
        if host in ("github.com", "gitlab.com", "gitee.com"):
            return "Software" if len(segs) >= 2 else "Organization"
        if host.endswith("readthedocs.io") or host == "pypi.org":
            return "Software"
        if host in ("youtube.com", "youtu.be", "bilibili.com", "vimeo.com"):
            return "Video"
        return None

    @staticmethod
    def type_from_words(text: str, after: int) -> str | None:
        rest = text[after:after + 12] if after >= 0 else ""
        return next((t for rx, t in WORD_TYPES if rx.match(rest)), None)

    def type_from_section(self, block: Block) -> str | None:
        """The type of the items of a section, from the nearest heading that names a category; a heading naming
        the maker of a category's items ("## VLM / ### Alibaba Cloud") is no category.

        >>> ex = Extraction(parse_markdown("## VLM\\n### Alibaba Cloud\\n- Qwen-VL"), Linker([]))
        >>> ex.type_from_section(ex.doc.blocks[2])
        'Model'
        """
        return _section_type(tuple(block.section))

    @staticmethod
    def category(heading: str) -> str | None:
        """The type a heading names as a category ("数据集" Dataset, "Audio" Model), or None."""
        return _category(heading)

    @staticmethod
    def vendor_name(heading: str) -> list[str]:
        """The names of the organizations a short heading could be ("Zhipu AI / Tsinghua": both), or []."""
        return list(_vendor_name(heading))

    def in_references(self, block: Block) -> bool:
        """Whether a block is under a heading of references ("参考资料", "Further reading"); the notes' own
        title ("LLM reading list") is not one, nor is a table whose header names models or papers."""
        if block.kind == "row" and block.header:
            return False
        title = self.doc.blocks[0].text if self.doc.blocks and self.doc.blocks[0].kind == "heading" else None
        heads = [h for h in block.section if h != title or len(block.section) == 1]
        return any(REFERENCES.search(h) and len(h) < 30 for h in heads[-2:])

    # ------------------------------------------------------------ run
    def founded_names(self) -> None:
        """The names the notes say were founded ("月之暗面成立于2023年3月") are organizations wherever they are named,
        before and after that sentence (a heading "## 月之暗面" included)."""
        for b in self.doc.blocks:
            if b.kind in ("para", "item") and ("成立" in b.text or "创立" in b.text or "创办" in b.text):
                for m in ESTABLISHED_ZH.finditer(b.text):
                    name = m.group("n")
                    if not (self.linker.link(name) or NOT_MAKERS_ZH.search(name) or ADVERBS.search(name)):
                        self.entity(name, b.line, "Organization", 0.6)

    def run(self) -> Result:
        source = self.notes_source()
        self.founded_names()
        topic_of_heading: dict[int, str | None] = {}
        heading_topic: str | None = None
        section_base: str | None = None
        blocks = self.doc.blocks
        head_of: dict[int, str] = {}  # index of an item -> its head entity
        open_items: list[tuple[int, int]] = []  # (level, index) of the items a new item may be nested in
        for i, b in enumerate(blocks):
            if b.kind == "item":
                while open_items and open_items[-1][0] >= b.level:
                    open_items.pop()
                parent = b.parent if b.parent is not None else (open_items[-1][1] if open_items else None)
                open_items.append((b.level, i))
                if parent is not None and parent not in head_of and blocks[parent].kind == "item" and \
                        (FIELD.match(b.text) or ATTRIBUTE.match(b.text)):
                    title = self.title_head(blocks[parent], b)  # "1. A Paper Title (NeurIPS 2020)" over "- 作者：…"
                    if title:
                        head_of[parent] = title
                if parent is not None and parent in head_of and self.attribute(head_of[parent], b):
                    if DESCRIPTION.match(b.text):  # "简介：…" says more of the parent's head: run the rules on it
                        lead = head_of[parent]  # (a remark under "[RT-1: …](arXiv)" is about RT-1)
                        lead = (self.paper_subject(lead) or lead) if self.is_a(lead, "Paper") else lead
                        self.block(b, heading_topic, None, lead=lead)
                    continue
                if parent is None and heading_topic and (FIELD.match(b.text) or ATTRIBUTE.match(b.text)) and \
                        self.attribute(heading_topic, b):
                    if DESCRIPTION.match(b.text):
                        self.block(b, heading_topic, None, lead=heading_topic)
                    continue  # "### Foo-7B" then "- 机构：…", "- 链接：…": fields of the heading's entity
            elif b.kind == "heading":
                open_items = []
            if b.kind == "heading":
                section_base = self.base_list(b)
                heading_topic = None if section_base else self.heading_entity(b)
                topic_of_heading[b.level] = heading_topic
                for lv in list(topic_of_heading):
                    if lv > b.level:
                        del topic_of_heading[lv]
                continue
            if self.in_references(b) or (b.kind == "para" and REFERENCE_RUN.match(b.text) and
                                         self.bibliography(b, source.key)):
                if self.in_references(b):
                    self.reference(b, source.key)
                continue
            if b.kind == "row":
                self.table_row(b)
                continue
            if b.kind == "tree":
                self.model_tree(b)
                continue
            base = section_base if b.kind == "item" and b.parent is None else None
            if b.parent is not None and blocks[b.parent].kind == "item":
                base = self.base_list(blocks[b.parent])
            if b.kind == "para" and i - 1 in head_of and REMARK.match(b.text):
                # "备注：…" under a "Name：URL" line says things of that name
                self.block(b, heading_topic, base, lead=head_of[i - 1])
                continue
            if b.kind == "para" and not b.tag and (card := self.model_card(b, heading_topic, base)):
                head_of[i] = card  # "**Name** is … Developed by: … License: …": a model card's paragraph
                continue
            if b.kind == "para" and (i - 1 in head_of or heading_topic) and not b.tag and \
                    (self.fields_in_text(head_of.get(i - 1) or heading_topic, b) or
                     (FIELD.match(b.text) and self.attribute(head_of.get(i - 1) or heading_topic, b))):
                continue  # "Developed by: Meta … Base model: …" after a model's paragraph or under its heading
            if b.kind == "para" and not b.tag:
                b = self.prose(b, heading_topic, base)
                if b is None:
                    continue
            if b.kind == "item" and (inline := self.inline_entry(b)):
                head_of[i] = inline  # "2. Title (CVPR 2022) 作者：A 等 机构：B 链接：URL": an entry on one line
                continue
            head = self.block(b, heading_topic, base)
            if head:
                head_of[i] = head
        self.resolve_citations()
        self.sizes_of_models()
        self.quantized_files()
        self.series()
        self.publishers()
        self.paper_names()
        for e in self.entities.values():
            if not e.linked and not e.type:
                e.type = "Technique" if _lang(e.label) == "zh" else "Software"
        return Result(source, self.entities, self.facts)

    def prose(self, b: Block, heading_topic: str | None, base: str | None) -> Block | None:
        """The sentences of an English paragraph that open with a name are about it: the rules run on each with
        that name as its head; what is left of the paragraph (None if nothing) is returned to be read as a whole.

        >>> r = Extraction(parse_markdown("## Acme AI\\nAcme AI is a start-up. Foo 7B was released in May 2023."),
        ...                Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("released", "developed_by"))
        [('foo-7b', 'developed_by', 'acme-ai'), ('foo-7b', 'released', '2023-05')]
        """
        text = b.text
        if len(text) > 20_000:
            return b
        zh = _lang(text) == "zh"
        cuts = [0] + [e.end() for e in (SENTENCE_END_ZH if zh else SENTENCE_END).finditer(text)] + [len(text)]
        if len(cuts) < 3:
            return b
        kept: list[str] = []
        last: str | None = None
        last_released: str | None = None  # what the last sentence read released ("…推出了 X。它有 200 亿参数")
        maker = heading_topic if heading_topic and self.is_a(heading_topic, "Organization") else None
        for lo, hi in zip(cuts, cuts[1:]):
            sentence = text[lo:hi].strip()
            opener = self.opening_maker(sentence, b)
            if opener:
                maker = opener  # "阿里云的通义千问走的是…路线。2023年8月先开源了 Qwen-7B": 阿里云 released it
            subject = self.sentence_model_zh(sentence, b) if zh else self.sentence_subject(sentence, b.line)
            if zh and re.match(r"(?:它|其|该模型|这个模型)", sentence):
                subject = last_released or last
            elif subject is None and maker and re.match(r"(?:The|This|That|Its)\s+(?:[\w\-]+\s+){0,2}(?:start-?up|company|lab|"
                                                       r"firm|organi[sz]ation)\b|该公司|这家公司", sentence):
                subject = maker  # "Black Forest Labs released … The Freiburg-based startup was founded by …"
            elif subject is None and last and re.match(r"(?:It|Its|This model|The model)\b", sentence):
                subject = last  # "Foo 7B was released … It has 7.3 billion parameters."
            elif subject is None and last and re.match(r"(?:He|She)\b", sentence) and self.is_a(last, "Person"):
                subject = last  # "Percy Liang is a professor … He led the HELM benchmark."
            elif subject is None and last and not zh and re.search(r"\b(?:its|it)\b", sentence) and \
                    self.is_a(last, "Model", "Software") and not self.sentence_names_other(sentence, last):
                subject = last  # "Mistral 7B was released … Two choices explain much of its efficiency: …"
            last = subject
            if subject is None or subject == heading_topic:
                kept.append(sentence)
                continue
            links = [(t, u) for t, u in b.links if t and t in sentence]
            piece = replace(b, text=sentence, links=links, raw=sentence)
            known_facts = len(self.facts)
            self._paragraph_maker = maker if maker != subject and not opener else None
            self.block(piece, heading_topic, base, lead=subject)
            self._paragraph_maker = None
            last_released = next((f.subject for f in reversed(self.facts[known_facts:])
                                  if f.rule == "release-verb" and f.key in ("developed_by", "offered_by")), None)
            if maker and not opener and maker != subject and re.search(DEV_VERBS, sentence) and \
                    self.is_a(subject, "Model", "Software", "Dataset") and \
                    not any(f.subject == subject and f.key in ("developed_by", "offered_by") for f in self.facts[-12:]):
                self.fact(subject, "developed_by", maker, piece, 0.6, "paragraph-maker")
        if len(kept) == len(cuts) - 1:
            return b
        if not kept:
            return None
        rest = " ".join(kept)
        return replace(b, text=rest, links=[(t, u) for t, u in b.links if t and t in rest], raw=rest)

    def sentence_names_other(self, sentence: str, key: str) -> bool:
        """Whether a sentence names a model or software other than ``key`` (so "its" may be that one's)."""
        return any(m.id != key and self.linker.is_a(m.id, "Model") for m in self.linker.mentions(sentence)) or \
            any(self._by_label.get(normalize(n)) not in (None, key) and self.is_a(self._by_label[normalize(n)], "Model", "Software")
                for n, _, _ in self._new_name_matches(sentence))

    def opening_maker(self, sentence: str, b: Block) -> str | None:
        """The organization a sentence opens with, after a date ("2023年9月，百川智能…", "In May 2023 Meta …"), or None."""
        m = re.match(r"(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?[，,\s]*|"
                     r"(?:In|By|On)\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d{2},?\s+)?(?:the\s+|The\s+)?", sentence)
        rest = sentence[m.end():]
        probe = replace(b, text=rest[:40], links=[], raw=rest[:40])
        first = next(iter(self.linker.mentions(probe.text)), None)
        if first is not None and first.start == 0 and self.linker.is_a(first.id, "Organization"):
            self.entity(first.text, b.line)
            return first.id
        org_zh = ORG_ZH_OPENING.match(rest)
        if org_zh and org_zh.group("n") not in NOT_ORGS_ZH:  # "阿里云的通义千问走的是…"
            key = self.entity(org_zh.group("n"), b.line, "Organization", 0.6)
            if key and self.is_a(key, "Organization"):
                return key
        head = re.match(r"[\u4e00-\u9fff]{2,12}|[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}", rest)
        seen = self._by_label.get(normalize(head.group())) if head else None
        if seen and self.is_a(seen, "Organization"):
            return seen
        released = RELEASER_EN.match(rest)  # "Black Forest Labs released FLUX.1 …": a new maker opening the sentence
        n = self.releaser_name(released.group("n")) if released else ""
        if n:
            key = self.entity(n, b.line, "Organization", 0.55)
            return key if key and self.is_a(key, "Organization") else None
        return None

    def sentence_model_zh(self, sentence: str, b: Block) -> str | None:
        """What a Chinese sentence is about: the organization it opens with, else the first model (or software,
        dataset, untyped new name) it names."""
        probe = replace(b, text=sentence, links=[(t, u) for t, u in b.links if t and t in sentence], raw=sentence)
        found = self.mentions(probe)
        if found and found[0].start <= 12 and self.is_a(found[0].id, "Organization"):
            return found[0].id  # "Hugging face 起初是一家总部位于纽约的…": the sentence is about the company
        for m in found:
            if (self.is_a(m.id, "Model", "Software", "Dataset", "Service") or not self.type_of(m.id)) and \
                    not self.is_a(m.id, "Source") and self.type_of(m.id) != "Survey":
                return m.id
        return None

    def sentence_subject(self, sentence: str, line: int) -> str | None:
        """The entity an English sentence opens with: a known or already named one, or a new one it says what it
        is ("Falcon-40B …", "Mixtral 8x7B, a sparse model, …"); None for "It", "The company", "Most labs" ..."""
        m = SENTENCE_SUBJECT.match(sentence) or SENTENCE_IS_A.match(sentence)
        if not m:  # "FLAN took …": a name already known or seen, before any lower-case word
            m = re.match(r"(?:The\s+)?(?P<n>" + _NAME + r")(?=\s+[a-z])", sentence)
            if not m or not (self.linker.link(m.group("n")) or self._by_label.get(normalize(m.group("n")))):
                return None
        name = m.group("n")
        rid = self.linker.link(name) or self._by_label.get(normalize(name))
        if rid and (self.is_a(rid, "Source") or self.type_of(rid) == "Survey"):
            return None
        if rid and rid not in self.entities:
            self.entity(name, line)
        typed = [t for x, t in self.named_in_prose(sentence) if x.start("n") == m.start("n") and x.group("n") == name]
        if rid and typed and rid in self.entities and not self.entities[rid].linked:
            self.entities[rid].type = typed[0]  # "Acme AI is a start-up": what the sentence says it is
        if rid:
            return rid
        return self.entity(name, line, typed[0], 0.6) if typed else None

    def notes_source(self) -> Entity:
        title = str(self.doc.front.get("title") or "").strip()
        if not title:
            first = next((b for b in self.doc.blocks if b.kind == "heading"), None)
            title = first.text if first else self.doc.path.rsplit("/", 1)[-1]
        rid = self.linker.link(title)
        if rid and self.linker.is_a(rid, "Source"):
            e = Entity(rid, title, self.linker.type_of(rid), True, 0.95, 1)
        else:
            key = self.source_id or slugify(self.doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
            e = Entity(key, title, "Survey", False, 1.0, 1)
        self._add(e)
        self._source_key = e.key
        return e

    def heading_entity(self, b: Block) -> str | None:
        key = self._heading_entity(b)
        if key and len(b.section) >= 2 and b.level >= 3 and not self.entities[key].linked and \
                (not self.type_of(key) or self.is_a(key, "Model", "Software", "Dataset")):
            parent = b.section[-2]  # "## Meta (Llama)" over "### 2023-07-18 — Llama 2": Meta made it
            org = self.section_org(parent, b.line) or self.lab_heading(parent, b.line, b.text)
            if org and org != key and self.is_a(org, "Organization"):
                self.fact(key, "developed_by", org, b, 0.65, "section-developer")
        if key:
            self.parts(b, self.linker.mentions(HEADING_NUMBER.sub("", b.text).strip()))  # for the part_of facts
            for _, url in b.links[:1]:
                owner = self.linker.github_owner(url)
                if owner and owner != key and not self.is_a(key, "Source", "Organization", "ModelFamily"):
                    self.entity(self.linker.records[owner].labels.get("en", owner), b.line)
                    self.fact(key, "developed_by", owner, b, 0.75, "github-owner")
        return key

    def _heading_entity(self, b: Block) -> str | None:
        dm = HEADING_DATE.match(b.text.strip())
        if dm and values.date(dm.group("d")):  # "2024-04-18 — Llama 3 (8B, 70B)": what came out then
            return self.dated_heading(b, dm)
        name = HEADING_NUMBER.sub("", b.text).strip()
        sub = HEADING_SUBTITLE.match(name)
        if sub and not b.links and not PAPER_LIKE.search(name):
            name = sub.group("name")  # "Foo：一切的起点": the heading names Foo, the rest is a subtitle
        dated = re.match(r"(?:19|20)\d{2}\s*年?\s*(?:\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*[：:]\s*(?P<rest>.+)$", name)
        if dated and re.search(r"[\u4e00-\u9fff]{2}|[“”\"]", dated.group("rest")) and not self.linker.link(dated.group("rest")):
            return None  # "2024 年：MoE 和“卷数据”": a period and a theme
        if dated:
            name = dated.group("rest").strip()  # "2025年1月：DeepSeek-R1": the heading names what came then
        elif re.search(r"(?:19|20)\d{2}\s*(?:年|[-–]|s\b)|\b(?:19|20)\d{2}\b.*[\u4e00-\u9fff]", name):
            return None  # "2023 年下半年：百模大战", "2020–2022": a period, not a thing
        if not name or GENERIC_HEADINGS.match(name) or REFERENCES.fullmatch(name):
            return None
        title = self.entities.get(self._source_key) if self._source_key else None
        if b.level == 1 and title is not None and normalize(title.label) in (normalize(b.text), normalize(name)) and \
                not self.linker.link(name) and (DOC_TITLE.search(name) or len(name.split()) >= 4):
            return None  # "# Awesome Alignment": the notes' own title names the notes, not a thing they list
        if not self.linker.link(name) and not b.links and is_category(name):
            return None  # a category such as "Models", "数据集" or "VLM", not an entity
        if re.fullmatch(r"[A-Z][a-z]+(?:[\s\-]+[a-z][a-z\-]*){1,5}", name) and not self.linker.link(name) and \
                not load_terms().named(name) and not self._by_label.get(normalize(name)):
            return None  # "3 Efficient attention", "Data sources": a topic of the notes, not a name
        if len(self.vendor_name(name)) > 1 and not self.linker.link(name):
            return None  # "Zhipu AI / Tsinghua": the makers of what the section lists (see section_developer)
        if re.match(r"(?:the|The)\s+[A-Z]", name) and not self.linker.link(name):
            name = name[4:]  # "The Technology Innovation Institute"
        both = re.fullmatch(r"(?P<zh>[\u4e00-\u9fff]{2,8})\s+(?P<en>[A-Za-z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})", name)
        if both and not self.linker.link(name):  # "可图 Kolors": the name, and its name in Chinese
            key = self._heading_entity(replace(b, text=both.group("en"), links=b.links))
            if key and key in self.entities and not self.entities[key].linked:
                self._add_name(self.entities[key], both.group("zh"))
                self._by_label.setdefault(normalize(both.group("zh")), key)
            return key
        url = b.links[0][1] if b.links else None
        alias = re.fullmatch(r"(?P<n>.{2,80}?)\s*[（(](?P<a>[^()（）]{2,40})[)）]", name)
        if alias and not self.linker.link(name):  # "Stable Diffusion XL（SDXL 1.0）": a name and another
            key = self._heading_entity(replace(b, text=alias.group("n"), links=b.links))
            if key and key in self.entities and not self.entities[key].linked:
                self._add_name(self.entities[key], alias.group("a").strip())
            return key
        if self.linker.link(name) or (url and self.linker.link_url(url)):
            return self.entity(name, b.line, url=url)
        mentions = self.linker.mentions(name)
        if mentions and len(mentions[0].text) >= len(name) - 3:
            return self.entity(mentions[0].text, b.line)
        if not b.links and SENTENCE_HEADING.match(name):
            return None  # "How to read the table": a phrase, not a name
        if not b.links and re.fullmatch(r"[A-Z][a-z]+", name) and \
                re.search(r"(?:ing|tion|sion|ment|ness|ity|ics|ance|ence|ism|ogy|ies|ures|ages)$", name):
            return None  # "Licensing", "Libraries", "Reasoning": a topic
        if not b.links and re.fullmatch(r"[\u4e00-\u9fff]{5,}", name) and not re.search(ORG_SUFFIX_ZH + "$", name):
            return None  # "几点个人看法", "标准作业流程": a phrase, not a name
        name_like = bool(b.links) or (re.search(r"[A-Z0-9]", name) and len(name.split()) <= 5
                                      and not re.search(r"[\u4e00-\u9fff]{5,}", name))
        if not name_like:
            return None
        t = (self.type_from_url(url) if url else None) or ("Organization" if ORG_NAME.search(name) else None) or \
            self.type_from_section(Block("heading", "", 0, 0, b.section[:-1]))
        return self.entity(name, b.line, t, 0.8 if b.links else 0.6, url)

    def model_tree(self, b: Block) -> None:
        """A model tree drawn in a code block: each model below another was derived from it (the kind from the
        note beside it, or its own name).

        >>> r = Extraction(parse_markdown("```\\nacme/Wren-7B\\n└── bob/wren-7b-chat  (SFT)\\n```"), Linker([])).run()
        >>> [(f.subject, f.key, f.value) for f in r.facts if f.key == "based_on"]
        [('wren-7b-chat', 'based_on', {'id': 'wren-7b', 'kind': 'finetune'})]
        """
        lines = b.text.split("\n")
        for child, parent, kind, k in tree_edges(b.text):
            here = replace(b, line=b.line + k - 1, end=b.line + k - 1, text=lines[k])
            c, p = self.model_named(child, here.line), self.model_named(parent, here.line)
            if c and p and c != p:
                self.fact(c, "based_on", {"id": p, "kind": kind} if kind else p, here, 0.75, "model-tree")

    def model_named(self, name: str, line: int) -> str | None:
        """A model named in a tree or an arrow: a Hub id, or a name (a known or new model)."""
        key = self.entity(name, line, "LanguageModel", 0.7)
        return key if key and (self.is_a(key, "Model") or not self.type_of(key)) else None

    def arrows(self, s: Scope) -> None:
        """ "`meta/Llama-2-7b` -> `bloke/Llama-2-7B-GGUF` — quantized": B was derived from A (the kind from the words
        after it, or B's name).

        >>> rule_facts("- `acme/Wren-7B` -> `bob/Wren-7B-GGUF` — quantized GGUF files", "arrow")
        [('wren-7b-gguf', 'based_on', {'id': 'wren-7b', 'kind': 'quantized'})]
        """
        if "->" not in s.text and "→" not in s.text and "=>" not in s.text:
            return
        for child, parent, kind in arrow_edges(s.block.raw or s.text):
            if any(NOT_A_NAME.fullmatch(n) or len(n) < 2 or re.fullmatch(r"[\d.,]+\s*[A-Za-z]{0,2}", n) for n in (child, parent)):
                continue  # "1B -> 2T": sizes, not names
            c, p = self.model_named(child, s.block.line), self.model_named(parent, s.block.line)
            if c and p and c != p:
                self.fact(c, "based_on", {"id": p, "kind": kind} if kind else p, s.block, 0.7, "arrow")

    def dated_heading(self, b: Block, dm: re.Match) -> str | None:
        """A heading that gives a date and what came out then ("2024-04-18 — Llama 3 (8B, 70B)", "Sep 27, 2023:
        Mistral 7B"): that entity, released then, with a version for each size in brackets.

        >>> r = Extraction(parse_markdown("## Acme\\n### 2024-04-18 — Wren 3 (8B, 70B)\\n- Successor to Wren 2."), Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("released", "version_of", "successor_of"))
        [('wren-3', 'released', '2024-04'), ('wren-3', 'successor_of', 'wren-2'), ('wren-3-70b', 'version_of', 'wren-3'), ('wren-3-8b', 'version_of', 'wren-3')]
        """
        rest = dm.group("rest").strip()
        sizes = SIZES_AFTER.search(rest) or re.search(r"\s*[（(](?P<sizes>" + SIZE + r")[)）]\s*$", rest)
        name = rest[:sizes.start()].strip() if sizes else rest
        name = re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", name).strip()
        if not name or GENERIC_HEADINGS.match(name) or len(name.split()) > 6:
            return None
        key = self.entity(name, b.line, self.type_from_section(b) or "LanguageModel", 0.7,
                          b.links[0][1] if b.links else None)
        if not key:
            return None
        if not self.entities[key].linked:
            self.fact(key, "released", values.date(dm.group("d")), b, 0.8, "dated-heading")
        if sizes:
            self.size_versions(key, name, sizes.group("sizes"), b, "dated-heading", 0.65, 0.7)
        return key

    def size_versions(self, key: str, name: str, sizes: str, b: Block, rule: str, found: float, told: float) -> None:
        """A version of ``key`` for each size ``sizes`` lists ("8B, 70B"), named "NAME 8B" (or "NAME-8B" when the
        name has no space), with that size (``found``: how sure the name is; ``told``: how sure the facts are).

        >>> r = Extraction(parse_markdown("x"), Linker([]))
        >>> key = r.entity("Wren", 1, "LanguageModel", 0.7)
        >>> r.size_versions(key, "Wren", "7B / 13 B", r.doc.blocks[0], "x", 0.6, 0.7)
        >>> [(f.subject, f.key, f.value) for f in r.facts]
        [('wren-7b', 'version_of', 'wren'), ('wren-7b', 'parameters', 7000000000), ('wren-13b', 'version_of', 'wren'), ('wren-13b', 'parameters', 13000000000)]
        """
        for size in re.findall(SIZE, sizes):
            size = size.replace(" ", "")
            v = self.entity(f"{name} {size}" if " " in name else f"{name}-{size}", b.line,
                            self.type_of(key) or "LanguageModel", found)
            if v and v != key:
                self.fact(v, "version_of", key, b, told, rule)
                self.fact(v, "parameters", int(_number(size[:-1], size[-1])), b, told, rule)

    def base_list(self, parent: Block) -> str | None:
        """A heading or list item like "LLaMA 底座" or "Based on LLaMA" makes what it lists build on that model."""
        text = HEADING_NUMBER.sub("", parent.text).strip()
        m = re.fullmatch(r"(?P<x>[^\s：:，,]{2,40})\s*(?:底座|基座)(?:模型|系列)?[：:]?|(?:models\s+)?based on\s+(?P<x2>[\w.\- ]{2,40}?)[：:]?|"
                         r"(?:(?:full\s+|LoRA\s+)?fine-?tunes|derivatives|descendants|children|variants|quantizations|adapters|"
                         r"models\s+built\s+on)\s+(?:of|on|for)\s+(?P<x3>[\w.\- ]{2,40}?)[：:]?|"
                         r"(?:the\s+)?(?P<x4>[\w.\- ]{2,40}?)\s+(?:fine-?tunes|derivatives|descendants|family\s+tree|"
                         r"quantizations|adapters)[：:]?",
                         text, re.I)
        if not m:
            return None
        name = (m.group("x") or m.group("x2") or m.group("x3") or m.group("x4") or "").strip()
        return self.entity(name, parent.line, "LanguageModel", 0.7) if name else None

    # ------------------------------------------------------------ rules on one block
    def block(self, b: Block, heading_topic: str | None, base: str | None, lead: str | None = None) -> str | None:
        """Run the rules on a block: those that find what it is about (:attr:`TOPIC_RULES`), those that say
        things about that (:attr:`TOPIC_FACT_RULES`, when it is about something) and :attr:`PEOPLE_RULES`.
        A remark on an item (``lead``) is about that item's head."""
        if b.kind == "item" and lead is None and (pk := self.paper_item(b)):
            return pk
        s = self.scope(b, heading_topic, base)
        if lead is not None:
            s.topic = s.lead_key = lead
            s.lead_agent = next((a for a in s.agents if a.id == lead), None)
            self.remark_agent(s)
        start = len(self.facts)
        for rule in self.TOPIC_RULES:
            rule(self, s)
        if s.topic is not None:
            for rule in self.TOPIC_FACT_RULES:
                rule(self, s)
        for rule in self.PEOPLE_RULES:
            rule(self, s)
        if lead is None and s.lead_key and b.kind == "item":
            self.co_heads(b, s.lead_key, start)
        return s.lead_key

    def co_heads(self, b: Block, key: str, start: int) -> None:
        """ "- **Wren 9B** and **Wren 27B** — …": an item with two bold heads says the same of both (the facts the
        rules found for the first since ``start``, but its names, links and size).

        >>> sorted(f for f in rule_facts("## OpenAI\\n- **Wren 9B** and **Wren 27B** — Uses grouped-query attention.",
        ...                              "co-head", ["data"]))
        [('wren-27b', 'developed_by', 'openai'), ('wren-27b', 'uses', 'grouped-query-attention')]
        """
        m = CO_HEADS.match(b.raw)
        if not m or normalize(m.group("a")) != normalize(self.entities[key].label if key in self.entities else ""):
            return
        other = self.entity(m.group("b").strip(), b.line, self.type_of(key), 0.65)
        if not other or other == key:
            return
        for f in self.facts[start:]:
            if f.subject == key and f.key not in NOT_SHARED:
                self.fact(other, f.key, f.value, f.block, f.confidence, "co-head")

    def remark_agent(self, s: Scope) -> None:
        """ "备注：Meta 发布，…", "Note: Acme's …": an organization that begins a remark made (or published) the item.

        >>> r = Extraction(parse_markdown("1.Foo：https://arxiv.org/abs/2101.00001\\n  备注：OpenAI 提出，一个方法。"),
        ...                Linker(load_records(["data"]))).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("developed_by", "introduced_in"))
        [('foo', 'developed_by', 'openai'), ('foo', 'introduced_in', 'paper-foo')]
        """
        m = REMARK.match(s.text)
        start = m.end() if m else 0
        first = next((a for a in s.agents if a.start >= start), None)
        if not s.mentions or s.mentions[0].start - start > 1:
            first = self.remark_new_org(s, start) or first
        if first is None or first.start - start > 1 or not self.is_a(first.id, "Organization"):
            return
        if re.match(r"\s*(?:的|'s\b|[，,：:]|(?:发布|提出|推出|开源|开发|研发|released|introduced|proposed)|"
                    r"(?:从|为|按|把|用|基于|将|对|整理|收集|构建|制作)|[a-z]+ed\b)", s.text[first.end:]):
            self.fact(s.topic, "developed_by", first.id, s.block, 0.75, "remark-agent")

    def remark_new_org(self, s: Scope, start: int) -> Mention | None:
        """A new organization opening a remark: a short Chinese name right before 提出/发布/推出/开源/研发, a Chinese
        name with an organization's word (智能, 公司, 实验室, …) before a comma or 的, or a capitalised name ending in
        such a word (AI, Labs, Inc) before 的 or 's.

        >>> r = Extraction(parse_markdown("1.Foo：https://arxiv.org/abs/2101.00001\\n  备注：青松提出，一个方法。"), Linker([])).run()
        >>> [(f.subject, f.value) for f in r.facts if f.key == "developed_by"]
        [('foo', 'qingsong')]
        """
        rest = s.text[start:start + 60]
        m = re.match(r"\s*(?P<n>[\u4e00-\u9fff]{2,5}?)(?=提出|发布|推出|开源|研发)", rest) or \
            re.match(r"\s*(?P<n>[\u4e00-\u9fff]{1,8}?(?:公司|集团|科技|智能|实验室|研究院|大学))(?=[，,的])", rest) or \
            re.match(r"\s*(?P<n>[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,2})(?=\s*(?:的|'s\b))", rest)
        spelt = None
        if not m:  # "Note: Cerebras deduplicated …", "备注：HuggingFaceH4 把 …": a new name doing something
            spelt = m = re.match(r"\s*(?P<n>[A-Za-z][\w&.\-]{1,30})(?=\s+[a-z]+ed\b|\s*把|'s\b)", rest)
        if not m or (re.match(r"[A-Z]", m.group("n")) and not ORG_NAME.search(m.group("n")) and not spelt):
            return None
        if self.linker.link(m.group("n")):
            return None
        key = self.entity(m.group("n"), s.block.line, "Organization", 0.6)
        if not key or not self.is_a(key, "Organization"):
            return None
        return Mention(key, start + m.start("n"), start + m.end("n"), m.group("n"))

    def scope(self, b: Block, heading_topic: str | None, base: str | None) -> Scope:
        """The names in a block (known, new, and the name that leads a list item), and what it is about so far."""
        mentions = self.parts(b, self.mentions(b))
        models = [m for m in mentions if self.is_a(m.id, "Model", "Software", "Dataset", "Service") or not self.type_of(m.id)]
        agents = [m for m in mentions if self.is_a(m.id, "Organization", "Person")]
        lead_key, mentions, agents = self.lead_name(b, base, mentions, agents)
        lead_agent = next((a for a in agents if a.id == lead_key), None) \
            if lead_key and self.is_a(lead_key, "Organization", "Person") else None
        return Scope(b, b.text, heading_topic, base, mentions, models, agents, lead_key or heading_topic, lead_key,
                     lead_agent)

    def lead_name(self, b: Block, base: str | None, mentions: list[Mention], agents: list[Mention]
                  ) -> tuple[str | None, list[Mention], list[Mention]]:
        """ "- Name：...": the entity a list item is about (typed by the words after it or its section),
        and the mentions and agents with it.

        >>> ex = Extraction(parse_markdown("## People\\n- Ann Lee, a researcher"), Linker([]))
        >>> key, mentions, _ = ex.lead_name(ex.doc.blocks[1], None, [], [])
        >>> key, ex.entities[key].type, [m.text for m in mentions]
        ('ann-lee', 'Person', ['Ann Lee'])
        """
        text = b.text
        lead = self.head(b)
        if not lead:
            first = mentions[0] if mentions else None
            if b.kind == "item" and first is not None and first.start == 0 and \
                    not self.is_a(first.id, "Organization", "Person", "Source") and \
                    re.match(r"\s*(?:[（(]|is\b|was\b|are\b|comes?\b|came\b|from\b|by\b)", text[first.end:]):
                return first.id, mentions, agents  # "- GPTQ (…) is …", "- FlashAttention-2 is by …"
            return None, mentions, agents
        name = lead.group("name").strip()
        bare = BARE_URL.match(text[lead.end():].lstrip())  # "Name - https://…": the URL right after the head
        url = next((u for t_, u in b.links if t_ and t_.strip() == name), None) or (bare.group() if bare else None)
        of = re.fullmatch(r"(?P<x>.+?)\s*的?\s*(?:论文|技术报告|paper|technical report|report)", name, re.I)
        if of and url and self.type_from_url(url) == "Paper":
            name = of.group("x").strip()  # "FineWeb 论文：<arXiv>", "Dolma paper - <arXiv>": the paper of FineWeb
        if url and self.type_from_url(url) == "Paper" and not self.type_from_title(name) and len(name.split()) <= 4:
            # "LoRA：https://arxiv.org/…": a short name with a paper's link names what the paper introduces
            t = self.type_from_words(text, lead.end()) or self.type_from_is_a(lead) or \
                next((x for x in [self.type_from_section(b)] if x != "Paper"), None) or \
                ("LanguageModel" if base or MODEL_WORDS.search(text, lead.end()) else None)
            key = self.entity(name, b.line, t, 0.7)
            if key and not self.is_a(key, "Paper"):
                self.paper_for(key, "", url, b, "head-paper")
                if not any(m.id == key for m in mentions):
                    mentions = sorted(mentions + [Mention(key, lead.start("name"), lead.end("name"), name)],
                                      key=lambda m: m.start)
                return key, mentions, agents
        t = (self.type_from_url(url) if url and not ids.github_repo(url) else None) or \
            self.type_from_words(text, lead.end()) or self.type_from_is_a(lead) or self.type_from_title(name) or \
            self.type_from_section(b) or ("LanguageModel" if base or MODEL_WORDS.search(text, lead.end()) else None)
        alias = (lead.groupdict().get("alias") or "").strip()
        hint = slugify(alias) if alias and _lang(name) == "zh" and re.match(r"[A-Za-z]", alias) else None
        key = self.entity(name, b.line, t, 0.7, url, key_hint=hint)
        if key and alias and not self.entities[key].linked:
            self._add_name(self.entities[key], alias)  # "Name（Alias）：…" names it twice
        if key and not any(m.id == key for m in mentions):
            mentions = sorted(mentions + [Mention(key, lead.start("name"), lead.end("name"), name)],
                              key=lambda m: m.start)
            if self.is_a(key, "Organization", "Person"):
                agents = sorted(agents + [mentions[[m.id for m in mentions].index(key)]], key=lambda m: m.start)
        return key, mentions, agents

    def head(self, b: Block) -> re.Match | None:
        """The head of an item (or of a paragraph "Name：URL"): the name before ：, :, -, — or |, a bold name,
        the text of a link that begins it, or a name that "is a ..." (a match with the group ``name``).

        >>> ex = Extraction(parse_markdown("- **Foo Bar** 是一个模型\\n- [Baz](https://x.org)：工具\\n\\nQux：https://x.org/q"), Linker([]))
        >>> [ex.head(b).group("name") for b in ex.doc.blocks]
        ['Foo Bar', 'Baz', 'Qux']
        """
        text = b.text
        if b.kind == "para":
            m = LEAD.match(text)
            if m and re.match(r"\s*https?://", text[m.end():]):
                return m
            bold = BOLD_LEAD.match(b.raw or "")  # "**Zephyr-7B-beta** is …": a model card's paragraph
            if bold and (HEADLINE.fullmatch(bold.group("name").strip()) or
                         GENERIC_HEADINGS.match(bold.group("name").strip().rstrip(":："))):
                return None
            named = PARA_HEAD.match(text) if not bold else None
            if named and not FIELD.match(text) and not GENERIC_HEADINGS.match(named.group("name")) and \
                    (re.search(r"\d|[a-z][A-Z]|^[A-Z]{2,}", named.group("name")) or
                     len(re.findall(r"(?<![\w.\-])[A-Z]", named.group("name"))) >= 2):
                return named  # "Claude 3 Opus: the top tier of …": a paragraph that defines a name
            if bold and text.startswith(bold.group("name").strip()) and len(bold.group("name")) <= 60:
                return _prefix(text, len(bold.group("name").strip()))
            return None
        if b.kind != "item" or YEAR_LEAD.match(text) or DESCRIPTION.match(text):
            return None  # (a "简介：…" sub-item describes its parent's head)
        bold = BOLD_LEAD.match(b.raw or "")
        if bold and re.search(r"[.!?。！？]$", bold.group("name").strip()):
            bold = None  # "- **Keep an eye on this.** …": a headline
        if bold and text.startswith(bold.group("name").strip()):
            return _prefix(text, len(bold.group("name").strip()))
        for t_, _ in b.links[:1]:
            if t_ and text.startswith(t_) and len(t_) <= 80:
                return _prefix(text, len(t_))
        lead = LEAD.match(text) or IS_A.match(text)
        if lead is None and self.type_from_section(b) == "Person":
            lead = LEAD_PERSON.match(text)
        return lead

    @staticmethod
    def type_from_is_a(lead: re.Match) -> str | None:
        """The type "X is a French start-up" gives X."""
        what = lead.groupdict().get("what")
        return kind_type(what) if what else None

    @staticmethod
    def type_from_title(name: str) -> str | None:
        """Paper, for a name that reads as a paper's title ("… Technical Report", "Towards …")."""
        return "Paper" if len(name) >= 12 and PAPER_LIKE.search(name) else None

    # ------------------------------------------------------------ attributes of a head
    def attribute(self, head: str, b: Block) -> bool:
        """A sub-item "地址：URL", "简介：…", "Paper: TITLE", "GitHub: URL" says something of its parent's head.

        >>> r = Extraction(parse_markdown("## Models\\n- Foo：对话模型\\n  - 地址：https://github.com/acme/foo\\n"
        ...                              "  - 简介：一个小模型\\n  - Paper: https://arxiv.org/abs/2307.09288"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.rule == "attribute" and f.subject == "foo")
        [('foo', 'description', "{'zh': '一个小模型'}"), ('foo', 'introduced_in', 'paper-foo'), ('foo', 'repository', 'https://github.com/acme/foo')]
        >>> r.entities["paper-foo"].ids, "地址" in r.entities
        ({'arxiv': '2307.09288'}, False)
        """
        f = FIELD.match(b.text)
        if f and not ATTRIBUTE.match(b.text):
            return self.field(head, f, b)
        m = ATTRIBUTE.match(b.text)
        if not m:
            return False
        kind, value = m.group("k").lower(), m.group("v").strip()
        urls = list(dict.fromkeys([u for _, u in b.links] + BARE_URL.findall(value)))  # a bare URL is a link too
        if re.match(r"简介|介绍|说明|描述|description|备注|附注|点评|note|remark|comment", kind):
            if value:
                self.fact(head, "description", {_lang(value): value}, b, 0.7, "attribute")
            named = REMARK_NAMES.match(value) if value and self.is_a(head, "Paper") else None
            if named and not NOT_A_NAME.fullmatch(named.group("n")) and not self.linker.link(named.group("n")) or \
                    (named and self.linker.link(named.group("n")) and not self.is_a(self.linker.link(named.group("n")), "Paper")):
                key = self.entity(named.group("n"), b.line, None, 0.6)  # "备注：提出 ResNet，…", "Note: ViT, …"
                if key and key != head and not self.is_a(key, "Organization", "Person", "Paper", "Source"):
                    self.fact(key, "introduced_in", head, b, 0.65, "remark-name")
            return True
        if kind in ("data", "数据") and urls and self.is_a(head, "Model"):
            for url in urls[:1]:  # "Data: <a dataset's page>" under a model: what it was trained on
                name = ids.identifiers(url).get("huggingface", url).rsplit("/", 1)[-1]
                key = self.entity(name, b.line, "Dataset", 0.65, url)
                if key and key != head:
                    self.fact(head, "trained_on", key, b, 0.7, "attribute")
            return True
        if self.is_a(head, "Paper"):  # "- 链接：<arXiv>" under a paper: its own address
            for url in urls[:1]:
                self.url_of(head, url, b, "attribute")
            return True
        if kind in ("paper", "论文", "arxiv", "report", "技术报告", "technical report") or \
                any(self.type_from_url(u) == "Paper" for u in urls):
            url = next((u for u in urls if self.type_from_url(u) == "Paper"), urls[0] if urls else None)
            title = next((t for t, u in b.links if u == url and t and not t.startswith("http")), None) or \
                (value if value and not value.startswith("http") else None)
            if url or title:  # the paper is paper-<head> when only its link is given (see paper_for)
                self.paper_for(head, title or "", url, b, "attribute")
            return True
        for url in urls:
            self.url_of(head, url, b, "attribute")
        return True

    def field(self, head: str, f: re.Match, b: Block) -> bool:
        """A field of an entry ("机构：智谱AI", "Base model: Mistral 7B", "参数量：60亿") says that of its head.

        >>> r = Extraction(parse_markdown("## 模型\\n### Foo-7B\\n- 机构：青松科技、Acme AI\\n- 基座模型：Bar\\n- 参数量：70亿\\n"
        ...                              "- 发布时间：2024年3月\\n- 训练数据：BazSet\\n- License: Apache 2.0"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.rule == "field")
        [('foo-7b', 'based_on', 'bar'), ('foo-7b', 'developed_by', 'acme-ai'), ('foo-7b', 'developed_by', 'qingsong-keji'), ('foo-7b', 'open_source', 'True'), ('foo-7b', 'parameters', '7000000000'), ('foo-7b', 'released', '2024-03'), ('foo-7b', 'trained_on', 'bazset')]
        """
        kind = next(k for k, _ in FIELDS if f.group(k))
        value = f.group("v").strip().rstrip("。.;；")
        line = b.line
        allies = re.sub(r"\s*[（(]\s*(?:联合|与|和|及|with|and|together with|jointly with)\s*([^()（）]*)[)）]", r"、\1", value, flags=re.I)
        names = [n.strip(" *_`") for n in NAME_JOINS.split(re.sub(r"\s*[（(][^()（）]*[)）]", "", allies)) if n.strip(" *_`")]
        if kind == "maker":
            paper = self.is_a(head, "Paper")
            authors = bool(re.match(r"authors?|作者", f.group("k"), re.I))
            for n in names[:16]:
                n = re.sub(r"\s*(?:等人?|等|et\s+al\.?)$", "", n).strip()
                if not n:
                    continue
                if authors and (is_person(n) or re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)):
                    who = self.linker.link(n) or self.entity(n, line, "Person", 0.7, key_hint=ids.person_slug(n))
                    if who and who != head and self.is_a(who, "Person"):
                        self.fact(head, "authors" if paper else "developed_by", who, b, 0.8, "field")
                    continue
                who = self.maker_named(n, line)
                if who and who != head:
                    self.fact(head, "publisher" if paper and self.is_a(who, "Organization") else "developed_by", who, b,
                              0.8, "field")
        elif kind in ("base", "data"):
            value = BARE_URL.sub(lambda u: ids.identifiers(u.group()).get("huggingface", ""), value)
            hub: set[str] = set()  # the names of Hub ids ("meta-llama/Llama-3.2-1B" names Llama-3.2-1B)

            def hub_name(h: re.Match) -> str:
                hub.add(h.group("n"))
                return h.group("n")

            value = re.sub(r"(?<![\w.\-/])[\w.\-]+/(?P<n>[\w.\-]+)", hub_name, value)
            names = [re.sub(r"^(?:on|and|the)\s+", "", n.strip(" *_`")) for n in NAME_JOINS.split(re.split(r"[;；]", value)[0])]
            for n in names[:6]:
                n = n.rsplit("/", 1)[-1] if re.fullmatch(r"[\w.\-]+/[\w.\-]+", n) else n  # a Hub id: its name
                if len(n) > 60 or n.lower() in NOT_NAMES or len(n.split()) > 4 or re.match(r"\d", n) or \
                        not (n in hub or re.search(r"[A-Z0-9_\-\u4e00-\u9fff]", n)) or \
                        re.match(r"(?:none|n/a|unknown|无|未知)", n, re.I):
                    continue  # "3.4T tokens of synthetic data", "none listed": no name
                key = self.entity(n, line, "LanguageModel" if kind == "base" else "Dataset", 0.65)
                if key and key != head:
                    fine = kind == "base" and re.search(r"fine-?tuned", f.group("k"), re.I)
                    self.fact(head, "based_on" if kind == "base" else "trained_on",
                              {"id": key, "kind": "finetune"} if fine else key, b, 0.8, "field")
        elif kind == "params":
            sizes = values.parameter_counts(value if re.search(r"参数|param", value, re.I) else value + " 参数")
            if len(sizes) == 1:
                self.fact(head, "parameters", sizes[0], b, 0.8, "field")
        elif kind == "date":
            d = values.date(value)
            if d:
                self.fact(head, "released", d, b, 0.8, "field")
        elif kind == "license" and OPEN_LICENSES.search(value):
            self.fact(head, "open_source", True, b, 0.75, "field")
        return True

    def title_head(self, item: Block, first_field: Block) -> str | None:
        """The entity an item is when its whole text is a name or a title (with a venue or date in brackets) and
        fields follow it as sub-items: a paper when the brackets give a venue or the fields are a paper's."""
        m = TITLE_ENTRY.fullmatch(item.text)
        if not m or (len(m.group("name").split()) < 2 and not m.group("venue") and _lang(m.group("name")) == "en") or \
                YEAR_LEAD.match(item.text) or re.search(r"[，：；]", m.group("name")) or len(m.group("name")) > 150:
            return None  # (a sentence, "2023年：…", is no title)
        paperish = bool(m.group("venue") and re.search(r"(?:19|20)\d{2}", m.group("venue"))) or \
            bool(re.match(r"\s*(?:作者|authors?|会议|venue|论文|paper|arxiv)\s*[：:]", first_field.text, re.I)) or \
            bool(PAPER_LIKE.search(m.group("name")))
        url = next((u for _, u in item.links), None)
        key = self.entity(m.group("name"), item.line, "Paper" if paperish else self.type_from_section(item), 0.7, url)
        if key and m.group("venue") and self.is_a(key, "Paper"):
            year = re.search(r"(?:19|20)\d{2}", m.group("venue"))
            if year and not self.entities[key].linked:
                self.fact(key, "released", year.group(), item, 0.7, "title-entry")
        return key

    def inline_entry(self, b: Block) -> str | None:
        """ "Title (CVPR 2022) 作者：A 等 机构：B 链接：URL": an item that names a paper and strings its fields."""
        keys = list(FIELD_IN_TEXT.finditer(b.text))
        if len(keys) < 2 or keys[0].start() < 8 or self.head(b) is not None:
            return None
        m = TITLE_ENTRY.fullmatch(b.text[:keys[0].start()].strip())
        if not m:
            return None
        title = m.group("name")
        latin = re.search(r"[A-Z][A-Za-z0-9\-]*(?:[\s:,\-]+[A-Za-z0-9][A-Za-z0-9\-]*){2,}$", title)
        if _lang(title) == "zh" and latin:
            title = latin.group()  # "高分辨率图像合成 High-Resolution …": the paper's own title, after a translation
        key = self.entity(title, b.line, "Paper", 0.7)
        if not key:
            return None
        if m.group("venue") and (year := re.search(r"(?:19|20)\d{2}", m.group("venue"))) and not self.entities[key].linked:
            self.fact(key, "released", year.group(), b, 0.7, "title-entry")
        self.fields_in_text(key, b, keys[0].start())
        return key

    def fields_in_text(self, head: str, b: Block, start: int = 0) -> bool:
        """A paragraph that strings fields together ("Developed by: Meta License: Llama 2 … Base model: …") from
        ``start`` on: each field is read as a field of the head. True if it was such a paragraph."""
        keys = list(FIELD_IN_TEXT.finditer(b.text, start))
        if len(keys) < 2 or keys[0].start() > start:
            return False
        for k, nxt in zip(keys, keys[1:] + [None]):
            piece = b.text[k.start():nxt.start() if nxt else len(b.text)].strip()
            f = FIELD.match(piece)
            if f:
                self.field(head, f, replace(b, text=piece))
            elif ATTRIBUTE.match(piece):
                self.attribute(head, replace(b, text=piece, links=[(t, u) for t, u in b.links if u in piece]))
        return True

    def model_card(self, b: Block, heading_topic: str | None, base: str | None) -> str | None:
        """A paragraph that opens with a bold name and goes on with fields ("**Foo-7B** is a chat model. Developed by:
        Acme License: MIT"): the text before the fields is read about the name, the fields as its fields.

        >>> r = Extraction(parse_markdown("**Foo-7B** is a chat model.\\nDeveloped by: Acme AI\\nLicense: MIT\\n"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.rule == "field")
        [('foo-7b', 'developed_by', 'acme-ai'), ('foo-7b', 'open_source', 'True')]
        """
        lead = self.head(b)
        if lead is None or re.match(r"\s*https?://", b.text[lead.end():]):
            return None
        keys = list(FIELD_IN_TEXT.finditer(b.text, lead.end()))
        if len(keys) < 2 or not FIELD.match(b.text[keys[0].start():]):
            return None
        cut = keys[0].start()
        intro = b.text[:cut].strip()
        links = [(t, u) for t, u in b.links if t and t in intro]
        name = lead.group("name").strip()
        head = self.entity(name, b.line, self.type_from_words(b.text, lead.end()) or self.type_from_section(b) or
                           ("LanguageModel" if MODEL_WORDS.search(intro) or re.search(r"\bmodel\b", intro) else None), 0.7)
        if not head:
            return None
        self.block(replace(b, text=intro, links=links, raw=intro), heading_topic, base, lead=head)
        self.fields_in_text(head, replace(b, links=[(t, u) for t, u in b.links if (t, u) not in links]), cut)
        return head

    def url_of(self, head: str, url: str, b: Block, rule: str) -> None:
        """A URL of a head: a GitHub repository is its ``repository``, a Hugging Face page gives its id, else its ``url``."""
        e = self.entities.get(head)
        if e is None:
            return
        if not e.linked:
            for k, v in ids.identifiers(url).items():
                if k in self.linker.vocab.keys and not (k == "github" and self.is_a(head, "Organization")):
                    e.ids.setdefault(k, v)
        if ids.github_repo(url):
            self.fact(head, "repository", url, b, 0.85, rule)
        elif not e.linked:
            self.fact(head, "url" if self.is_a(head, "Paper") else "homepage", url, b, 0.8, rule)

    def head_urls(self, s: Scope) -> None:
        """A URL in an item or "Name：URL" line that is the head's own (its link, or a bare URL after it).

        >>> rule_facts("ChatGLM2-6B：https://github.com/THUDM/ChatGLM2-6B", "head-url")
        [('chatglm2-6b', 'repository', 'https://github.com/THUDM/ChatGLM2-6B')]
        """
        if not s.lead_key:
            return
        e = self.entities.get(s.lead_key)
        names = e.names | {e.label} if e else set()
        urls = [u for t_, u in s.block.links if t_ in names] + BARE_URL.findall(s.text)[:1]
        for url in urls[:1]:
            if self.type_from_url(url) == "Paper" and not self.is_a(s.lead_key, "Paper"):
                continue  # the paper that introduces it (see lead_name), not its own page
            self.url_of(s.lead_key, url, s.block, "head-url")

    def labelled_links(self, s: Scope) -> None:
        """ "- [Foo](…) - … [[paper](arXiv)] [[code](GitHub)]": links whose text says what they are belong to the
        item's head: the paper that introduced it, its repository, its Hub id, its homepage.

        >>> sorted(rule_facts("- [Foo](https://foo.example) - a tool. [[paper](https://arxiv.org/abs/2101.00001)] "
        ...                   "[[code](https://github.com/acme/foo)]", "labelled-link"))[:2]
        [('foo', 'introduced_in', 'paper-foo'), ('foo', 'repository', 'https://github.com/acme/foo')]
        """
        head = s.lead_key or s.topic
        if not head or self.is_a(head, "Paper", "Organization", "Person", "Source"):
            return
        for text, url in s.block.links:
            m = LINK_LABEL.fullmatch(text or "")
            if not m or not url.startswith(("http://", "https://")):
                continue
            if m.group("paper") or self.type_from_url(url) == "Paper":
                if not any(f.subject == head and f.key == "introduced_in" for f in self.facts[-20:]):
                    self.paper_for(head, "", url, s.block, "labelled-link")
            else:
                self.url_of(head, url, s.block, "labelled-link")

    def section_developer(self, s: Scope) -> None:
        """A model item under a heading (or ``<details>`` summary) naming an organization was developed by it.

        >>> rule_facts("## 智谱AI\\n- GLM-4：语言模型", "section-developer", ["data"])
        [('glm-4', 'developed_by', 'zhipu-ai')]
        """
        if not s.lead_key or (self.type_of(s.lead_key) and not self.is_a(s.lead_key, "Model", "Software", "Dataset")) or \
                any(f.subject == s.lead_key and f.key in ("developed_by", "offered_by") and f.block is s.block
                    for f in self.facts[-8:]):
            return  # (an item of no type yet is one of the makers' products too)
        section = s.block.section
        for i in range(len(section) - 1, -1, -1):
            parts = self.vendor_name(section[i]) or [section[i]]
            orgs = [self.section_org(p, s.block.line) or
                    self.vendor_heading(p, section[i - 1] if i else "", s.block.line, s.text) or
                    (self.lab_heading(p, s.block.line, s.text) if i == len(section) - 1 and i > 0 else None)
                    for p in parts]  # (a loose lab name only in the nearest heading, and never the title)
            if any(orgs):
                for org in dict.fromkeys(o for o in orgs if o):
                    self.fact(s.lead_key, "developed_by", org, s.block, 0.7, "section-developer")
                return

    def vendor_heading(self, heading: str, parent: str, line: int, item: str) -> str | None:
        """A short new name heading a subsection of a models section ("## Models / ### Acme"), when the model item
        under it does not begin with that name (so the heading is no family), is the organization that made them.

        >>> rule_facts("## 模型\\n### 青石\\n- Foo-7B：对话模型", "section-developer")
        [('foo-7b', 'developed_by', 'qingshi')]
        >>> rule_facts("## Models\\n### Foo\\n- Foo-7B: a chat model", "section-developer")
        []
        """
        name = HEADING_NUMBER.sub("", heading).strip()
        parent = HEADING_NUMBER.sub("", parent).strip()
        if not parent or self.category(parent) not in ("Model", "LanguageModel") or len(parent) > 40:
            return None
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,10}|[A-Z][\w&.\-]{1,30}(?:\s[A-Z][\w&.\-]{1,30}){0,3}", name) or \
                re.search(r"\d|系列|家族|family|series", name, re.I) or self.linker.link(name) or \
                is_category(name) or GENERIC_HEADINGS.match(name):
            return None
        if normalize(item[:len(name)]) == normalize(name):
            return None  # "### Foo" over "Foo-7B": a family, not a maker
        return self.entity(name, line, "Organization", 0.6)

    def lab_heading(self, heading: str, line: int, item: str) -> str | None:
        """A heading that is a lab's name ("## Google DeepMind", "## xAI", "## Alibaba Cloud (Qwen team)") over a model
        item that does not begin with it: the lab made it. A name of two or three capitalised words, or one word
        spelt as a name (OpenAI, xAI, IBM), or one word that is no common noun ("Anthropic", not "Reasoning").

        >>> rule_facts("# Tracker\\n## Google DeepMind\\n- **Gemma** - open weights, a model.\\n"
        ...            "## Reasoning\\n- **o1** - a model.", "section-developer")
        [('gemma', 'developed_by', 'google-deepmind')]
        """
        name = re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", HEADING_NUMBER.sub("", heading)).strip()
        if not name or is_category(name) or GENERIC_HEADINGS.match(name) or SENTENCE_HEADING.match(name) or \
                normalize(item[:len(name)]) == normalize(name) or re.search(r"\d|系列|家族|family|series", name, re.I):
            return None
        rid = self.linker.link(name)
        if rid:
            return rid if self.is_a(rid, "Organization") else None
        words = name.split()
        if re.search(r"[\u4e00-\u9fff]", name):
            ok = bool(re.fullmatch(r"[\u4e00-\u9fff]{1,10}" + ORG_SUFFIX_ZH, name) or ORG_NAME.search(name))
        elif not re.fullmatch(r"[A-Za-z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,2}", name):
            ok = False
        elif len(words) > 1:
            ok = words[0][0].isupper()
        else:
            ok = bool(re.search(r"[a-z][A-Z]|^[A-Z]{2,}$|^[a-z][A-Z]", name)) or (
                name[0].isupper() and not re.search(r"(?:ing|tion|sion|ment|ness|ity|ics|ance|ence|ism|ogy|ure|age|s)$",
                                                    name))
        return self.entity(name, line, "Organization", 0.6) if ok else None

    def section_org(self, heading: str, line: int) -> str | None:
        """The organization a heading names: a known one, or a new name with an organization's word."""
        name = HEADING_NUMBER.sub("", heading).strip()
        rid = self.linker.link(name)
        if rid:
            return rid if self.linker.is_a(rid, "Organization") else None
        if re.match(r"The\s+[A-Z]", name):
            name = name[4:]  # "The Technology Innovation Institute"
        if len(name) <= 40 and ORG_NAME.search(name) and not any(rx.search(name) for rx, _ in SECTION_TYPES[-1:]):
            return self.entity(name, line, "Organization", 0.6)
        return None

    def maker_named(self, name: str, line: int) -> str | None:
        """The organization (or person) a name opening a description is: a known one, a short new Chinese name, a
        longer one ending in an organization's word (大学, 研究院, 分校 …), or a capitalised name.

        >>> ex = Extraction(parse_markdown(""), Linker([]))
        >>> ex.maker_named("青松", 1), ex.maker_named("北湖大学西湖分校", 1), ex.maker_named("用于对话", 1)
        ('qingsong', 'beihu-daxue-xihu-fenxiao', None)
        """
        rid = self.linker.link(name)
        if rid:
            return rid if self.is_a(rid, "Organization", "Person") else None
        if re.search(r"^[用以在将被对从]", name) or ADVERBS.search(name):
            return None
        if re.fullmatch(r"[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff]{2,14}" + ORG_SUFFIX_ZH, name):
            return self.entity(name, line, "Organization", 0.6)
        return self.org_named(name, line)

    def org_named(self, name: str, line: int) -> str | None:
        """The organization a short name is: a known one, or a new capitalised name ("Stanford", "Acme Labs").

        >>> ex = Extraction(parse_markdown(""), Linker([]))
        >>> ex.org_named("Stanford", 1), ex.org_named("activation-aware weight quantization", 1)
        ('stanford', None)
        """
        name = name.strip()
        rid = self.linker.link(name)
        if rid:
            return rid if self.linker.is_a(rid, "Organization") else None
        if re.fullmatch(r"[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,3}", name) and not size_suffix(name):
            return self.entity(name, line, "Organization", 0.6)
        return None

    # what the block is about, and what it releases
    def release_verbs(self, s: Scope) -> None:
        """ "ORG 发布了 MODEL", "ORG released MODEL": who developed what it releases (the verb not followed by 的).

        >>> rule_facts("- 2023年：Acme 发布了 Foo 模型。", "release-verb")
        [('foo', 'developed_by', 'acme')]
        """
        b, text, agents = s.block, s.text, s.agents
        for v in re.finditer(DEV_VERBS, text):
            if text[v.end():v.end() + 1] == "的":
                continue
            before = s.agent_spans.ending(v.start() - 40, v.start())
            reach = v.end() + 60  # what it released is named within this, before the clause ends
            clause_end = min([i for i in (text.find(c, v.end(), reach + len(c)) for c in ("。", "；", ";", "!", "?", ". "))
                              if i >= 0] + [len(text)])
            after = [m for m in s.model_spans.starting(v.end(), min(clause_end, reach))
                     # (a name of no type: only right after the verb, or after a few words that are no list)
                     if self.type_of(m.id) or m.start - v.end() <= 3 or
                     (m.start - v.end() <= 12 and not re.search(r"[，,、；;和与及]", text[v.end():m.start]))]
            dev = before[-1] if before else None
            if s.lead_agent is not None:
                dev = s.lead_agent
            if dev is None and PRONOUNS.search(text[max(0, v.start() - 60):v.start()]):
                dev = agents[0] if agents and agents[0].start < v.start() else None
                heading = self.heading_org(b) if dev is None else None
                if heading:
                    dev = Mention(heading, -1, -1, "")  # "## 月之暗面 … 公司推出了 Kimi": the company of the section
            if dev is None and after and b.kind == "item" and agents and agents[0].start < v.start():
                dev = agents[0]
            if dev is None and after and self._paragraph_maker:  # "阿里云的通义千问…。2023年8月先开源了 Qwen-7B"
                dev = Mention(self._paragraph_maker, -1, -1, "")
            devs = [dev] if dev is not None else []
            if before and dev is before[-1]:  # "A 与 B 联合发布了 X": each organization joined to the last
                devs = self.joined(text, before)
            elif before and dev is not None and dev in (allied := self.joined(text, before)):
                devs = allied  # "A（the sentence's subject）联合 B 推出了 X"
            for m in after:
                for d in devs:
                    if m.id != d.id:
                        self.fact(m.id, "developed_by", d.id, b, 0.85, "release-verb")
                s.released.append(m.id)

    def family_versions(self, s: Scope) -> None:
        """What a block under a model family's heading releases is a version of that family.

        >>> rule_facts("## GPT 系列\\n- OpenAI 发布了 GPT-2 模型。", "family-section", ["data"])
        [('gpt-2', 'version_of', 'gpt-series')]
        """
        if s.heading_topic and self.is_a(s.heading_topic, "ModelFamily"):
            for r in s.released:
                self.fact(r, "version_of", s.heading_topic, s.block, 0.6, "family-section")

    def released_topic(self, s: Scope) -> None:
        """A list item (or a block under no entity) is about the first thing it releases, unless a name leads it."""
        if s.released and s.lead_key is None and (s.block.kind == "item" or s.topic is None):
            s.topic = s.released[0]

    def developed_by(self, s: Scope) -> None:
        """ "由 A 与 B 共同开发", "developed by A": the developers of the topic (or of the first model named).

        >>> rule_facts("- Foo：由 OpenAI 与 Meta 共同开发。", "developed-by", ["data"])
        [('foo', 'developed_by', 'openai'), ('foo', 'developed_by', 'meta')]
        """
        for rx in (DEVELOPED_BY, DEVELOPED_BY_EN):
            for m in rx.finditer(s.text):
                span = (m.start("who"), m.end("who"))
                who = [a.id for a in self.joined(s.text, s.agent_spans.starting(span[0], span[1] + 2))]
                if not who and rx is DEVELOPED_BY_EN:  # "built by BigScience": new names, each capitalised
                    names = NAME_JOINS.split(re.split(r"\s+(?:in|on|at|for|with|from|as|under)\s", m.group("who"))[0])
                    who = [self.org_named(n, s.block.line) for n in names if n.strip()]
                    who = who if all(who) else []
                target = s.topic or (s.models[0].id if s.models else None)
                for a in who:
                    self.fact(target, self.maker_key(target), a, s.block, 0.9, "developed-by")

    def maker_key(self, key: str | None) -> str:
        """``offered_by`` for a service, ``developed_by`` for the rest."""
        return "offered_by" if key and self.is_a(key, "Service") else "developed_by"

    def description_agent(self, s: Scope) -> None:
        """ "Name - ORG's library", "Name - ORG library for …", "Name: … from ORG", "Name - …, by ORG": the organization
        (or person) a list item's description opens with, or names after "from"/"by" in its first clause, made it.
        A new capitalised name counts before "'s" or at the end of a clause; a lower-case handle only when it owns
        the item's GitHub link. Not "the X paper from ORG" (that is the paper's), nor "fine-tuned from X".

        >>> rule_facts("- **Foo** - low-rank tricks from Acme Labs; more here.", "description-agent")
        [('foo', 'developed_by', 'acme-labs')]
        >>> rule_facts("- **Foo** - Zeta's tuning library.", "description-agent")
        [('foo', 'developed_by', 'zeta')]
        >>> rule_facts("- Foo: a tool, by janedoe. https://github.com/janedoe/foo", "description-agent")
        [('foo', 'developed_by', 'janedoe')]
        >>> rule_facts("- Foo: prompts, following the Bar paper from Acme.", "description-agent")
        []
        """
        b, text = s.block, s.text
        if b.kind == "item" and s.lead_key and self.is_a(s.lead_key, "Person") and (lead := self.head(b)) is not None:
            pm = re.match(r"\s*[（(](?P<in>[^()（）]{1,200})[)）]", text[lead.end():])
            mk = makers_in_brackets(pm.group("in")) if pm else None
            for name, person in (mk.names if mk else []):  # "**Tri Dao** (Princeton, Together AI)": where they work
                org = None if person else self.org_named(name, b.line)
                if org and self.is_a(org, "Organization"):
                    self.fact(s.lead_key, "affiliated_with", org, b, 0.65, "description-agent")
        bold_para = b.kind == "para" and bool(BOLD_LEAD.match(b.raw or ""))  # "**OpenHermes-2.5** by Teknium — …"
        if (b.kind != "item" and not bold_para) or not s.lead_key or s.lead_agent is not None or \
                self.is_a(s.lead_key, "Organization", "Person", "Paper"):
            return
        lead = self.head(b)
        if lead is not None:
            start = lead.end()
        elif s.mentions and s.mentions[0].start == 0 and s.mentions[0].id == s.lead_key:
            start = s.mentions[0].end  # "- FlashAttention-2 is by Tri Dao": an item opening with a name
        else:
            return
        found: list[str] = []
        pm = re.match(r"\s*[（(](?P<in>[^()（）]{1,400})[)）]", text[start:])
        if pm:  # "Switch Transformers (Google) …", "SWE-bench (Princeton: A, B; ICLR 2024) …"
            found += self.bracket_makers(s, pm.group("in"), start + pm.start("in"))
            start += pm.end()
        m = re.match(r"[\s:：|｜\-—–,，]*(?:(?:is|was|are|were|comes?|came)\s+(?=from|by)|the\s+)?", text[start:])
        start += m.end() if m else 0
        end = min([i for i in (text.find(c, start) for c in (";", "；", ". ", "。")) if i >= 0] + [len(text)])
        clause = text[start:end].rstrip(".")
        # the description opens with an organization
        first = next((a for a in s.agents if a.start >= start), None)
        if first is not None and first.start - start <= 1 and self.is_a(first.id, "Organization") and \
                re.match(r"(?:'s\b|\s+[a-z]|\s*[,，;；]|\s*的)", text[first.end:]):
            found.append(first.id)
        elif not s.agents or s.agents[0].start >= start + 1:
            om = DESC_OWNER.match(clause)
            if om and not self.linker.link(om.group("n")):
                found.append(self.entity(om.group("n"), b.line, "Organization", 0.6))
        # "… from ORG", "… by ORG" in the first clause
        for fm in DESC_FROM.finditer(clause):
            if re.search(r"(?:paper|work|study|report|article|fine-?tuned|distilled|derived|converted|trained|"
                         r"developed|released|created|built|made|published|open-sourced)\s+$", clause[max(0, fm.start() - 20):fm.start()]):
                continue
            by = clause[fm.start():fm.start() + 2] == "by"
            at, pos = start + fm.start("n"), 0
            for name in NAME_JOINS.split(fm.group("n")):
                here = at + fm.group("n").find(name, pos)
                pos = here - at + len(name)
                known = [a for a in s.agent_spans.starting(here, here + 1)]
                if known:
                    found.append(known[0].id)
                    continue
                seen = self._by_label.get(normalize(name)) if name else None
                if not name or self.linker.link(name) or (seen and self.type_of(seen) and not self.is_a(seen, "Organization", "Person")) \
                        or re.search(r"[A-Za-z]-?\d", name):
                    continue  # a known thing that is not an organization ("rated by GPT-4")
                if name[0].isupper():
                    person = by and re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}", name) and not ORG_NAME.search(name)
                    found.append(self.entity(name, b.line, "Person" if person else "Organization", 0.6))
                elif any(u.lower().startswith(f"https://github.com/{name.lower()}/") for _, u in b.links) or \
                        f"github.com/{name.lower()}/" in text.lower():
                    found.append(self.entity(name, b.line, "Person", 0.6))
        for ea in ET_AL_ORGS.finditer(text, start):  # "Liu et al. (UW–Madison, Microsoft Research, Columbia)"
            mk = makers_in_brackets(ea.group("orgs").replace("–", "-"))
            for name, person in (mk.names if mk else []):
                org = None if person else self.org_named(name, b.line)
                if org and self.is_a(org, "Organization"):
                    found.append(org)
        for who in dict.fromkeys(k for k in found if k and k != s.lead_key):
            self.fact(s.lead_key, self.maker_key(s.lead_key), who, b, 0.7, "description-agent")

    def bracket_makers(self, s: Scope, inner: str, at: int) -> list[str]:
        """The makers in the brackets after an item's name (see :mod:`graph.ingest.makers`), each person tied to the
        organization the brackets say they are of; none when the brackets hold something else ("(MoE)").

        >>> r = Extraction(parse_markdown("- **Foo** (Zeta Labs: Ann Lee, Bo Chen; ICLR 2024) - a benchmark"), Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("developed_by", "affiliated_with"))
        [('ann-lee', 'affiliated_with', 'zeta-labs'), ('bo-chen', 'affiliated_with', 'zeta-labs'), ('foo', 'developed_by', 'ann-lee'), ('foo', 'developed_by', 'bo-chen'), ('foo', 'developed_by', 'zeta-labs')]
        """
        line = s.block.line
        mk = makers_in_brackets(inner)
        if mk is None:
            return []
        keys: dict[str, str] = {}
        starting = {x.start: x for x in reversed(s.mentions)}  # the first mention that starts at each place
        for name, person in mk.names:
            pos = inner.find(name)
            there = starting.get(at + pos) if pos >= 0 else None
            guessed = there is not None and there.id in self.entities and not self.entities[there.id].linked and \
                self.type_of(there.id) in ("", "Software") and not person and re.fullmatch(r"[A-Z][A-Z&\-]{1,9}", name)
            if guessed:  # "(KAUST)": an acronym in a maker's place, typed only by a guess so far
                self.entities[there.id].type = "Organization"
            if there is not None and not self.is_a(there.id, "Organization", "Person"):
                return []  # "(MoE)", "(GPT-4)": a technique or a model, not who made it
            if there is not None:
                keys[name] = there.id
                continue
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if known and self.type_of(known) and not self.is_a(known, "Organization", "Person"):
                return []
            key = self.entity(name, line, "Person", 0.6, key_hint=ids.person_slug(name)) if person else \
                self.org_named(name, line)
            if not key:
                return []
            keys[name] = key
        for p, o in mk.ties:
            if p in keys and o in keys and self.is_a(keys[p], "Person") and self.is_a(keys[o], "Organization"):
                self.fact(keys[p], "affiliated_with", keys[o], s.block, 0.65, "bracket-makers")
        return list(keys.values())

    def own_verb(self, s: Scope) -> None:
        """ "A 开源的 ...": A (just before the verb) developed the topic, and 开源 makes it open source.

        >>> rule_facts("- Foo：Meta 开源的对话模型", "own-verb", ["data"])
        [('foo', 'developed_by', 'meta'), ('foo', 'open_source', True)]
        """
        own = OWN_VERB.search(s.text)
        if own and s.topic:
            who = [a for a in s.agents if a.end <= own.start() and own.start() - a.end <= 4]
            who = self.joined(s.text, [a for a in s.agents if a.end <= who[-1].end]) if who else []
            makers = [a.id for a in who]
            lead = self.head(s.block) if who and s.block.kind == "item" and s.lead_key else None
            if lead is not None and re.search(r"(?:与|和|及|、|&|\band)\s*$", s.text[lead.end():who[0].start]):
                who = []  # "- LLaVA：甲大学麦迪逊分校与乙研究院提出的…": a new name joined before the one found
            if not who and s.block.kind == "item" and s.lead_key:
                # "- Name：新名字开源的…", "- Name：甲大学与乙研究院提出的…": new names opening the description made it
                lead = self.head(s.block)
                between = re.sub(r"\s*(?:联合|共同|一起)$", "", s.text[lead.end() if lead else 0:own.start()].strip(" ：:"))
                parts = [p for p in re.split(r"\s*(?:与|和|及|、|&|\band\b)\s*", between) if p] if lead else []
                makers = [self.maker_named(p, s.block.line) for p in parts]
                makers = makers if makers and all(makers) else []
            for a in makers:
                self.fact(s.topic, "developed_by", a, s.block, 0.85, "own-verb")
                if "开源" in s.text[own.start():own.end()]:
                    self.fact(s.topic, "open_source", True, s.block, 0.8, "own-verb")

    def release_date(self, s: Scope) -> None:
        """The date at the head of a list item (or else a month and year in it) is when its first release came out.

        >>> rule_facts("- 2023年：Acme 发布了 Foo 模型。", "year-lead")
        [('foo', 'released', '2023')]
        """
        b, text = s.block, s.text
        ym = YEAR_LEAD.match(text) if b.kind in ("item", "row", "para") else None
        if ym and s.released:
            date = _date_text(ym.group("y"), ym.group("m"))
            self.fact(s.released[0], "released", date, b, 0.8, "year-lead")
        elif not ym and s.released:
            dm = DATE_EN.search(text)
            if dm:
                self.fact(s.released[0], "released", f"{dm.group('y')}-{MONTHS[dm.group('mon')[:3].lower()]:02d}", b, 0.75,
                          "date")

    def head_date(self, s: Scope) -> None:
        """ "- **Wren 2** — 27 June 2024. …", "- **Wren** – February 2024, …": a date right after an item's head is when
        the item came out.

        >>> rule_facts("- **Wren 2** — 27 June 2024. A sparse model.", "head-date")
        [('wren-2', 'released', '2024-06-27')]
        """
        b = s.block
        if b.kind != "item" or not s.lead_key or s.released or self.is_a(s.lead_key, "Organization", "Person", "Paper"):
            return
        h = self.head(b)
        m = HEAD_DATE.match(s.text, h.end()) if h else None
        co = CO_HEADS.match(b.raw) if h and not m else None
        if co and (at := s.text.find(co.group("b"), h.end())) >= 0:  # "**A** and **B** — 27 June 2024."
            m = HEAD_DATE.match(s.text, at + len(co.group("b")))
        if not m:
            return
        date = values.day_date(m.group("d"))
        if date:
            self.fact(s.lead_key, "released", date, b, 0.75, "head-date")

    def paper_item(self, b: Block) -> str | None:
        """ "- TITLE, ORG, Month YEAR - …": a list item that cites a paper by its title, a known organization and a
        date is that paper (published by the organization, released then), not a model named by the title's head.

        >>> rule_facts("- Zed: Tuning Small Models Well, OpenAI, May 2021 - a note.", "paper-item", ["data"])
        [('zed-tuning-small-models-well', 'publisher', 'openai'), ('zed-tuning-small-models-well', 'released', '2021-05')]
        """
        linked = self.linked_paper_item(b)
        if linked:
            return linked
        m = PAPER_ITEM.match(re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", b.text))
        if not m or len(m.group("t").split()) < 3:
            return None
        name = m.group("org")
        org = self.linker.link(name) or self._by_label.get(normalize(name))  # known, or named before in the notes
        if not (org and self.is_a(org, "Organization")) and not ORG_NAME.search(name):
            return None
        key = self.entity(m.group("t"), b.line, "Paper", 0.7)
        if not key or not self.is_a(key, "Paper"):
            return None
        org = self.entity(name, b.line, "Organization", 0.6)
        self.fact(key, "publisher", org, b, 0.75, "paper-item")
        self.fact(key, "released", f"{m.group('y')}-{MONTHS[m.group('mon')[:3].lower()]:02d}", b, 0.75, "paper-item")
        return key

    def linked_paper_item(self, b: Block) -> str | None:
        """ "- [TITLE](arXiv link) — ORG & ORG, YEAR": an item that is a paper, by its title linked to a paper's page,
        then who put it out and when.

        >>> rule_facts("1. [Tuning Small Models Well](https://arxiv.org/abs/2101.00001) — Acme Labs & Zeta, 2021",
        ...            "linked-paper")
        [('tuning-small-models-well', 'url', 'https://arxiv.org/abs/2101.00001'), ('tuning-small-models-well', 'publisher', 'acme-labs'), ('tuning-small-models-well', 'publisher', 'zeta'), ('tuning-small-models-well', 'released', '2021')]
        """
        if not b.links:
            return None
        title, url = b.links[0]
        if not title or not b.text.startswith(title) or len(title.split()) < 3 or self.type_from_url(url) != "Paper":
            return None
        m = PAPER_BY.match(b.text, len(title))
        if not m:
            return None
        orgs = [self.maker_named(n.strip(), b.line) for n in NAME_JOINS.split(m.group("orgs")) if n.strip()]
        if not orgs or not all(orgs):
            return None
        key = self.entity(title, b.line, "Paper", 0.75, url)
        if not key or not self.is_a(key, "Paper"):
            return None
        if not self.entities[key].linked:
            self.fact(key, "url", url, b, 0.85, "linked-paper")
        for org in dict.fromkeys(orgs):
            self.fact(key, "publisher", org, b, 0.75, "linked-paper")
        self.fact(key, "released", m.group("y"), b, 0.7, "linked-paper")
        return key

    def paper_url(self, s: Scope) -> None:
        """ "Foo - …. Paper: URL (VENUE 2022)": the paper that introduces the topic, and its year.

        >>> [f[:2] for f in rule_facts("- **Zed** - a method. Paper: https://example.org/zed.pdf (ICML 2022).", "paper-url")]
        [('paper-zed', 'url'), ('zed', 'introduced_in'), ('paper-zed', 'released')]
        """
        if self.is_a(s.topic, "Paper", "Organization", "Person"):
            return
        for m in PAPER_URL.finditer(s.text):
            url = m.group("u").rstrip(".,;")
            if self.type_from_url(url) not in (None, "Paper"):
                continue  # "Bug reports: <GitHub issues>", "Paper: <the code>": an address that is no paper's
            key = self.paper_for(s.topic, "", url, s.block, "paper-url")
            if key and m.group("y") and not self.entities[key].linked:
                self.fact(key, "released", m.group("y"), s.block, 0.7, "paper-url")
            break

    def date_verb(self, s: Scope) -> None:
        """ "Foo：2023年3月开源，…": a Chinese date right before a release verb that names nothing after it is when the
        topic came out (开源 also makes it open source).

        >>> rule_facts("- Foo：2023年3月16日开源，一个模型。", "date-verb")
        [('foo', 'released', '2023-03-16'), ('foo', 'open_source', True)]
        """
        if s.released or not s.lead_key or self.is_a(s.lead_key, "Organization", "Person"):
            return
        m = DATE_VERB.search(s.text)
        if not m:
            return
        date = _date_text(m.group("y"), m.group("m"))
        if m.group("d") and m.group("m") and 1 <= int(m.group("d")) <= 31 and "-" in date:
            date += f"-{int(m.group('d')):02d}"
        self.fact(s.lead_key, "released", date, s.block, 0.75, "date-verb")
        if m.group("v") == "开源":
            self.fact(s.lead_key, "open_source", True, s.block, 0.75, "date-verb")

    def successor(self, s: Scope) -> None:
        """ "Foo-2：Foo 的第二代", "Foo 的升级版", "successor to Foo": the topic succeeds the model named.

        >>> rule_facts("- Zed：一个模型。\\n- Zed-2：2023年发布，Zed 的第二代。\\n- Zed-3：successor to Zed-2.", "successor")
        [('zed-2', 'successor_of', 'zed'), ('zed-3', 'successor_of', 'zed-2')]
        """
        for m in SUCCESSOR.finditer(s.text):
            if m.group("x"):
                prev = [x for x in s.mention_spans.starting(m.start("x"), m.start("x") + 1) if x.id != s.topic]
                if not prev:
                    key = self.entity(m.group("x").rstrip(".-"), s.block.line, "LanguageModel", 0.6)
                    prev = [Mention(key, m.start("x"), m.end("x"), m.group("x"))] if key else []
            else:
                prev = [x for x in s.mention_spans.ending(m.start() - 2, m.start() + 1) if x.id != s.topic]
            if prev and self.is_a(prev[-1].id, "Model", "Software") or (prev and not self.entities[prev[-1].id].linked):
                self.fact(s.topic, "successor_of", prev[-1].id, s.block, 0.7, "successor")

    def established(self, s: Scope) -> None:
        """ "月之暗面成立于2023年3月", "Acme was founded in 2021": what is founded is an organization, and when.

        >>> rule_facts("## 公司\\n\\n星河成立于2023年3月，总部在北京。", "established")
        [('xinghe', 'founded', '2023-03')]
        """
        for m in ESTABLISHED_ZH.finditer(s.text):
            name = m.group("n")
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if (known and not self.is_a(known, "Organization") and self.type_of(known)) or NOT_MAKERS_ZH.search(name) or \
                    ADVERBS.search(name):
                continue
            key = self.entity(name, s.block.line, "Organization", 0.6)
            if key and self.is_a(key, "Organization"):
                self.fact(key, "founded", _date_text(m.group("y") or m.group("y2"), m.group("m") or m.group("m2")), s.block,
                          0.75, "established")

    def founders(self, s: Scope) -> None:
        """ "ORG 由 P 创办", "由 A 创始人 P 于 2023 年 4 月创立": P founded the topic (and A), and when.

        >>> [f[:2] + (f[2].get("id") if isinstance(f[2], dict) else f[2],) for f in rule_facts("某智能由张三创办。", "founders")]
        [('zhang-san', 'affiliated_with', 'mouzhineng')]
        """
        for m in FOUNDED_BY.finditer(s.text):
            # the organization: the name the clause opens with, right before 由, or else the block's topic
            cs = max([s.text.rfind(c, max(0, m.start() - 30), m.start()) for c in "，,。；;：:"] + [-1]) + 1
            subject = s.text[cs:m.start()].strip()
            topic = None
            if re.fullmatch(r"[\u4e00-\u9fff]{2,10}|[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,3}", subject):
                topic = self.entity(subject, s.block.line, "Company", 0.6)
            elif not subject and s.topic is not None:
                topic = s.topic
            if topic is None or not self.is_a(topic, "Organization"):
                continue
            if m.group("y"):
                self.fact(topic, "founded", _date_text(m.group("y"), m.group("m")), s.block, 0.75, "founders")
            who = m.group("who").strip()
            lo = m.start("who")
            people = [a for a in s.agent_spans.starting(lo, m.end("who")) if self.is_a(a.id, "Person")]
            if not people:  # "由搜狗前CEO王小川…创立": a name after a role
                people = [Mention(k, lo + a, lo + b, who[a:b]) for a, b in people_zh(who, [])
                          if (k := self.entity(who[a:b], s.block.line, "Person", 0.6, key_hint=ids.person_slug(who[a:b])))
                          and self.is_a(k, "Person")]
            if not people:
                fm = FOUNDER_OF.search(who)
                name = fm.group("p") if fm else who
                if re.fullmatch(r"[\u4e00-\u9fff]{2,3}|[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}", name):
                    key = self.entity(name, s.block.line, "Person", 0.6, key_hint=ids.person_slug(name))
                    people = [Mention(key, lo, m.end("who"), name)] if key else []
            for p in people:
                self.fact(p.id, "affiliated_with", {"id": topic, "role": dict(FOUNDER_ROLE)}, s.block, 0.75, "founders")
            fm = FOUNDER_OF.search(who)
            if fm and people:
                org = [a for a in s.agent_spans.starting(lo + fm.start("org"), lo + fm.end("org"))
                       if self.is_a(a.id, "Organization")]
                okey = org[0].id if org else self.entity(fm.group("org"), s.block.line, "Company", 0.6)
                if okey and okey != topic:
                    self.fact(people[-1].id, "affiliated_with", {"id": okey, "role": dict(FOUNDER_ROLE)}, s.block, 0.7,
                              "founders")

    def people_at(self, s: Scope) -> None:
        """ "**Foo** - Jane Doe and colleagues at the University of Zed, 2023.": the person and the organization made
        the item, and the person belongs to the organization.

        >>> sorted(f[:2] for f in rule_facts("- **Foo** - Jane Doe and colleagues at the University of Zed, 2023.", "people-at"))
        [('foo', 'developed_by'), ('foo', 'developed_by'), ('jane-doe', 'affiliated_with')]
        """
        if s.block.kind != "item" or not s.lead_key or s.lead_agent is not None:
            return
        lead = self.head(s.block)
        if lead is None:
            return
        m = PEOPLE_AT.match(s.text, lead.end())
        if not m:
            return
        person_key = self.linker.link(m.group("p"))
        if person_key and not self.linker.is_a(person_key, "Person"):
            return
        org_key = self.linker.link(m.group("org"))
        if org_key and not self.linker.is_a(org_key, "Organization"):
            return
        person = self.entity(m.group("p"), s.block.line, "Person", 0.6)
        org = self.entity(m.group("org"), s.block.line, "University" if "Universit" in m.group("org") else "Organization", 0.6)
        if not person or not org:
            return
        self.fact(s.lead_key, "developed_by", person, s.block, 0.7, "people-at")
        self.fact(s.lead_key, "developed_by", org, s.block, 0.7, "people-at")
        self.fact(person, "affiliated_with", org, s.block, 0.7, "people-at")

    def trained_on(self, s: Scope) -> None:
        """ "trained on the Foo data", "fine-tuned on FooSet": the data the topic was trained on.

        >>> rule_facts("- **Zed** - a chat model, trained on the ChatPile data.", "trained-on")
        [('zed', 'trained_on', 'chatpile')]
        """
        for m in TRAINED_ON.finditer(s.text):
            found = [x for x in s.mention_spans.starting(m.start("x"), m.start("x") + 1)
                     if x.id != s.topic and self.is_a(x.id, "Dataset")]
            if not found and m.group("w") and not self.linker.link(m.group("x")) and \
                    re.search(r"[A-Z0-9]", m.group("x")):
                key = self.entity(m.group("x").rstrip(".-"), s.block.line, "Dataset", 0.6)
                found = [Mention(key, m.start("x"), m.end("x"), m.group("x"))] if key else []
            for x in found[:1]:
                e = self.entities.get(s.topic)
                if e is not None and not e.linked and not self.is_a(s.topic, "Model"):
                    e.type = "LanguageModel"  # what is trained on data is a model
                self.fact(s.topic, "trained_on", x.id, s.block, 0.7, "trained-on")

    def training_sets(self, s: Scope) -> None:
        """ "trained on 1T tokens, mostly from the RefinedWeb corpus", "fine-tuned on UltraChat, then aligned on
        UltraFeedback", "在 WuDao 上预训练", "SkyPile 是 Skywork-13B 的预训练数据": each dataset the clause after a
        training word names is what the model was trained on.

        >>> sorted(rule_facts("## Datasets\\n- PileX：语料\\n\\n## Models\\n- Zed-7B：对话模型，在 PileX 上预训练。", "training-sets"))
        [('zed-7b', 'trained_on', 'pilex')]
        """
        text = s.text
        if not TRAINING_CUE.search(text):
            return
        for cue in TRAINING_CUE.finditer(text):
            subject = s.topic
            if cue.group("of"):  # "X 是 Y 的预训练数据": Y was trained on X
                model = next((x for x in reversed(s.mentions) if x.end <= cue.start() and x.start >= cue.start() - 40 and
                              (self.is_a(x.id, "Model") or (SIZED.search(x.text) and not self.is_a(x.id, "Dataset")))), None)
                data = next((x for x in s.mentions if x.end <= cue.start() and self.is_a(x.id, "Dataset")), None)
                if model and data:
                    self.fact(model.id, "trained_on", data.id, s.block, 0.7, "training-sets")
                continue
            if not subject or not (self.is_a(subject, "Model") or not self.type_of(subject)):
                continue
            end = min([i for i in (text.find(c, cue.end()) for c in (". ", "; ", "。", "；")) if i >= 0] + [len(text)])
            end = min(end, cue.end() + 100)
            for x in s.mention_spans.starting(cue.start() - 30 if cue.group("zh") else cue.end(), end):
                e = self.entities.get(x.id)
                hub_data = e is not None and not e.linked and "huggingface" in e.ids and "/" in x.text and \
                    re.search(r"\bon\s+(?:the\s+)?`?$", text[max(0, x.start - 8):x.start]) and not self.is_a(x.id, "Dataset")
                if hub_data:  # "DPO on `HuggingFaceH4/ultrafeedback_binarized`": what it is trained on is data
                    e.type = "Dataset"
                if x.id != subject and self.is_a(x.id, "Dataset") and not NEGATED.search(text[max(0, x.start - 14):x.start]):
                    self.fact(subject, "trained_on", x.id, s.block, 0.65, "training-sets")

    def trains(self, s: Scope) -> None:
        """ "used to train Zephyr", "用于训练 BELLE 模型", "斯坦福 Alpaca 使用的…数据": the model trained on the topic (a dataset).

        >>> rule_facts("## 数据集\\n- foo_data：Bar 使用的指令数据", "trains")
        [('bar', 'trained_on', 'foo-data')]
        >>> rule_facts("## Datasets\\n- FooSet: dialogues used to train Zed.", "trains")
        [('zed', 'trained_on', 'fooset')]
        """
        if not s.topic or not self.is_a(s.topic, "Dataset"):
            return
        for m in TRAINS.finditer(s.text):
            g = next(g for g in ("x", "x2", "x3") if m.group(g))
            span = (m.start(g), m.end(g))
            found = [x for x in s.mention_spans.starting(span[0], span[1]) if x.id != s.topic and
                     not self.is_a(x.id, "Organization", "Person", "Dataset", "Paper")]
            if not found:
                name = re.sub(r"^[\u4e00-\u9fff]+\s*", "", m.group(g).strip())
                if not re.fullmatch(r"[A-Z][\w.\-]{1,40}(?:\s[A-Z0-9][\w.\-]{0,20}){0,2}", name) or self.linker.link(name):
                    continue
                key = self.entity(name, s.block.line, "LanguageModel", 0.6)
                found = [Mention(key, *span, name)] if key else []
            for x in found[-1:]:
                e = self.entities.get(x.id)
                if e is not None and not e.linked and not self.is_a(x.id, "Model"):
                    e.type = "LanguageModel"  # what is trained on data is a model
                self.fact(x.id, "trained_on", s.topic, s.block, 0.65, "trains")

    def possessive_maker(self, s: Scope) -> None:
        """ "Google's FLAN paper", "Hugging Face's Zephyr-7B-beta": the organization made what it owns (a model,
        software, dataset or technique named right after 's).

        >>> rule_facts("Around then, Stanford's Alpaca and Meta's Llama 2-Chat came out.", "possessive", ["data"])
        [('alpaca', 'developed_by', 'stanford'), ('llama-2-chat', 'developed_by', 'meta')]
        """
        if "的" in s.text:
            self.possessive_maker_zh(s)
        if "'s " not in s.text and "’s " not in s.text:
            return
        for m in POSSESSIVE.finditer(s.text):
            org = next((a.id for a in s.agent_spans.starting(m.start("org"), m.end("org"))
                        if self.is_a(a.id, "Organization")), None)
            name = m.group("org")
            if re.match(r"\s+(?:lab|team|group|department|division|unit|labs)\b", s.text[m.end("x"):]) or \
                    name.split()[0] in ("Let", "It", "That", "There", "What", "Here", "Who", "This", "The", "One", "Today"):
                continue  # "MIT's Han lab" is a lab of MIT; "Let's Verify" is no one's
            if org is None and not self.linker.link(name):
                person = PERSON_NAME.fullmatch(name) and not ORG_NAME.search(name)
                org = self.entity(name, s.block.line, "Person" if person else "Organization", 0.55)
            if org is None or not self.is_a(org, "Organization", "Person"):
                continue
            things = [x.id for x in s.mention_spans.starting(m.start("x"), m.start("x") + 1)
                      if x.id != org and self.is_a(x.id, "Model", "Software", "Dataset", "Technique", "Service")]
            if not things and not self.linker.link(m.group("x")):
                key = self.entity(m.group("x"), s.block.line, None, 0.55)
                things = [key] if key and not self.is_a(key, "Organization", "Person", "Source") else []
            for x in things[:1]:
                self.fact(x, "developed_by", org, s.block, 0.7, "possessive")

    def possessive_maker_zh(self, s: Scope) -> None:
        """ "阿里云的通义千问", "Meta 的 LLaMA": the organization right before 的 made the model (software, dataset)
        right after it.

        >>> rule_facts("阿里巴巴集团的 Qwen-7B 开源了。", "possessive")
        [('qwen-7b', 'developed_by', 'ali-baba-jituan')]
        >>> rule_facts("阿里云的 Qwen-7B 模型很受欢迎。", "possessive")
        [('qwen-7b', 'developed_by', 'aliyun')]
        """
        for k, a in enumerate(s.mentions[:-1]):
            b = s.mentions[k + 1]
            if re.fullmatch(r"\s*的\s*", s.text[a.end:b.start]) and self.is_a(a.id, "Organization") and \
                    (self.is_a(b.id, "Model", "Software", "Dataset", "Service") or not self.type_of(b.id)) and \
                    not re.match(r"\s*(?:团队|论文|作者|成员|员工)", s.text[b.end:]):
                self.fact(b.id, "developed_by", a.id, s.block, 0.7, "possessive")

    def cited_authors(self, s: Scope) -> None:
        """ "[Title](arXiv) (Wei et al., 2021)", "[Sanh et al.](arXiv)": the paper's first author (by surname), and its year.

        >>> sorted(rule_facts("See [Tuning Small Models](https://arxiv.org/abs/2101.00001) (Wei et al., 2021).", "cited-authors"))
        [('tuning-small-models', 'authors', 'wei'), ('tuning-small-models', 'released', '2021')]
        """
        if "et al" not in s.text and " and " not in s.text and " & " not in s.text:
            return
        if not s.topic or self.is_a(s.topic, "Paper", "Organization", "Person", "Source"):  # (else see cited_by_surnames)
            for text, url in s.block.links:
                own = CITATION_TEXT.fullmatch(text or "")
                if own and self.type_from_url(url) == "Paper":  # "[Sanh et al.](arXiv)" about nothing named: the paper
                    key = self.entity(text, s.block.line, "Paper", 0.6, url)
                    if key and self.is_a(key, "Paper"):
                        self.fact(key, "url", url, s.block, 0.7, "cited-authors")
                        a = self.entity(own.group("a"), s.block.line, "Person", 0.55,
                                        key_hint=ids.person_slug(own.group("a")))
                        if a and self.is_a(a, "Person"):
                            self.fact(key, "authors", a, s.block, 0.65, "cited-authors")
        for x in s.mentions:
            if not self.is_a(x.id, "Paper"):
                continue
            m = CITED_AUTHORS.match(s.text, x.end)
            own = CITATION_TEXT.fullmatch(x.text) if not m else None
            if not (m or own):
                continue
            found = m or own
            names = [found.group("a")] + ([m.group("b")] if m and m.group("b") else [])
            for n in names:
                key = self.entity(n, s.block.line, "Person", 0.55, key_hint=ids.person_slug(n))
                if key and self.is_a(key, "Person"):
                    self.fact(x.id, "authors", key, s.block, 0.65, "cited-authors")
            paper = self.entities.get(x.id)
            if found.group("y") and paper is not None and not paper.linked:
                self.fact(x.id, "released", found.group("y"), s.block, 0.6, "cited-authors")

    def people_at_orgs(self, s: Scope) -> None:
        """ "A, who had worked at ORG", "A (formerly at ORG)", "A, a researcher at ORG", "A, CEO of ORG": where a
        person works (or worked: ``current: false``).

        >>> sorted((f[0], f[2]["id"], f[2].get("current")) for f in rule_facts(
        ...     "Founded by Ann Lee, who had worked at Acme Labs, and Bo Chen (formerly at OpenAI).", "person-at", ["data"]))
        [('ann-lee', 'acme-labs', False), ('bo-chen', 'openai', False)]
        """
        if _lang(s.text) != "en" or not re.search(r"\b(?:at|of)\b|[（(]", s.text):
            return
        for m in PERSON_AT.finditer(s.text):
            person, org_name = m.group("p"), m.group("org").strip()
            known = self.linker.link(person) or self._by_label.get(normalize(person))
            if ORG_NAME.search(person) or (known and not self.is_a(known, "Person")):
                continue
            org = next((a.id for a in s.agent_spans.starting(m.start("org"), m.end("org")) if self.is_a(a.id, "Organization")),
                       None)
            if org is None and ORG_NAME.search(org_name) and not self.linker.link(org_name):
                org = self.org_named(org_name, s.block.line)  # a new name that reads as an organization's
            if not org or not self.is_a(org, "Organization"):
                continue
            key = self.linker.link(person) or self.entity(person, s.block.line, "Person", 0.6,
                                                          key_hint=ids.person_slug(person))
            if not key or not self.is_a(key, "Person"):
                continue
            value: dict[str, Any] = {"id": org}
            role = (m.group("role") or m.group("role2") or "").strip()
            if role and not re.search(r"\b(?:model|paper|team|group|version)\b", role):
                value["role"] = {"en": role}
            if m.group("past") or m.group("past2") or m.group("past3"):
                value["current"] = False
            self.fact(key, "affiliated_with", value, s.block, 0.65, "person-at")

    def affiliations(self, s: Scope) -> None:
        """ "Stanford professor Fei-Fei Li", "who left Google to found Character.AI", "百川智能创始人王小川": where a
        person works or worked, and what they founded (the cues are in :mod:`graph.ingest.affiliations`).

        >>> sorted((f[0], f[2]["id"], f[2].get("current")) for f in rule_facts(
        ...     "Noam Shazeer, who left Google in 2021 to found Character.AI, joined Acme AI.", "affiliation", ["data"]))
        [('noam-shazeer', 'acme-ai', None), ('noam-shazeer', 'character-ai', None), ('noam-shazeer', 'google', False)]
        """
        text = s.text
        if not AFFILIATION_CUES.search(text):
            return
        zh = _lang(text) == "zh"
        key_of = {(m.start, m.end): m.id for m in s.mentions}
        orgs = [(m.start, m.end) for m in s.mentions if self.is_a(m.id, "Organization")]
        people = [(m.start, m.end) for m in s.mentions if self.is_a(m.id, "Person") or self.reads_as_person(m)]
        for span, key in self.short_org_names(text, key_of):  # "Moonshot" after "Moonshot AI", "SSI"
            key_of[span] = key
            orgs.append(span)
        orgs.sort()
        taken = sorted(key_of)
        named, full_names = ([], {}) if zh else self.people_named(text, taken)
        people = sorted(set(people + (people_zh(text, taken) if zh else named)))
        if not people:
            return
        covered = Taken(len(text), taken)
        if zh:  # "搜狗前CEO王小川": an organization named by the role of someone in it
            for a, b in people:
                covered.add(a, b)
            for name in dict.fromkeys(text[a:b] for a, b in orgs_zh(text, taken + people)):  # (each name once)
                key = self.entity(name, s.block.line, "Organization", 0.55)
                if key and self.is_a(key, "Organization"):
                    at = text.find(name)
                    while at >= 0:  # (and wherever else the block names it: "在微软待了 16 年 … 微软全球副总裁")
                        there = (at, at + len(name))
                        if there not in key_of and not covered.meets(*there):
                            key_of[there] = key
                            orgs.append(there)
                        at = text.find(name, at + len(name))
            orgs = sorted(set(orgs))
        lead_m = next((m for m in s.mentions if m.id == s.lead_key), None) if s.lead_key else None
        lead = (lead_m.start, lead_m.end) if lead_m is not None and \
            (self.is_a(s.lead_key, "Person") or self.reads_as_person(lead_m)) else None  # ("**John Schulman** — …")
        if zh:
            ties = ties_zh(text, people, orgs)
        else:
            ties = ties_en(text, people, orgs, candidate_org=lambda t, at: self.org_after_cue(t, at, covered), lead=lead)
        done: set[tuple[str, str]] = set()
        heading = self.heading_org(s.block) if any(t.org is None for t in ties) else None
        stops = [m.end() for m in re.finditer(r"[。！？；;]|[.!?](?=\s)", text)]  # where sentences end
        starts, ends = [o[0] for o in orgs], [o[1] for o in orgs]
        for t in ties:
            org = key_of.get(t.org) if t.org else (
                (s.topic if s.topic and self.is_a(s.topic, "Organization") else None) or heading or
                self.org_before(text, t.person[0], orgs, starts, ends, stops, key_of))
            if t.org and org is None:
                org = self.entity(text[t.org[0]:t.org[1]], s.block.line, "Organization", 0.55)
            name = text[t.person[0]:t.person[1]]
            full = full_names.get(name)
            person = key_of.get(t.person) or self._surnames().get(name) or \
                (self.entity(full, s.block.line, "Person", 0.6, key_hint=ids.person_slug(full)) if full else None) or \
                self.entity(name, s.block.line, "Person", 0.6, key_hint=ids.person_slug(name))
            if not org or not person or (person, org) in done or not self.is_a(org, "Organization"):
                continue
            e = self.entities.get(person)
            if e is not None and not e.linked and e.type != "Person":
                e.type = "Person"  # a name found before with no type, or typed by its section: the tie says who it is
            if not self.is_a(person, "Person"):
                continue
            done.add((person, org))
            if any(f.subject == person and f.key == "affiliated_with" and f.value.get("id") == org and f.block.line == s.block.line
                   for f in self.facts[-40:] if isinstance(f.value, dict)):
                continue  # told already by another rule on this block
            value: dict[str, Any] = {"id": org}
            if t.founder:
                value["role"] = dict(FOUNDER_ROLE)
            elif t.role:
                value["role"] = {"zh" if re.search(r"[\u4e00-\u9fff]", t.role) else "en": t.role}
            if t.current is False:
                value["current"] = False
            self.fact(person, "affiliated_with", value, s.block, 0.65, "affiliation")

    def heading_org(self, b: Block) -> str | None:
        """The organization the nearest heading over a block names ("## 01 | 阶跃星辰：微软出来的…" names 阶跃星辰), or None."""
        if not b.section:
            return None
        name = HEADING_NUMBER.sub("", b.section[-1]).strip()
        sub = HEADING_SUBTITLE.match(name)
        for n in ([sub.group("name")] if sub else []) + [name]:
            key = self.linker.link(n) or self._by_label.get(normalize(n))
            if key and self.is_a(key, "Organization"):
                return key
        return None

    def short_org_names(self, text: str, key_of: dict) -> list[tuple[tuple[int, int], str]]:
        """Spans of the short names of organizations named before: the first word of a longer name ("Moonshot" of
        "Moonshot AI"), or its initials ("SSI" of "Safe Superintelligence")."""
        self._index_words()
        if not self._by_short_name:
            return []
        out = []
        for m in re.finditer(r"(?<![\w\-.])[A-Z][\w]+(?![\w\-])(?!\s[A-Z])", text):
            keys = [k for k in self._by_short_name.get(m.group(), ()) if self.type_of(k) and self.is_a(k, "Organization")]
            key = min(keys, key=lambda k: self.entities[k].line) if keys else None  # (the first one named)
            if key and not any(a < m.end() and m.start() < b for a, b in key_of):
                out.append((m.span(), key))
        return out

    @staticmethod
    def org_before(text: str, at: int, orgs: list, starts: list, ends: list, stops: list, key_of: dict) -> str | None:
        """The organization a person at ``at`` belongs to when the cue names none: the one their sentence opens with,
        else the nearest before them in the sentence, else the nearest before them in the text (spans sorted)."""
        cut = stops[bisect_left(stops, at + 1) - 1] if stops and stops[0] <= at else 0  # where their sentence starts
        last = bisect_right(ends, at) - 1  # the last organization that ends before them
        first = bisect_left(starts, cut)
        if first <= last and not text[cut:orgs[first][0]].strip(" \t，,"):
            return key_of[orgs[first]]
        return key_of[orgs[last]] if last >= 0 else None

    def reads_as_person(self, m: Mention) -> bool:
        """Whether a new name with no type yet reads as a person's ("Robin Rombach", not "Stable Diffusion AI")."""
        e = self.entities.get(m.id)
        return e is not None and not e.linked and not e.type and bool(PERSON_NAME.fullmatch(m.text)) and \
            not m.text.endswith(("'s", "’s")) and not LEAD_VERB.match(m.text) and is_person(m.text) and \
            not ORG_NAME.search(m.text) and m.text.split()[0] not in NOT_FIRST_NAMES

    def people_named(self, text: str, taken: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], dict[str, str]]:
        """Spans of English names that read as people's and are no other entity's, and of surnames of people
        named before ("Shazeer" after "Noam Shazeer"); and the full name of each surname named in this text."""
        out = []
        covered = Taken(len(text), taken)
        for m in PERSON_NAME.finditer(text):
            name = m.group()
            if name.endswith(("'s", "’s")) or covered.meets(m.start(), m.end()) or ORG_NAME.search(name) or \
                    name.split()[0] in NOT_FIRST_NAMES or name.split()[-1] in NOT_FIRST_NAMES or \
                    re.fullmatch(r"(?:Co-[a-z]+ed|[A-Z][a-z]+ed)|Left|Also|Then|Later|Joined|Both|Now|Since", name.split()[0]) or \
                    not is_person(name):
                continue  # ("Co-founded Adept", "Left Google", "Google Brain")
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if known and not self.is_a(known, "Person"):
                continue
            out.append(m.span())
        named_before = self._surnames()
        here: dict[str, str] = {}  # "Noor Halabi joined … Halabi previously worked at …": a surname of a name in this text
        for a, b in out:
            here.setdefault(text[a:b].split()[-1], text[a:b])
            covered.add(a, b)
        full_names: dict[str, str] = {}
        if here or named_before:
            for m in re.finditer(r"(?<![\w\-.])[A-Z][a-zà-öø-ÿ'\-]+(?![\w\-])(?!\s[A-Z])", text):
                w = m.group()
                if (w in here or w in named_before) and not covered.meets(m.start(), m.end()):
                    out.append(m.span())
                    covered.add(*m.span())
                    if w in here and " " in here[w]:
                        full_names[w] = here[w]
        return out, full_names

    def _index_words(self) -> None:
        """Index the entities added since the last call by the last word, the first word and the initials of their
        labels (each entity is looked at once; their types are checked when the index is read)."""
        for key in self._unindexed:
            e = self.entities.get(key)
            words = e.label.split() if e else []
            first = re.split(r"[\s\-]", e.label.lower(), maxsplit=1) if e else []
            if len(first) == 2:
                self._by_stem.setdefault(first[0], set()).add(key)  # "orca" of Orca-LM, Orca-2
            if len(words) < 2:
                continue
            self._by_last_word.setdefault(words[-1], set()).add(key)
            if ORG_NAME.search(e.label) and len(words) == 2 and len(words[0]) > 3:
                self._by_short_name.setdefault(words[0], set()).add(key)
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(initials) == len(words):
                self._by_short_name.setdefault(initials, set()).add(key)
        self._unindexed.clear()

    def _surnames(self) -> dict[str, str]:
        """The last word of each person's name in the notes so far -> the person (when only one has it)."""
        self._index_words()
        return _SurnameView(self)

    def org_after_cue(self, text: str, at: int, taken: Taken) -> tuple[int, int] | None:
        """The span of a new organization's name right after a cue ("previously worked at Stability AI"), or None."""
        m = re.compile(r"[A-Z][\w&.\-]*(?:\s(?:of\s)?[A-Z][\w&.\-]*){0,3}").match(text, at)
        if not m:
            return None
        name = m.group().rstrip(".")
        if re.match(r"(?:VP|Vice President|Head|Director|Chief|President|Senior|Principal|Staff|Lead|Manager)\b", name) or \
                re.fullmatch(r"C[A-Z]O", name):
            return None  # "previously VP of Research at OpenAI": a role, not where
        if name.split()[0] in NOT_FIRST_NAMES or NOT_A_NAME.fullmatch(name) or taken.meets(at, at + len(name)):
            return None
        known = self.linker.link(name) or self._by_label.get(normalize(name))
        if known and not self.is_a(known, "Organization"):
            return None
        return (at, at + len(name))

    def person_made(self, s: Scope) -> None:
        """ "**Tri Dao** — author of FlashAttention", "co-creator of Mamba with Tri Dao", "He led the HELM benchmark",
        "co-authored the AlexNet paper with A and B": what a person made (a paper: what they wrote), and with whom.

        >>> sorted(rule_facts("## People\\n- **Ann Lee** — creator of Wisp-7B with Bo Chen. She led the Quill benchmark.",
        ...                   "person-made"))
        [('quill', 'developed_by', 'ann-lee'), ('wisp-7b', 'developed_by', 'ann-lee'), ('wisp-7b', 'developed_by', 'bo-chen')]
        """
        text = s.text
        if _lang(text) != "en" or not PERSON_MADE.search(text):
            return
        lead = s.lead_key if s.lead_key and self.is_a(s.lead_key, "Person") else None
        people = [m for m in s.mentions if self.is_a(m.id, "Person")]
        for cue in PERSON_MADE.finditer(text):
            sentence = max([0] + [e.end() for e in SENTENCE_END.finditer(text, 0, cue.start())])
            before = [p for p in people if sentence <= p.start and p.end <= cue.start()]
            opening = text[sentence:cue.start()].strip()
            pronoun = re.fullmatch(r"(?:He|She|They|and|also|who|where\s+(?:he|she)|[-—–;,]|\W)*(?:\s*\w+ly)?", opening)
            earlier = [p for p in people if p.end <= sentence]
            if before:
                who = before[-1].id
            elif lead and (not opening or pronoun):
                who = lead  # "— creator of …", "He led …": the item's person
            elif pronoun and opening and earlier:
                who = earlier[-1].id  # "Percy Liang is … He led the HELM benchmark."
            else:
                continue
            end = min([i for i in (text.find(c, cue.end()) for c in (". ", "; ", "。")) if i >= 0] + [len(text)])
            things, makers = [], [who]
            for x in s.mention_spans.starting(cue.end(), end):
                if self.is_a(x.id, "Person"):
                    if re.search(r"\bwith\b", text[cue.end():x.start]):
                        makers.append(x.id)  # "… with Bo Chen"
                    continue
                if not things or re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", text[things[-1].end:x.start]):
                    if not self.is_a(x.id, "Organization", "Place") and x.id != self._source_key and \
                            (not things or x.start - cue.end() < 80):  # (a paper is a source, and can be written)
                        things.append(x)
            if not things:  # "co-authored the AlexNet paper", "led the Quill benchmark": a new name right after the cue
                nm = re.match(r"(?P<n>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3})(?:\s+(?P<w>paper|model|benchmark|library|dataset|"
                              r"framework|project|toolkit|system|architecture|method|algorithm))?\b", text[cue.end():end])
                if nm and not NOT_A_NAME.fullmatch(nm.group("n")) and nm.group("n").split()[0] not in NOT_FIRST_NAMES and \
                        not PERSON_NAME.fullmatch(nm.group("n")):
                    kind = {"paper": "Paper", "model": "LanguageModel", "benchmark": "Dataset", "dataset": "Dataset",
                            "method": "Technique", "algorithm": "Technique", "architecture": "Technique"}.get(
                        (nm.group("w") or "").lower(), "Software" if nm.group("w") else None)
                    key = self.entity(nm.group("n"), s.block.line, kind, 0.55)
                    if key and not self.is_a(key, "Organization", "Person", "Place") and key != self._source_key:
                        things = [Mention(key, cue.end(), cue.end() + nm.end(), nm.group())]
            if not things or things[0].start - cue.end() > 30:
                continue
            for m in re.finditer(r"\bwith\s+(?P<p>" + PERSON_NAME.pattern + r"(?:\s*(?:,|and)\s*" + PERSON_NAME.pattern + r")*)",
                                 text[things[-1].end:end]):
                for name in NAME_JOINS.split(m.group("p")):
                    if PERSON_NAME.fullmatch(name.strip()) and not self.linker.link(name.strip()):
                        makers.append(self.entity(name.strip(), s.block.line, "Person", 0.6,
                                                  key_hint=ids.person_slug(name.strip())))
            for x in things:
                for p in dict.fromkeys(k for k in makers if k and k != x.id):
                    self.fact(x.id, "authors" if self.is_a(x.id, "Paper") else "developed_by", p, s.block, 0.65,
                              "person-made")

    def maker_in_brackets(self, s: Scope) -> None:
        """ "`mistralai/Mistral-7B-v0.1` (Mistral AI)", "Gemma (Google)": an organization alone in brackets right
        after a model, software or dataset named in the text made it (an item's head is read by description_agent).

        >>> rule_facts("Base: `acme/Wren-7B` (Acme AI). Almost everything builds on it.", "maker-in-brackets")
        [('wren-7b', 'developed_by', 'acme-ai')]
        """
        if "(" not in s.text and "（" not in s.text:
            return
        for x in s.mentions:
            if x.id == s.lead_key or not (self.is_a(x.id, "Model", "Software", "Dataset") or not self.type_of(x.id)):
                continue
            m = re.match(r"`?\s*[（(](?P<o>[^()（）,，;；]{2,40})[)）]", s.text[x.end:])
            if not m:
                continue
            name = m.group("o").strip()
            org = next((a.id for a in s.agents if a.start == x.end + m.start("o") and self.is_a(a.id, "Organization")), None)
            if org is None and (ORG_NAME.search(name) or ORG_NAME_EN.fullmatch(name)) and not self.linker.link(name):
                org = self.entity(name, s.block.line, "Organization", 0.55)
            if org and self.is_a(org, "Organization") and org != x.id:
                self.fact(x.id, self.maker_key(x.id), org, s.block, 0.6, "maker-in-brackets")

    def sizes_in_brackets(self, s: Scope) -> None:
        """ "Llama 3.2 Vision (11B and 90B)": each size of a model named in the block is a version of it.

        >>> sorted(rule_facts("Keep an eye on Wren-VL (11B and 90B), due soon.", "sizes-in-brackets"))[:2]
        [('wren-vl-11b', 'parameters', 11000000000), ('wren-vl-11b', 'version_of', 'wren-vl')]
        """
        if "(" not in s.text and "（" not in s.text:
            return
        for x in s.mentions:
            m = SIZES_AFTER.match(s.text, x.end)
            if not m or (self.type_of(x.id) and not self.is_a(x.id, "Model")):
                continue
            label = self.entities[x.id].label if x.id in self.entities else x.text
            self.size_versions(x.id, label, m.group("sizes"), s.block, "sizes-in-brackets", 0.6, 0.7)

    def founders_en(self, s: Scope) -> None:
        """ "founded in April 2023 by A, B and C": A, B and C founded the topic (an organization), and when.

        >>> sorted(f[:2] for f in rule_facts("## Acme AI\\nAcme AI was founded in May 2021 by Ann Lee and Bo Chen.", "founders-en"))
        [('acme-ai', 'founded'), ('ann-lee', 'affiliated_with'), ('bo-chen', 'affiliated_with')]
        """
        e = self.entities.get(s.topic) if s.topic else None
        if e is not None and not e.linked and not e.type and s.topic == s.heading_topic and FOUNDED_BY_EN.search(s.text):
            e.type = "Organization"  # "## Anthropic" then "Founded in 2021 by …": what is founded is an organization
        if s.topic is None or not self.is_a(s.topic, "Organization"):
            return
        for m in FOUNDED_BY_EN.finditer(s.text):
            if m.group("y"):
                month = f"-{MONTHS[m.group('mon')[:3].lower()]:02d}" if m.group("mon") else ""
                self.fact(s.topic, "founded", m.group("y") + month, s.block, 0.75, "founders-en")
            who = re.split(r",\s*(?:who|which|both|all)\b|\s+(?:who|which)\b", m.group("who"))[0]
            for name in NAME_JOINS.split(who):
                name = name.strip()
                if PERSON_NAME.fullmatch(name) and not ORG_NAME.search(name) and not self.linker.link(name):
                    key = self.entity(name, s.block.line, "Person", 0.6, key_hint=ids.person_slug(name))
                    if key:
                        self.fact(key, "affiliated_with", {"id": s.topic, "role": {"en": "founder"}}, s.block, 0.7,
                                  "founders-en")
                elif (rid := self.linker.link(name)) and self.is_a(rid, "Person"):
                    self.fact(rid, "affiliated_with", {"id": s.topic, "role": {"en": "founder"}}, s.block, 0.7, "founders-en")

    def paper_from(self, s: Scope) -> None:
        """ "PPO itself is from [Proximal Policy …](arxiv)", "introduced in [paper]": the paper that introduced the topic.

        >>> rule_facts("- **Foo** is from [A Foo for Bar](https://arxiv.org/abs/1707.06347), also Acme.", "paper-from")
        [('foo', 'introduced_in', 'a-foo-for-bar')]
        """
        if not s.topic or self.is_a(s.topic, "Paper", "Organization", "Person", "Source"):
            return
        for x in s.mentions:
            if x.id != s.topic and self.is_a(x.id, "Paper") and FROM_PAPER.search(s.text[max(0, x.start - 40):x.start]):
                self.fact(s.topic, "introduced_in", x.id, s.block, 0.7, "paper-from")
                return

    def cited_by_surnames(self, s: Scope) -> None:
        """ "Lin et al., https://arxiv.org/…", "[Sanh et al.](https://arxiv.org/…)", "(Dettmers, Pagnoni and Holtzman;
        https://arxiv.org/…)": the paper at that address, by those people, introduced the topic.

        >>> sorted(rule_facts("- **Wren** - a quantizer by Frantar et al., https://arxiv.org/abs/2210.17323", "et-al"))
        [('paper-wren', 'authors', 'frantar'), ('paper-wren', 'url', 'https://arxiv.org/abs/2210.17323'), ('wren', 'introduced_in', 'paper-wren')]
        """
        if not s.topic or self.is_a(s.topic, "Paper", "Organization", "Person", "Source") or \
                ("et al" not in s.text and ";" not in s.text):
            return
        found = [(m.group("who") or m.group("who2"), m.group("u") or m.group("u2")) for m in ET_AL_URL.finditer(s.text)]
        found += [(m.group("a"), u) for t, u in s.block.links if t and (m := CITATION_TEXT.fullmatch(t.strip()))]
        if not found and "et al" in s.text:  # "Liu et al. (…). [[paper](arXiv)]": the paper the block gave the topic
            given = next((f.value for f in reversed(self.facts[-30:]) if f.subject == s.topic and
                          f.key == "introduced_in" and f.block is s.block and isinstance(f.value, str)), None)
            m = CITATION_TEXT.search(s.text)
            found = [(m.group("a"), None)] if given and m else []
        for who, url in found:
            if url is None:
                paper = given
            else:
                url = url.rstrip(".,;)")
                if self.type_from_url(url) != "Paper":
                    continue
                paper = self.paper_for(s.topic, "", url, s.block, "et-al")
            if not paper:
                continue
            for name in NAME_JOINS.split(who):
                name = name.strip()
                if not SURNAME.fullmatch(name) or self.linker.link(name):
                    continue
                key = self._surnames().get(name) or self.entity(name, s.block.line, "Person", 0.55,
                                                                  key_hint=ids.person_slug(name))
                if key and self.is_a(key, "Person"):
                    self.fact(paper, "authors", key, s.block, 0.6, "et-al")
            return

    def first_model_topic(self, s: Scope) -> None:
        """A block about nothing else so far is about the first model (or software, or dataset) it names."""
        if s.topic is None:
            s.topic = s.models[0].id if s.models else None
            s.guessed = s.topic is not None

    # facts about the topic
    def released_in(self, s: Scope) -> None:
        """ "released in 2020", "发布于 2020": when the topic came out, unless the block releases something itself.

        >>> rule_facts("- Foo：released in March 2021.", "released-in")
        [('foo', 'released', '2021-03')]
        """
        rm = RELEASED_IN.search(s.text)
        if rm and not s.released:
            month = f"-{MONTHS[rm.group('mon')[:3].lower()]:02d}" if rm.group("mon") else ""
            self.fact(s.topic, "released", rm.group("y") + month, s.block, 0.75, "released-in")

    def describe(self, s: Scope) -> None:
        """The first sentence of a paragraph about its heading's entity describes it.

        >>> rule_facts("# Foo\\nFoo is a chat model. It talks.", "first-sentence")
        [('foo', 'description', {'en': 'Foo is a chat model.'})]
        """
        b, topic = s.block, s.topic
        if b.kind == "para" and topic == s.heading_topic and len(b.text) >= 8:
            first = re.split(r"(?<=[。.!?！？])\s*", b.text)[0]
            self.fact(topic, "description", {_lang(first): first}, b, 0.6, "first-sentence")

    def base_of_list(self, s: Scope) -> None:
        """An item of a list under "X 底座" or "Based on X" builds on X.

        >>> rule_facts("# LLaMA 底座\\n- Robin：中文对话模型", "base-list")
        [('robin', 'based_on', 'llama')]
        """
        if s.base and s.base != s.topic and not re.search(r"->|→|=>", s.text) and \
                not any(f.subject == s.topic and f.key == "based_on" and f.block is s.block for f in self.facts[-12:]):
            self.fact(s.topic, "based_on", s.base, s.block, 0.7, "base-list")  # (unless the item names its own base)

    def lineage(self, s: Scope) -> None:
        """ "基于 X", "以 X 为基座", "在 X 的基础上", "X 底座", "fine-tuned from X", "built on X": what the topic builds on.

        >>> rule_facts("- Robin：基于 Lark 微调的对话模型", "lineage")
        [('robin', 'based_on', {'id': 'lark', 'kind': 'finetune'})]
        """
        b, text, topic = s.block, s.text, s.topic
        if not LINEAGE_WORDS.search(text):
            return  # none of the words any lineage pattern needs
        finetuned = None
        for rx, kind in LINEAGE:
            if rx is BASE_MODEL and "底座" not in text and "基座" not in text:  # its words, looked for first
                continue
            for m in rx.finditer(text):
                g = next((k for k in ("x", "x2", "x3") if k in rx.groupindex and m.group(k) is not None), "x")  # (the one that matched)
                if m.group(g) is None:
                    continue
                span = (m.start(g), m.end(g))
                bases = [x for x in s.mention_spans.starting(*span) if x.id != topic and
                         not re.match(r"['’]s\s", text[x.end:x.end + 3]) and  # ("from EleutherAI's Pythia-12b": Pythia)
                         not self.is_a(x.id, "Dataset", "Organization", "Person", "Paper")]
                if re.match(r"fine-?tuned\s+on\b", m.group(0), re.I):  # "fine-tuned on X": X is data, unless a model
                    bases = [x for x in bases if self.is_a(x.id, "Model") and x.id in self.entities and
                             (self.entities[x.id].linked or self.entities[x.id].line < s.block.line)]
                if not bases and rx.pattern.startswith("(?P<x>"):
                    continue
                lead_new = re.match(r"\s*(?P<n>[A-Za-z][\w.\-]{0,60}[\w])(?=\s*(?:和|与|及|、|,|and\b|&))", m.group(g))
                if bases and lead_new and m.start(g) + lead_new.end("n") <= bases[0].start and \
                        not self.linker.link(lead_new.group("n")):
                    # "基于 Foo-7B 和 LLaMA": a new name named first, before a known one, is the first base
                    key = self.entity(lead_new.group("n"), b.line, "LanguageModel", 0.6)
                    if key:
                        bases.insert(0, Mention(key, m.start(g) + lead_new.start("n"), m.start(g) + lead_new.end("n"),
                                                lead_new.group("n")))
                if not bases:
                    for part in NAME_JOINS.split(m.group(g).strip())[:4]:  # "a merge of A and B": each is a base
                        name = re.split(r"[的\s]", part.strip())[0]
                        latin = re.match(r"[A-Za-z][A-Za-z0-9_.\-]*", name)
                        name = latin.group(0).strip(".-") if latin else name  # "基于Foo-7B微调": the name ends with its letters
                        key = self.entity(name, b.line, "LanguageModel", 0.6) \
                            if re.match(r"[A-Za-z]", name) and len(name) > 1 and name.lower() not in NOT_NAMES else None
                        if not key:
                            break
                        at = text.find(name, span[0])
                        bases.append(Mention(key, at, at + len(name), name))
                if finetuned is None:
                    finetuned = bool(FINETUNE.search(text))
                fine = kind or ("adapter" if re.search(r"\badapters?\b|适配器", text, re.I) else None) or \
                    ("finetune" if finetuned else None)
                chosen = bases[:1]
                for x in bases[1:]:  # "基于 A 和 B": each base joined to the first by a conjunction only
                    if re.fullmatch(r"\s*(?:和|与|及|、|,|，|&|and)\s*", text[chosen[-1].end:x.start], re.I):
                        chosen.append(x)
                    else:
                        break
                subject = topic
                if subject and self.is_a(subject, "Organization", "Person", "Source", "Place"):
                    # "Google shipped ShieldGemma, … built on Gemma 2": what the organization made builds on it
                    before = [x for x in s.mentions if x.end <= m.start() and x.id not in {c.id for c in chosen} and
                              (self.is_a(x.id, "Model", "Software") or not self.type_of(x.id))]
                    subject = before[-1].id if before else None
                for x in chosen:
                    if subject and subject != x.id:
                        self.fact(subject, "based_on", {"id": x.id, "kind": fine} if fine else x.id, b, 0.8, "lineage")

    def versions(self, s: Scope) -> None:
        """ "版本：A、B", "versions: A, B": each is a version of the topic (open source after 开源 or open-source).

        >>> rule_facts("- Foo：开源版本：Foo-7B、Foo-13B", "versions")
        [('foo-7b', 'version_of', 'foo'), ('foo-7b', 'open_source', True), ('foo-13b', 'version_of', 'foo'), ('foo-13b', 'open_source', True)]
        """
        b, text, topic, mentions = s.block, s.text, s.topic, s.mentions
        vm = VERSIONS.search(text)
        if not vm:
            return
        listed = vm.group("list") or vm.group("list2") or ""
        start = text.find(listed)
        for x in mentions:
            if x.start >= start and x.id != topic:
                self.fact(x.id, "version_of", topic, b, 0.85, "versions")
                if vm.group("open") or vm.group("open2"):
                    self.fact(x.id, "open_source", True, b, 0.8, "versions")
        named = {normalize(x.text) for x in mentions}
        for name in re.split(r"[，,、;；和及]|\band\b", listed):
            name = name.strip(" 。.")
            if re.match(r"^[A-Za-z][\w.\-]*$", name) and normalize(name) not in named:
                key = self.entity(name, b.line, "LanguageModel", 0.7)
                self.fact(key, "version_of", topic, b, 0.8, "versions")
                if vm.group("open") or vm.group("open2"):
                    self.fact(key, "open_source", True, b, 0.8, "versions")

    def techniques_of_models(self, s: Scope) -> None:
        """In prose about a lab: a technique is used by the model named before it in the same sentence ("the company
        followed with Finch 8x7B, a sparse mixture-of-experts model")."""
        for x in s.mentions:
            if not self.is_a(x.id, "Technique") or x.id in CUED_ONLY or \
                    NEGATED.search(s.text[max(0, x.start - 14):x.start]) or NEGATED_LIST.search(s.text[max(0, x.start - 90):x.start]):
                continue
            model = next((m for m in reversed(s.mentions) if m.end <= x.start and x.start - m.end < 120 and
                          self.is_a(m.id, "Model") and not re.search(r"[.!?。；;]\s", s.text[m.end:x.start])), None)
            if model is not None and model.id != x.id:
                self.fact(model.id, "uses", x.id, s.block, 0.6, "technique-mention")

    def listed_uses(self, s: Scope) -> None:
        """ "A, B and C are mixture-of-experts models", "A uses grouped-query attention", "A 和 B 都采用了 MoE 架构":
        the models named right before a technique use it.

        >>> sorted(rule_facts("We compare GPT-3 with Wren-2 and Lark-7B. Wren-2 and Lark-7B are sparse mixture-of-experts models.",
        ...                   "listed-uses", ["data"]))
        [('lark-7b', 'uses', 'mixture-of-experts'), ('wren-2', 'uses', 'mixture-of-experts')]
        """
        text = s.text
        for k, x in enumerate(s.mentions):
            if not self.is_a(x.id, "Technique") or k == 0:
                continue
            before = text[max(0, x.start - 60):x.start]
            cue = LISTED_USES_CUE.search(before)
            if not cue or (cue.group("copula") and not LISTED_USES_AFTER.match(text, x.end)):
                continue
            if NEGATED.search(before[cue.start():]):
                continue
            at = x.start - len(before) + cue.start()  # where the models' list ends
            models = []
            for j in range(k - 1, -1, -1):  # (back from the technique, without a copy of the list for each one)
                m = s.mentions[j]
                if m.end > at:
                    continue
                gap = text[m.end:at]
                if not (self.is_a(m.id, "Model") or not self.type_of(m.id)) or \
                        not (not gap.strip() if not models else NAME_JOINS.fullmatch(gap)):
                    break
                models.append(m)
                at = m.start
            for m in models:
                self.fact(m.id, "uses", x.id, s.block, 0.65, "listed-uses")

    def kinds_named(self, s: Scope) -> None:
        """The techniques the topic's block names it uses, the capabilities it demonstrates, the problems it addresses.

        >>> rule_facts("- Foo：使用了 RLHF 训练", "technique-mention", ["data"])
        [('foo', 'uses', 'rlhf')]
        """
        if self.is_a(s.topic, "Organization", "Person", "Paper", "Source"):
            if s.block.kind == "para":  # a lab "uses" nothing: the model its sentence names does
                self.techniques_of_models(s)
            return
        topic = self.entities.get(s.topic)
        technique = self.is_a(s.topic, "Technique", "Dataset")  # (a dataset is made for a technique more than with it)
        guessed = s.guessed and s.block.kind == "para"  # (in prose, only what the topic's own sentence says)
        topic_at = [x.end for x in s.mentions if x.id == s.topic] if guessed else []
        for x in s.mentions:
            if x.id == s.topic or (topic is not None and x.id in self.entities and self.entities[x.id].label == topic.label):
                continue  # (nor what has the topic's own name)
            if NEGATED.search(s.text[max(0, x.start - 14):x.start]) or NEGATED_LIST.search(s.text[max(0, x.start - 90):x.start]):
                continue  # "with no PPO loop", "无需 RLHF", "without MCTS, value functions or process reward models"
            if self.is_a(x.id, "Technique"):
                k = bisect_right(topic_at, x.start) - 1  # (the topic's own mention nearest before it)
                near = topic_at[k] if k >= 0 else None
                if guessed and not (near is not None and x.start - near < 120 and
                                    not re.search(r"[.!?。；;]\s", s.text[near:x.start])) and \
                        not USES_CUE.search(s.text[max(0, x.start - 40):x.start]):
                    continue  # "In December the company followed with Mixtral 8x7B, a sparse mixture-of-experts model"
                if (technique or x.id in CUED_ONLY) and not USES_CUE.search(s.text[max(0, x.start - 40):x.start]) and \
                        not re.match(r"\s*(?:结构|架构|architecture|-based|-style|blocks?\b|layers?\b)", s.text[x.end:], re.I):
                    continue  # a technique's notes name others to compare ("replaces PPO"), not only what it uses
                self.fact(s.topic, "uses", x.id, s.block, 0.65, "technique-mention")
            elif self.is_a(x.id, "Capability"):
                self.fact(s.topic, "demonstrates", x.id, s.block, 0.65, "capability-mention")
            elif self.is_a(x.id, "Problem"):
                self.fact(s.topic, "addresses", x.id, s.block, 0.65, "problem-mention")

    def stages(self, s: Scope) -> None:
        """ "第一阶段是 X", "the first stage is X": the topic's training stages, in order.

        >>> rule_facts("- Foo：第一阶段是 RLHF", "stage", ["data"])
        [('foo', 'training_stages', {'order': 1, 'technique': 'rlhf'})]
        """
        for m in STAGE.finditer(s.text):
            n = m.group("n")
            order = ORDINALS.get((m.group("ord") or "").lower()) or (int(n) if n and n.isdigit() else CN_NUM.get(n or "", 0))
            rest_start = m.start("rest") if m.group("rest") else m.start("rest2")
            techs = [x for x in s.mention_spans.starting(rest_start, m.end()) if self.is_a(x.id, "Technique")]
            if order and techs:
                self.fact(s.topic, "training_stages", {"order": order, "technique": techs[0].id}, s.block, 0.85, "stage")

    def paper_title(self, s: Scope) -> None:
        """ "论文（TITLE）", "(TITLE) 的论文": the paper that introduced the topic, and who published it.

        >>> rule_facts("- Foo：论文（Foo: A Model That Talks）", "paper-title")
        [('foo', 'introduced_in', 'foo-a-model-that-talks')]
        """
        b, text, topic = s.block, s.text, s.topic
        for m in PAPER_TITLE.finditer(text):
            title = (m.group("t") or m.group("t2")).strip()
            if re.match(r"https?://|arxiv|doi", title, re.I):
                continue  # "paper (https://arxiv.org/…, Google Brain, 2017)": an address, no title
            key = self.entity(title, b.line, "Paper", 0.8)
            if key and key != topic:
                self.fact(topic, "introduced_in", key, b, 0.85, "paper-title")
                pub = [a for a in s.agent_spans.ending(m.start() - 30, m.start()) if self.is_a(a.id, "Organization")
                       and re.search(r"(公开|发表|发布|published)", text[a.end:m.start()])]
                for a in pub[-1:]:
                    self.fact(key, "publisher", a.id, b, 0.7, "paper-publisher")

    def model_size(self, s: Scope) -> None:
        """ "1750亿参数", "13B parameters", "96 层": a model's parameter count and layers.

        >>> rule_facts("## Models\\n- Foo：1750亿参数，96层", "parameters")
        [('foo', 'parameters', 175000000000)]
        """
        b, text, topic = s.block, s.text, s.topic
        if "的" in text:
            starting = {x.start: x for x in reversed(s.mentions)}
            for m in SIZE_OF_NEXT.finditer(text):  # "720 亿参数的 Qwen-72B": the size of the model named next
                x = starting.get(m.end())
                if x is not None and (self.is_a(x.id, "Model") or not self.type_of(x.id)):
                    self.fact(x.id, "parameters", _as_int(_number(m.group("n"), m.group("u"))), b, 0.8, "parameters")
                    text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
        if topic and s.released and self.is_a(topic, "Organization"):
            topic = s.released[0]  # "百川智能发布了 Baichuan 2，包含 70 亿和 130 亿参数两个版本": the sizes are the model's
        if not topic or (self.type_of(topic) and not self.is_a(topic, "Model")) or \
                (not self.type_of(topic) and topic != s.lead_key and topic not in s.released):
            return  # (an item's new name of no type yet with a size is a model; a heading's is not)
        sizes = values.parameter_counts(text)
        if sizes and not self.type_of(topic) and topic in self.entities:
            self.entities[topic].type = "LanguageModel"
        if len(sizes) == 1:
            label = self.entities[topic].label if topic in self.entities else topic
            size = f"{sizes[0] / 1e9:g}B" if sizes[0] >= 1e9 else f"{sizes[0] / 1e6:g}M"
            sized = self._by_label.get(normalize(f"{label} {size}")) or self._by_label.get(normalize(f"{label}-{size}"))
            self.fact(sized or topic, "parameters", sizes[0], b, 0.85, "parameters")  # ("the 405B model": that version)
        elif sizes:  # "70亿到650亿参数": one variant of each size
            label = self.entities[topic].label if topic in self.entities else topic
            for n in sizes:
                size = f"{n / 1e9:g}B" if n >= 1e9 else f"{n / 1e6:g}M"
                key = self.entity(f"{label}-{size}", b.line, self.type_of(topic) or "LanguageModel", 0.6)
                if key and key != topic:
                    if not self.entities[key].linked and not self.entities[key].variant_of:
                        self.entities[key].variant_of = topic
                    self.fact(key, "parameters", n, b, 0.75, "parameters")
        m = LAYERS.search(text)
        if m:
            self.fact(topic, "layers", int(m.group("n")), b, 0.8, "layers")

    def training_data(self, s: Scope) -> None:
        """ "约 1T tokens", "45TB", "120万条": how much data a model was trained on (the first amount named).

        >>> rule_facts("## Models\\n- Foo：trained on about 1T tokens", "data-size")
        [('foo', 'training_data_size', {'value': 1000000000000, 'unit': 'tokens', 'precision': 'approximate'})]
        """
        if not self.is_a(s.topic, "Model"):
            return
        m = DATA.search(s.text)
        if not m:
            amount = values.data_amount(s.text)  # "52K demonstrations", "120万条"
            if amount and amount["unit"] == "examples":
                self.fact(s.topic, "training_data_size", amount, s.block, 0.7, "data-size")
        if m:
            unit = m.group("u").replace(" ", "")
            value = _number(m.group("n"), None)
            if re.match(r"^(亿|万|[KMBT])", unit, re.I) and not unit.upper().startswith(("GB", "TB", "MB")):
                mult = unit[0]
                value *= UNITS.get(mult.lower(), 1)
                unit = "records" if unit.endswith("条") else "tokens"
            elif re.search(r"tokens?|标识符|词元", unit, re.I):
                unit = "tokens"
            precision = "approximate" if m.group("approx") else None
            q = {"value": _as_int(value), "unit": unit}
            if precision:
                q["precision"] = precision
            self.fact(s.topic, "training_data_size", q, s.block, 0.75, "data-size")

    def training_cost(self, s: Scope) -> None:
        """ "1200万美元", "$4.6 million" in a block about training or cost: what training a model cost.

        >>> rule_facts("## Models\\n- Foo：训练成本约1200万美元（估计）", "cost")
        [('foo', 'training_cost', {'amount': 12000000, 'currency': 'USD', 'precision': 'estimate'})]
        """
        text = s.text
        if not self.is_a(s.topic, "Model"):
            return
        m = COST.search(text)
        if m and ("训练" in text or "train" in text.lower() or "成本" in text or "费用" in text or "cost" in text.lower()):
            n, u = (m.group("n"), m.group("u")) if m.group("n") else (m.group("n2"), m.group("u2"))
            currency = "CNY" if (m.group("c") or "") in ("人民币", "元") else "USD"
            money = {"amount": _as_int(_number(n, u)), "currency": currency}
            if re.search(r"估|estimat", text, re.I):
                money["precision"] = "estimate"
            self.fact(s.topic, "training_cost", money, s.block, 0.8, "cost")

    def hosted(self, s: Scope) -> None:
        """ "超过 10 万个模型", "over 1000 datasets": how many models or datasets an organization or service hosts.

        >>> rule_facts("## Organizations\\n- Hubble：超过 10 万个模型", "hosted")
        [('hubble', 'models_hosted', {'value': 100000, 'unit': 'models', 'precision': 'more-than'})]
        """
        text = s.text
        if not self.is_a(s.topic, "Organization", "Service"):
            return
        for m in HOSTED.finditer(text):
            value = _as_int(_number(m.group("n"), m.group("u")))
            key = "models_hosted" if re.match(r"模型|model", m.group("what"), re.I) else "datasets_hosted"
            prefix = text[max(0, m.start() - 24):m.start()]
            more = m.group("more") or re.search(r"(超过?|逾|over|more than)\s*$", prefix) or \
                re.search(r"超过?\s*[\d,]+\s*个[^，。]{0,10}[，,、]\s*$", prefix)
            q = {"value": value, "unit": "models" if key == "models_hosted" else "datasets"}
            if more:
                q["precision"] = "more-than"
            self.fact(s.topic, key, q, s.block, 0.75, "hosted")

    def headquarters(self, s: Scope) -> None:
        """ "总部位于 X", "headquartered in X": where the topic has its headquarters.

        >>> rule_facts("## Organizations\\n- Acme：总部位于纽约", "headquarters", ["data"])
        [('acme', 'headquarters', 'new-york-city')]
        """
        hq = HEADQUARTERS.search(s.text)
        if hq:
            group = next(g for g in ("x", "x2", "x3") if hq.group(g))
            span = (hq.start(group), hq.end())
            places = [x for x in s.mentions if span[0] <= x.start < span[1] and self.is_a(x.id, "Place")]
            name = hq.group(group).strip()
            target = places[0].id if places else self.entity(name, s.block.line, "Place", 0.6)
            self.fact(s.topic, "headquarters", target, s.block, 0.85, "headquarters")

    def places(self, s: Scope) -> None:
        """ "Shanghai-based MiniMax", "World Labs, a San Francisco startup", "has offices in A and B": where an
        organization named in the block has its headquarters (the cues are in :mod:`graph.ingest.places`).

        >>> rule_facts("Zeta Labs, a Berlin startup, has offices in Paris.", "places")
        [('zeta-labs', 'headquarters', 'berlin'), ('zeta-labs', 'headquarters', 'paris')]
        """
        text = s.text
        if _lang(text) != "en" or not re.search(r"-based|offices|headquarter|founded in|start-?up|company|firm|lab", text):
            return
        orgs = [m for m in s.mentions if self.is_a(m.id, "Organization")]
        key_of = {(m.start, m.end): m.id for m in orgs}
        for span, key in self.short_org_names(text, {(m.start, m.end): m.id for m in s.mentions}):
            key_of[span] = key
            orgs.append(Mention(key, span[0], span[1], text[span[0]:span[1]]))
        orgs.sort(key=lambda m: m.start)
        for org_span, place in places_of(text, sorted(key_of)):
            org = key_of.get(org_span) if org_span else \
                next((m.id for m in reversed(orgs) if m.end <= place[0]), None) or \
                (s.topic if s.topic and self.is_a(s.topic, "Organization") else None)
            name = text[place[0]:place[1]]
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if org is None or (known and self.type_of(known) and not self.is_a(known, "Place")):
                continue
            key = self.entity(name, s.block.line, "Place", 0.6)
            if key and self.is_a(key, "Place"):
                self.fact(org, "headquarters", key, s.block, 0.7, "places")

    # people, whatever the block is about
    def _people(self, s: Scope) -> tuple[list[Mention], Spans]:
        """The people a block names (as typed now), and an index of them."""
        people = [m for m in s.mentions if self.is_a(m.id, "Person")]
        return people, Spans(people)

    def former_roles(self, s: Scope) -> None:
        """ "前 OpenAI AI 总监 X", "X，前…总监": a person's former role at an organization.

        >>> rule_facts("- 前特斯拉 AI 总监 Andrej Karpathy", "former-role", ["data"])
        [('andrej-karpathy', 'affiliated_with', {'id': 'tesla', 'role': {'zh': 'AI 总监'}, 'current': False})]
        """
        text = s.text
        people_spans = None
        ends: list[int] | None = None  # where clauses end (，,。；;)
        for m in ROLE.finditer(text):
            if people_spans is None:
                people_spans = self._people(s)[1]
            orgs = [x for x in s.mention_spans.starting(m.start("org"), m.end("org") + 1)
                    if self.is_a(x.id, "Organization")]
            if ends is None:
                ends = [c.start() for c in CLAUSE_END.finditer(text)]
            k = bisect_left(ends, m.end())
            clause_end = ends[k] if k < len(ends) else len(text)
            after = people_spans.starting(m.end(), clause_end)
            subject = after[-1] if after else people_spans.last_ending_by(m.start())
            if orgs and subject:
                role = re.sub(r"\s+", " ", m.group("role")).strip()
                self.fact(subject.id, "affiliated_with",
                          {"id": orgs[0].id, "role": {_lang(role): role}, "current": False}, s.block, 0.8, "former-role")

    def former_roles_en(self, s: Scope) -> None:
        """ "X, former director of AI at ORG": a person's former role at an organization.

        >>> rule_facts("- Andrej Karpathy, former director of AI at Tesla", "former-role", ["data"])
        [('andrej-karpathy', 'affiliated_with', {'id': 'tesla', 'role': {'en': 'director of AI'}, 'current': False})]
        """
        people_spans = None
        for m in ROLE_EN.finditer(s.text):
            if people_spans is None:
                people_spans = self._people(s)[1]
            orgs = [x for x in s.mention_spans.starting(m.start("org"), m.end("org") + 1)
                    if self.is_a(x.id, "Organization")]
            subject = people_spans.last_ending_by(m.start())
            if orgs and subject:
                self.fact(subject.id, "affiliated_with",
                          {"id": orgs[0].id, "role": {"en": m.group("role").strip()}, "current": False}, s.block, 0.8,
                          "former-role")

    def students(self, s: Scope) -> None:
        """ "X 的徒弟 Y", "Y, student of X": who studied under whom.

        >>> rule_facts("- 李飞飞的学生 Andrej Karpathy", "student", ["data"])
        [('andrej-karpathy', 'student_of', 'fei-fei-li')]
        """
        text = s.text
        if not any(w in text for w in STUDENT_WORDS):
            return
        people, people_spans = self._people(s)
        for m in STUDENT.finditer(text):
            span = (m.start("adv") if m.group("adv") else m.start("adv2"), m.end())
            advisors = people_spans.starting(*span)
            among = set(advisors)
            student = next((p for p in people if p not in among), None)
            if advisors and student:
                self.fact(student.id, "student_of", advisors[0].id, s.block, 0.8, "student")

    def bibliography(self, b: Block, source_key: str) -> bool:
        """Entries of a list of references ("[12] H. Touvron, …, "LLaMA: …," arXiv:2302.13971, 2023."): each a paper
        with its authors, year and arXiv id, cited by the notes and kept by its number for the citations."""
        found = False
        for text in entries(b.text):
            ref = parse_reference(text)
            if ref is None:
                continue
            url = f"https://arxiv.org/abs/{ref.arxiv}" if ref.arxiv else (f"https://doi.org/{ref.doi}" if ref.doi else None)
            key = self.entity(ref.title, b.line, "Paper", 0.85, url)
            if not key or not self.is_a(key, "Paper"):
                continue
            found = True
            if url and not self.entities[key].linked:
                self.fact(key, "url", url, b, 0.9, "bibliography")
            if ref.year and not self.entities[key].linked:
                self.fact(key, "released", ref.year, b, 0.85, "bibliography")
            for name in ref.authors[:30]:
                person = self.linker.link(name) or self.entity(name, b.line, "Person", 0.7, key_hint=ids.person_slug(name))
                if person and self.is_a(person, "Person"):
                    self.fact(key, "authors", person, b, 0.85, "bibliography")
            self.fact(source_key, "cites", key, b, 0.9, "bibliography")
            if ref.number:
                self._references[ref.number] = key
        return found

    def citations(self, s: Scope) -> None:
        """ "LLaMA [12]", "rotary position embeddings (RoPE) [15]": a name cited right after it was introduced in the
        cited entry (read once the list of references is read; see resolve_citations)."""
        if "[" not in s.text:
            return
        for x in s.mentions:
            if self.is_a(x.id, "Organization", "Person", "Paper", "Source", "Place"):
                continue
            at = x.end
            abbr = re.match(r"\s*[（(][^()（）\[\]]{1,20}[)）]", s.text[at:])
            nums = cited_numbers(s.text, at) or (cited_numbers(s.text, at + abbr.end()) if abbr else [])
            if nums and len(nums) <= 2:
                self._citations.append((x.id, x.text, nums[0], s.block))

    def resolve_citations(self) -> None:
        """Each name cited right after it was introduced in the paper its citation's number is (more surely when the
        paper's title names it)."""
        introduced = {f.subject for f in self.facts if f.key == "introduced_in"}
        for key, name, number, block in self._citations:
            paper = self._references.get(number)
            longer = re.search(r"(?:[A-Z][\w\-]*\s){1,2}$", block.text[:block.text.find(name)]) if name in block.text else None
            if longer and not re.match(r"(?:The|A|An|This|That|In|On|Our|Its|Their|We)\s", longer.group()) and \
                    not self.linker.link(longer.group() + name):
                key = self.entity(longer.group() + name, block.line, self.type_of(key) or None, 0.6) or key  # "Sparse Transformer [4]"
            if paper and paper != key and key not in introduced:
                named = normalize(name) in normalize(self.entities[paper].label) if paper in self.entities else False
                self.fact(key, "introduced_in", paper, block, 0.75 if named else 0.6, "citation")
                introduced.add(key)

    #: The rules on one block, in order; each may use what those before it found. These find what the block
    #: is about (its topic) and what it releases; the topic is the heading's entity unless one of them changes it.
    TOPIC_RULES = (release_verbs, family_versions, released_topic, developed_by, own_verb, release_date,
                   first_model_topic)
    #: Then, when the block has a topic, these say things about it.
    TOPIC_FACT_RULES = (head_urls, head_date, labelled_links, section_developer, description_agent, released_in, describe, lineage, base_of_list, versions, kinds_named, stages, paper_title,
                        model_size, training_data, training_cost, hosted, headquarters, date_verb, successor,
                        trained_on, training_sets, trains, paper_url, cited_by_surnames, people_at, founders_en, paper_from)
    #: And these, about the people it names, run on every block.
    PEOPLE_RULES = (established, former_roles, former_roles_en, students, founders, possessive_maker, cited_authors,
                    people_at_orgs, affiliations, person_made, places, citations, arrows, maker_in_brackets,
                    sizes_in_brackets, listed_uses)

    def parts(self, b: Block, mentions: list[Mention]) -> list[Mention]:
        """Names inside a longer name: "清华大学 KEG 实验室" is part of 清华大学; "Amazon SageMaker" is Amazon's."""
        kept: list[Mention] = []
        first_at: dict[tuple[int, int], Mention] = {}  # the first kept mention of each span
        for m in mentions:
            outer = first_at.get((m.start, m.end))
            if m.id not in self.entities and m.id in self.linker.records:
                r = self.linker.records[m.id]
                self.entities[m.id] = Entity(m.id, r.labels.get("en", m.id), self.linker.type_of(m.id), True, 0.9, b.line)
            if outer is None:
                kept.append(m)
                first_at[(m.start, m.end)] = m
            elif self.is_a(outer.id, "Organization"):
                self.fact(outer.id, "part_of", m.id, b, 0.7, "name-part")
            elif self.is_a(outer.id, "Service"):
                self.fact(outer.id, "offered_by", m.id, b, 0.7, "name-part")
            else:
                self.fact(outer.id, "developed_by", m.id, b, 0.7, "name-part")
        return kept

    @staticmethod
    def joined(text: str, agents: list[Mention]) -> list[Mention]:
        """The last agent and those joined to it by 与/和/、/and/& only (not modifiers like 徒弟-)."""
        if not agents:
            return []
        out = [agents[-1]]
        for a in reversed(agents[:-1]):
            between = text[a.end:out[0].start]
            if re.fullmatch(r"\s*(?:与|和|及|以及|联合|携手|、|,|，|&|and)\s*", between, re.I):
                out.insert(0, a)
            else:
                break
        return out

    # ------------------------------------------------------------ references and tables
    def reference(self, b: Block, source_key: str) -> None:
        if self.bibliography(b, source_key) and not b.links:
            return
        for text, url in b.links or []:
            rid = self.linker.link_url(url, prefer_source=True)
            if rid:
                self.entity(self.linker.records[rid].labels.get("en", text), b.line, url=url)
                e = self.entities.get(rid)
            else:
                t = self.type_from_url(url) or "Article"
                if t in ("Software", "LanguageModel", "Dataset", "Organization", "Company"):
                    t = "Repository" if "github.com" in url else "WebPage"
                key = self.entity(text, b.line, t, 0.85, url)
                e = self.entities.get(key)
                if e and not e.linked:
                    self.fact(key, "url", url, b, 0.9, "reference")
            if e is None:
                continue
            self.fact(source_key, "cites", e.key, b, 0.9, "reference")
            for m in self.linker.mentions(text, sources=False):
                if m.id != e.key:
                    self.entity(m.text, b.line)
                    self.fact(e.key, "about", m.id, b, 0.6, "reference-title")

    def paper_for(self, subject: str, title: str, url: str | None, b: Block, rule: str) -> str | None:
        """The paper that introduces a model or technique: known by its title or URL, else new, with the id
        ``paper-<the subject's id>`` (when the title is only a link, the subject's name is its label)."""
        if url and not title:  # the paper is named after what it introduces, but is another entity
            rid = self.linker.link_url(url)
            if rid:
                key = self.entity(self.linker.records[rid].labels.get("en", rid), b.line, url=url)
            else:
                label = self.entities[subject].label if subject in self.entities else subject
                label += "论文" if _lang(label) == "zh" else " paper"  # (not the name of what it introduces)
                key = ids.free_id(f"paper-{subject}", self._taken)
                self.entities[key] = Entity(key, label, "Paper", False, 0.8, b.line)
                self.keep_ids(key, url)
        else:
            key = self.entity(title, b.line, "Paper", 0.8, url, key_hint=f"paper-{subject}")
        if key and key != subject:
            e = self.entities.get(key)
            if url and e is not None and not e.linked:
                self.fact(key, "url", url, b, 0.85, rule)
            self.fact(subject, "introduced_in", key, b, 0.85, rule)
        return key

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

    # ------------------------------------------------------------ across blocks
    def publishers(self) -> None:
        """The paper that introduces a model or technique is published by its developers (organizations).

        >>> r = Extraction(parse_markdown("1.Foo：https://arxiv.org/abs/2101.00001\\n  备注：OpenAI 提出。"),
        ...                Linker(load_records(["data"]))).run()
        >>> [(f.subject, f.value) for f in r.facts if f.key == "publisher"]
        [('paper-foo', 'openai')]
        """
        dev: dict[str, list[Fact]] = {}
        people: dict[str, list[Fact]] = {}  # the people an item's brackets name as its makers wrote its paper
        for f in self.facts:  # (what a table row or a remark on a paper's line says, not a lab's section heading)
            if f.key == "developed_by" and isinstance(f.value, str) and self.is_a(f.value, "Organization") and \
                    (f.block.kind == "row" or f.rule in ("remark-agent", "description-agent", "developed-by", "own-verb",
                                                          "release-verb")):
                dev.setdefault(f.subject, []).append(f)
            elif f.key == "developed_by" and isinstance(f.value, str) and f.rule == "description-agent" and \
                    self.is_a(f.value, "Person"):
                people.setdefault(f.subject, []).append(f)
        for f in list(self.facts):
            if f.key == "introduced_in" and isinstance(f.value, str) and self.is_a(f.value, "Paper"):
                for d in people.get(f.subject, []):
                    self.fact(f.value, "authors", d.value, d.block, 0.6, "paper-authors")
        have = {(f.subject, f.value) for f in self.facts if f.key == "publisher"}
        for f in list(self.facts):
            if f.key == "introduced_in" and isinstance(f.value, str) and self.is_a(f.value, "Paper"):
                for d in dev.get(f.subject, []):
                    if (f.value, d.value) not in have:
                        have.add((f.value, d.value))
                        self.fact(f.value, "publisher", d.value, d.block, 0.65, "paper-publisher")

    def paper_names(self) -> None:
        """A paper titled "NAME: what it is" introduces NAME ("RT-1: Robotics Transformer for …"), typed by what the
        title says it is; the paper's publishers developed it.

        >>> r = Extraction(parse_markdown("1. [Wren-2: A Generalist Robot Policy](https://arxiv.org/abs/2401.00001) — Acme Labs, 2024"),
        ...                Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("introduced_in", "developed_by"))
        [('wren-2', 'developed_by', 'acme-labs'), ('wren-2', 'introduced_in', 'wren-2-a-generalist-robot-policy')]
        """
        about: dict[str, Fact] = {}
        publishers: dict[str, list[str]] = {}
        introduces: set[str] = set()
        for f in self.facts:
            target = f.value.get("id") if isinstance(f.value, dict) else f.value
            for k in (f.subject, target):
                if isinstance(k, str):
                    about.setdefault(k, f)
            if f.key == "publisher":
                publishers.setdefault(f.subject, []).append(f.value)
            if f.key == "introduced_in":
                introduces.add(target)
        for e in list(self.entities.values()):
            if not self.is_a(e.key, "Paper") or e.key in introduces or e.key not in about:
                continue
            key = self.paper_subject(e.key)
            if key is None:
                continue
            block = about[e.key].block
            self.fact(key, "introduced_in", e.key, block, 0.65, "paper-name")
            if self.is_a(key, "Model"):  # "GLaM: … Language Models with Mixture-of-Experts": what the model uses
                for term, _, _ in load_terms().find(e.label):
                    if term.type == "Technique" and term.id not in CUED_ONLY:
                        self.fact(key, "uses", self.term_entity(term, term.en, e.line), block, 0.6, "paper-name")
            for org in publishers.get(e.key, []):
                self.fact(key, self.maker_key(key), org, block, 0.6, "paper-name")

    def quantized_files(self) -> None:
        """A model named for a file format or a quantization ("Wren-7B-GGUF", "wren-7b-awq") uses it; on the Hub, the
        repository's owner made that file (the quantizer, not the lab of the base model).

        >>> r = Extraction(parse_markdown("- `bob/Wren-7B-GGUF` (quantized)"), Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.rule == "quantized-file")
        [('wren-7b-gguf', 'developed_by', 'bob'), ('wren-7b-gguf', 'uses', 'gguf')]
        """
        at_line = {b.line: b for b in reversed(self.doc.blocks)}  # (the first block of each line)
        for e in list(self.entities.values()):
            if e.linked or (e.type and not self.is_a(e.key, "Model")):
                continue
            m = QUANT_SUFFIX.search(e.label)
            term = load_terms().named(m.group("f")) if m else None
            if term is None:
                continue
            block = at_line.get(e.line) or next((f.block for f in self.facts if f.subject == e.key), None)
            if block is None:
                continue
            self.fact(e.key, "uses", self.term_entity(term, term.en, e.line), block, 0.6, "quantized-file")
            owner = e.ids.get("huggingface", "").split("/")[0]
            if owner:
                key = self.linker.link(owner) or self.entity(owner, e.line, "Organization", 0.55)
                if key and self.is_a(key, "Organization", "Person"):
                    self.fact(e.key, "developed_by", key, block, 0.6, "quantized-file")

    def sizes_of_models(self) -> None:
        """A model named with a size ("DeepSeek LLM 67B", "Qwen2-72B") is a version of the model the notes name
        without it, wherever in the notes each is named.

        >>> r = Extraction(parse_markdown("## Models\\n- Wren-70B：大模型\\n- Wren：模型家族"), Linker([])).run()
        >>> r.entities["wren-70b"].variant_of
        'wren'
        """
        first: dict[str, Block] = {}
        based: set[str] = set()  # what has a base already
        at_line = {b.line: b for b in reversed(self.doc.blocks)}
        for e in self.entities.values():  # (an entity no fact is about yet is where it was first named)
            if e.line in at_line:
                first[e.key] = at_line[e.line]
        for f in reversed(self.facts):
            first[f.subject] = f.block
            if f.key == "based_on":
                based.add(f.subject)
        for e in list(self.entities.values()):
            if e.linked or e.variant_of or (e.type and not self.is_a(e.key, "Model", "Software")):
                continue
            if re.search(r"(?<![A-Za-z])MoE(?![a-z])", e.label) and self.is_a(e.key, "Model") and e.key in first:
                moe = load_terms().named("MoE")  # "XVERSE-MoE-A36B" is a mixture of experts
                if moe is not None:
                    self.fact(e.key, "uses", self.term_entity(moe, moe.en, e.line), first[e.key], 0.6, "model-name")
            tuned = CHAT_SUFFIX.search(e.label)
            if tuned and e.key in first:  # "Qwen2-72B-Instruct" of Qwen2-72B, "DBRX Instruct" of DBRX Base
                stem = e.label[:tuned.start()].strip(" -_")
                base = next((k for k in (self.linker.link(stem + sep + "Base") or self._by_label.get(normalize(stem + sep + "Base"))
                                         for sep in ("-", " ")) if k), None) or \
                    self.linker.link(stem) or self._by_label.get(normalize(stem))
                if base and base != e.key and self.is_a(base, "Model") and e.key not in based:
                    self.fact(e.key, "based_on", {"id": base, "kind": "finetune"}, first[e.key], 0.6, "model-name")
                    continue
            numbered = VERSION_SUFFIX.search(e.label) if not size_suffix(e.label.strip()) else None
            if numbered and e.key in first and e.key not in based:  # "LLaVA-1.5" after LLaVA: its next version
                stem = e.label[:numbered.start()].strip(" -_")
                prev = self._by_label.get(normalize(stem)) if stem else None
                number = float(re.search(r"\d+(?:\.\d+)?", numbered.group()).group())
                kinds = (self.type_of(prev), self.type_of(e.key))
                same_kind = not all(kinds) or kinds[0] == kinds[1] or (self.is_a(prev, "Model") and self.is_a(e.key, "Model"))
                if prev and prev != e.key and number >= 1 and same_kind and \
                        (not self.type_of(prev) or self.is_a(prev, "Model", "Software")) and \
                        not self.entities[prev].linked:  # (not "v0.1", a first release)
                    self.fact(e.key, "successor_of", prev, first[e.key], 0.55, "model-name")
                    continue
            split = size_suffix(e.label.strip())
            stem = split[0].strip(" -_") if split else ""
            base = (self.linker.link(stem) or self._by_label.get(normalize(stem))) if stem else None
            if base and base != e.key and self.is_a(base, "Model", "ModelFamily"):
                e.variant_of = base

    def paper_subject(self, paper: str) -> str | None:
        """What a paper titled "NAME: what it is" introduces (typed by the title's words), or None."""
        e = self.entities.get(paper)
        m = PAPER_NAMED.match(e.label) if e else None
        words = re.findall(r"[\w\-]+", m.group("what"))[:10] if m else []
        kind = next((PAPER_HEADS[w.lower().rstrip("s")] for w in words if w.lower().rstrip("s") in PAPER_HEADS), None)
        if kind is None or GENERIC_HEADINGS.match(m.group("n")) or NOT_A_NAME.fullmatch(m.group("n")) or \
                len(m.group("n").split()) > 3 or re.search(r"(?:^|\s)[a-z]", m.group("n")):
            return None  # ("An Image is Worth 16x16 Words: …" opens with a phrase, not a name)
        self._index_words()
        stem = m.group("n").lower()
        if not self.linker.link(m.group("n")) and self._by_stem.get(stem, set()) - {paper}:
            return None  # "Orca: …" among Orca-LM and Orca-2: which of them it introduces is not said
        key = self.entity(m.group("n"), e.line, kind, 0.6)
        if not key or key == paper or self.is_a(key, "Paper", "Organization", "Person", "Source"):
            return None
        return key

    def series(self) -> None:
        """Models of one developer named STEM, STEM-2, STEM-3 ... follow one another in order of release."""
        dev = {f.subject: f.value for f in self.facts if f.key == "developed_by"}
        year = {f.subject: str(f.value)[:4] for f in self.facts if f.key == "released"}
        stems: dict[tuple[str, str], list[tuple[int, str, Fact]]] = {}
        for f in self.facts:
            if f.key != "released":
                continue
            e = self.entities.get(f.subject)
            if not e:
                continue
            m = re.match(r"^(?P<stem>[A-Za-z]+?)(?:[-\s]?(?P<n>\d{1,2}))?$", e.label.strip())
            if m and f.subject in dev:
                stems.setdefault((m.group("stem").lower(), str(dev[f.subject])), []).append(
                    (int(m.group("n") or 1), f.subject, f))
        first_release: dict[str, Fact] = {}
        for f in self.facts:
            if f.key == "released":
                first_release.setdefault(f.subject, f)
        for items in stems.values():
            items = sorted(set((n, s) for n, s, _ in items))
            for (n1, a), (n2, b) in zip(items, items[1:]):
                if n2 == n1 + 1 and year.get(a, "0") <= year.get(b, "9"):
                    fact = first_release[b]
                    self.fact(b, "successor_of", a, fact.block, 0.6, "series")


def rule_facts(text: str, rule: str, data: Iterable[str] = ()) -> list[tuple[str, str, Any]]:
    """(subject, key, value) of the facts that one rule finds in Markdown notes, linked to the records of ``data``.

    To try a rule out (each rule's docstring shows one).

    >>> rule_facts("- 2023年：Acme 发布了 Foo 模型。", "year-lead")
    [('foo', 'released', '2023')]
    """
    facts = Extraction(parse_markdown(text), Linker(load_records(data))).run().facts
    return [(f.subject, f.key, f.value) for f in facts if f.rule == rule]
