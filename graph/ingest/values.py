"""Values written in Chinese or English: parameter counts, amounts of data, money and dates.

Each reader takes time linear in its text: a number is a bounded run of digits
that never starts inside another, and a unit is one word after it.

>>> parameter_counts("62 亿参数"), parameter_counts("70亿到650亿参数"), parameter_counts("13B parameters")
([6200000000], [7000000000, 65000000000], [13000000000])
>>> data_amount("1T tokens"), data_amount("52K demonstrations"), data_amount("120万条")
({'value': 1000000000000, 'unit': 'tokens'}, {'value': 52000, 'unit': 'examples'}, {'value': 1200000, 'unit': 'records'})
>>> money("1200万美元"), money("$4.6 million")
({'amount': 12000000, 'currency': 'USD'}, {'amount': 4600000, 'currency': 'USD'})
>>> date("2023年2月"), date("Feb 2023"), date("September 2023"), date("2023-02"), date("2023")
('2023-02', '2023-02', '2023-09', '2023-02', '2023')
"""
from __future__ import annotations

import re

SCALE = {"亿": 10**8, "万": 10**4, "千": 10**3, "k": 10**3, "m": 10**6, "million": 10**6, "b": 10**9,
         "billion": 10**9, "t": 10**12, "trillion": 10**12, "": 1}
_DIGITS = r"(?<![\d.])(?<!\d,)\d[\d,]{0,20}(?:\.\d{1,6})?(?![\d,])"
_SCALE = r"(?:亿|万|千|million|billion|trillion|[kKmMbBtT](?![a-zA-Z]))"
_AMOUNT = r"(?P<n>" + _DIGITS + r")\s*(?P<u>" + _SCALE + r")?"
#: "70亿到650亿", "7B-65B", "7B/13B/70B": several sizes; then the word for parameters (or a size with B alone)
_PARAM_WORD = re.compile(r"\s*(?:个)?\s*(?:参数量?|parameters|params)", re.I)
_RANGE_SEP = re.compile(r"\s*(?:到|至|~|-|–|/|、|,|，|or|and|和)\s*", re.I)
_NUMBER = re.compile(_AMOUNT, re.I)
_SIZE_ALONE = re.compile(r"(?<![\w.])(?P<n>\d{1,4}(?:\.\d{1,3})?)\s*(?P<u>[BM])(?![\w])")
_DATA = re.compile(_AMOUNT + r"\s*(?P<what>tokens?|词元|标识符|(?:条|个)?(?:demonstrations|examples|samples|instructions|"
                   r"对话|样本|指令|示例)|条)", re.I)
_MONEY = re.compile(_AMOUNT + r"\s*(?P<c>美元|美金|USD|dollars|人民币|元|RMB|CNY)|\$\s*(?P<n2>" + _DIGITS +
                    r")\s*(?P<u2>million|billion|[MBK](?![a-z]))?", re.I)
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月|[-/.](?P<m2>\d{1,2})(?!\d)|年)?|"
                   r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
                   r"(?P<y2>(?:19|20)\d{2})\b")


def number(n: str, unit: str | None) -> int | float:
    """A number times its scale word, an int when whole.

    >>> number("0.2", "B"), number("1,750", "亿")
    (200000000, 175000000000)
    """
    v = float(n.replace(",", "")) * SCALE.get((unit or "").lower(), 1)
    return int(round(v)) if abs(v - round(v)) < 1e-6 else v


def parameter_counts(text: str) -> list[int]:
    """The parameter counts a text gives: before the word for parameters, one or several joined by 到/-/、/and.

    >>> parameter_counts("参数规模 7B/13B/70B 的模型"), parameter_counts("a 0.2B model"), parameter_counts("GLM-130B")
    ([7000000000, 13000000000, 70000000000], [200000000], [])
    """
    nums = list(_NUMBER.finditer(text))
    out: list[int] = []
    done = -1  # the numbers up to this one were read in a group already (each is read once)
    for i, m in enumerate(nums):
        if i <= done or (not m.group("u") and not _PARAM_WORD.match(text, m.end())):
            continue
        group = [m]
        j = i
        while j + 1 < len(nums) and _RANGE_SEP.fullmatch(text, nums[j].end(), nums[j + 1].start()):
            j += 1
            group.append(nums[j])
        done = j
        end = group[-1].end()
        sized = all(g.group("u") for g in group) and not re.match(r"[\w-]", text[m.start() - 1:m.start()])
        if _PARAM_WORD.match(text, end) or (sized and (re.match(r"[BM]$", group[-1].group("u")) or
                                                     re.search(r"参数|param", text[max(0, m.start() - 12):m.start()], re.I))):
            out.extend(int(number(g.group("n"), g.group("u"))) for g in group)
            break
    return sorted(set(out))


def data_amount(text: str) -> dict | None:
    """The first amount of data: tokens, examples (demonstrations, instructions, samples) or records (条)."""
    m = _DATA.search(text)
    if not m:
        return None
    what = m.group("what").lower()
    unit = "tokens" if re.match(r"token|词元|标识符", what) else "records" if what == "条" else "examples"
    return {"value": number(m.group("n"), m.group("u")), "unit": unit}


def money(text: str) -> dict | None:
    """The first amount of money, in USD or CNY."""
    m = _MONEY.search(text)
    if not m:
        return None
    if m.group("n"):
        currency = "CNY" if m.group("c").lower() in ("人民币", "元", "rmb", "cny") else "USD"
        return {"amount": number(m.group("n"), m.group("u")), "currency": currency}
    return {"amount": number(m.group("n2"), m.group("u2")), "currency": "USD"}


def date(text: str) -> str | None:
    """The first date: YYYY-MM when a month is given, else YYYY."""
    m = _DATE.search(text)
    if not m:
        return None
    if m.group("y2"):
        return f"{m.group('y2')}-{MONTHS[m.group('mon')[:3].lower()]:02d}"
    month = m.group("m") or m.group("m2")
    return f"{m.group('y')}-{int(month):02d}" if month and 1 <= int(month) <= 12 else m.group("y")


_DAY = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*|年\s*(?P<m2>\d{1,2})\s*月\s*)(?P<d>\d{1,2})(?!\d)|"
                  r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                  r"(?P<y2>(?:19|20)\d{2})\b|"
                  r"(?<!\d)(?P<d3>\d{1,2})\s+(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+(?P<y3>(?:19|20)\d{2})\b")


def day_date(text: str) -> str | None:
    """The first date to the day (YYYY-MM-DD) where the text gives a day, else as :func:`date` reads it.

    >>> day_date("27 June 2024"), day_date("Sep 27, 2023"), day_date("2024/06/27"), day_date("2023年9月5日")
    ('2024-06-27', '2023-09-27', '2024-06-27', '2023-09-05')
    >>> day_date("Feb 2024"), day_date("2024-13-40")
    ('2024-02', '2024')
    """
    m = _DAY.search(text)
    if m:
        y = m.group("y") or m.group("y2") or m.group("y3")
        mon = m.group("mon") or m.group("mon2")
        month = MONTHS[mon[:3].lower()] if mon else int(m.group("m") or m.group("m2"))
        day = int(m.group("d") or m.group("d2") or m.group("d3"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{y}-{month:02d}-{day:02d}"
    return date(text)
