"""The patterns and small helpers that the rules of :mod:`graph.ingest.extract` share.
"""
from __future__ import annotations

import re
from functools import lru_cache

from graph.ingest import values

GENERIC_HEADINGS = re.compile(
    r"^(参考文献|参考资料|参考|references?|bibliography|sources|further reading|相关|其他|概述|简介|介绍|总结|"
    r"overview|introduction|summary|conclusion|todo|目录|contents|若干生态技术|相关其他服务|ai执行逻辑|背景|background|"
    r"others?|misc(?:ellaneous)?|其它|更多|more|news|新闻|动态|upcoming|coming soon|(?:this|last|next) (?:week|month|year)|本周|上周|本月|上月|"
    r"(?:the\s+)?(?:open[- ]source\s+)?community|开源社区|社区|timeline|时间线|notes?|笔记|faq|changelog|更新日志|"
    r"remarks?|comments?|备注|说明|not evaluated yet|to do|待办|待补充|待更新|arxiv|github|gitlab|aclanthology|openreview|"
    r"papers with code|links?|链接|other links|also (?:this|last|next) (?:week|month)|"
    r"(?:issue|volume|vol\.|no\.|edition|episode|newsletter|week)\s*#?\d{1,4}(?:\s*[(（][^()（）]{0,40}[)）])?|第\s*\d{1,4}\s*期)$",
    re.I)


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


#: The words a Chinese organization's name ends with
ORG_SUFFIX_ZH = r"(?:公司|集团|科技|智能|实验室|研究院|研究所|研究中心|大学|学院|分校|中心)"


YEAR_LEAD = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*(?:年)?(?:[-/.](?P<m>\d{1,2}))?\s*[：:，,\s]")


MONTHS = values.MONTHS


UNITS = {"亿": 10**8, "万": 10**4, "千": 10**3, "k": 10**3, "m": 10**6, "million": 10**6, "b": 10**9,
         "billion": 10**9, "t": 10**12, "trillion": 10**12}


#: The digits of a number: a whole run of digits and commas, of at most 41 characters, never begun inside
#: a longer one (or after "1,"); a longer run is no number.
DIGITS = r"(?<!\d)(?<!\d,)\d[\d,]{0,40}(?![\d,])"


NUM = r"(?P<n>" + DIGITS + r"(?:\.\d+)?)\s*(?P<u>亿|万|千|[kKmMbBtT](?![a-zA-Z])|million|billion|trillion)?"


PARAMS = re.compile(NUM + r"\s*(?:个)?\s*(?:参数|parameters|params)", re.I)


HEADING_NUMBER = re.compile(r"^\s*(?:[\d.]+|[一二三四五六七八九十]+[、.]|\(\d+\)|[A-Z][.)])\s*")


#: "月之暗面成立于2023年3月", "星河于 2021 年创立": an organization and when it was founded
ESTABLISHED_ZH = re.compile(r"(?:^|(?<=[，。；：、\s]))(?P<n>[\u4e00-\u9fff]{2,8}?|[A-Za-z][\w.&\- ]{1,30}?)\s*(?:于\s*)?"
                            r"(?:(?:成立|创立|创办|诞生)于\s*(?P<y>(?:19|20)\d{2})\s*年(?:\s*(?P<m>\d{1,2})\s*月)?|"
                            r"(?P<y2>(?:19|20)\d{2})\s*年(?:\s*(?P<m2>\d{1,2})\s*月)?\s*(?:成立|创立|创办))")


#: a heading that opens with a date: "2024-04-18 — Llama 3", "Sep 27, 2023: Mistral 7B", "2023/12/11 · Mixtral 8x7B"
#: the ways notes write a date with its month: "2024-04-18", "2023/12", "2023年2月", "Sep 27, 2023", "27 June 2024"
DATE_FORMS = (r"(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
              r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{2}|"
              r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d{2}")


#: a paragraph that is a list of references: "[1] A. Author, …"
REFERENCE_RUN = re.compile(r"\s*\[1?\d{1,3}\]\s+[A-Z]")


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


#: "**Name** …" in an item's Markdown: its head is the bold name
BOLD_LEAD = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])?\s*(?:\*\*|__)(?P<name>[^*_\n]{1,80}?)(?:\*\*|__)")


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


BARE_URL = re.compile(r"https?://[^\s<>()（）\[\]，。；]{1,500}")


#: Titles that read as papers
PAPER_LIKE = re.compile(r"technical report|技术报告|^towards\b|is all you need|^[^:：]{2,60}[:：]\s*(?:an?|the)\s.{0,80}\b(?:for|with|via|of)\b",
                        re.I)


#: "备注：…", "Note: …": a remark on the line before
DESCRIPTION = re.compile(r"^\s*(?:简介|介绍|说明|描述|description|备注|附注|点评|notes?|remarks?|comments?)\s*[：:]", re.I)


#: words that open a clause before a verb but name no one ("同期开源的…")
ADVERBS = re.compile(r"同期|同时|随后|后来|之后|最近|最新|最早|首次|首个|率先|官方|正式|完全|全部|已经|同样|一起|共同|联合|主要|目前|现已|今年|去年")


#: a size right after a model's name: "-7B", " 13B", "-1.5b" (not "-7Bx")
SIZED = re.compile(r"[-\s]?\d{1,4}(?:\.\d{1,2})?[BbMmTt](?![A-Za-z0-9_.])")


REMARK = re.compile(r"^\s*(?:备注|附注|注|点评|评论|note|notes|remark|comment)\s*[：:]\s*", re.I)


#: The words of an organization's name
ORG_NAME = re.compile(r"(?:公司|集团|科技|智能|实验室|研究院|大学|学院|\b(?:AI|Inc|Labs?|Research|University|Institute|Corp|Ltd|"
                      r"Capital|Ventures|Partners|Foundation|Technologies|Systems|Academy|LLC|GmbH)\b)\.?$")


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


NOT_ORGS_ZH = frozenset({"人工智能", "通用人工智能", "人工智能实验室", "智能", "科技", "大学", "人工智能研究院"})


#: "Tarn Labs", "Quarry Research", "Helix University", "University of Zed": a capitalised name that ends (or begins)
#: with a word for an organization
ORG_NAME_EN = re.compile(r"(?<![\w.\-])(?P<n>(?:[A-Z][\w&\-]*(?:\.[A-Z]\w*)?\s){1,3}(?:AI|Labs?|Research|University|Institute|"
                         r"Inc\.|Corp\.|Ltd\.|Capital|Ventures|Partners|Foundation|Technologies|Academy)|"
                         r"University\s+of\s+[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,2})(?![\w\-])(?!\s[A-Z])")


#: how the names of a list ("Stanford and Google", "NVIDIA, Caltech & MIT") are joined
NAME_JOINS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|、|，|/|与|和)\s*(?:the\s+)?")


#: A capitalised name of up to five words (digits and dots allowed: "Falcon-40B", "Llama 2", "GPT-3.5")
_NAME = r"[A-Z][\w.\-]*(?:\s(?:[A-Z0-9][\w.\-]*|x\d+[A-Za-z]?)){0,5}?"


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


#: "The Technology Innovation Institute (TII) is a research centre …": a sentence's subject and what it is
SENTENCE_IS_A = re.compile(r"(?:The\s+)?(?P<n>" + _NAME + r")(?:\s*[（(](?P<alias>[A-Z][\w.\-]{1,15})[)）])?\s+(?:is|was)\s+"
                           r"(?:an?|the)\s+(?:[\w\-]+\s+){0,6}?" + _KIND + r"\b")


#: where an English sentence ends
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]%\"'])[.!?](?=\s+[A-Z(\"])")


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


#: one person's name in a list of founders ("Timothée Lacroix", "Dario Amodei")
PERSON_NAME = re.compile(r"[A-Z][a-zà-öø-ÿ'\-]+(?:\s(?:de|van|von|der|da|di|le|la)?\s?[A-Z][a-zà-öø-ÿ'\-]+){1,2}")


#: techniques so general that a mention is no use of them unless the text says so ("a Transformer", "an RL setup")
CUED_ONLY = frozenset({"transformer", "glm"})


#: two bold names that open a list item: "**Wren 9B** and **Wren 27B** — …"
CO_HEADS = re.compile(r"\s*(?:[-*+]|\d+[.)])?\s*\*\*(?P<a>[^*\n]{1,60})\*\*\s*(?:and|&|,|、|和|与)\s*\*\*(?P<b>[^*\n]{1,60})\*\*")


#: "Black Forest Labs released FLUX.1", "This week, Moonshot AI launched Kimi k1.5": a new maker releasing a named thing
RELEASER_EN = re.compile(r"(?<![\w-])(?P<n>[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3})\s+(?:has\s+|have\s+|also\s+|quietly\s+)?"
                         r"(?:released|launched|unveiled|announced|open-sourced|introduced|shipped|debuted|rolled out)\s+"
                         r"(?:its\s+|their\s+|the\s+|an?\s+)?(?:[a-z][\w\-]*\s+){0,3}?(?=[A-Z0-9])")


#: a link text that is a citation: "Sanh et al.", "Ivison et al., 2023"
CITATION_TEXT = re.compile(r"(?P<a>[A-Z][A-Za-zà-öø-ÿ'\-]+)\s+et\s+al\.?(?:,?\s*(?P<y>(?:19|20)\d{2}))?")


#: "Llama 3.2 Vision (11B and 90B)", "Qwen2（0.5B、7B、72B）": the sizes a model comes in, in brackets after its name
#: a model's size as a name gives it: "7B", "2.6B", "46.7 B"
SIZE = r"\d{1,4}(?:\.\d{1,2})?\s?[BMT]"


SIZES_AFTER = re.compile(r"\s*[（(](?P<sizes>" + SIZE + r"(?:\s*(?:,|，|、|/|and|or|和|与)\s*" + SIZE + r")+)"
                         r"(?:\s*(?:sizes?|versions?|规模|版本|参数))?[)）]")


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
