"""Cells and fields as the sources write them, read into record values; ``None`` for what is not usable.

One table per kind of knowledge: :data:`DATE_FORMATS` for dates, :func:`number` for
the ways numbers come (``1.75e+11``, ``70000000000.0``, ``"1,542"``).

>>> number("1.75e+11"), number("70000000000.0"), number("about 7B"), day("2023-13-45"), day("2020-05-28T17:29:03.000Z")
(175000000000, 70000000000, None, None, '2020-05-28')
"""
from __future__ import annotations

import datetime as dt
import email.utils
import math
import re

#: The shapes of a date the sources use, with the precision each keeps.
DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$"), "day"),   # 2023-07-18, 2020-05-28T17:29:03.000Z
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),                    # 2023-07
    (re.compile(r"^(\d{4})$"), "year"),                             # 2023
)


def day(text: str | None) -> str | None:
    """A date cell as a record's date text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or None if it is no real date.

    >>> day("2023-02"), day("Thu, 28 May 2020 17:29:03 GMT"), day("")
    ('2023-02', '2020-05-28', None)
    """
    text = (text or "").strip()
    if not text:
        return None
    for pattern, precision in DATE_FORMATS:
        m = pattern.match(text)
        if m:
            parts = [int(x) for x in m.groups()]
            try:
                dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            except ValueError:
                return None
            return "-".join(m.group(i) for i in range(1, len(parts) + 1))
    try:  # RFC 2822, as arXiv's versions[].created: "Thu, 28 May 2020 17:29:03 GMT"
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def number(text: str | float | int | None) -> int | None:
    """A count (parameters) as a whole number: plain, with thousands separators or in scientific notation.

    >>> number("1,542,000,000"), number(3.0), number("-5"), number("nan")
    (1542000000, 3, None, None)
    """
    value = real(text)
    return round(value) if value is not None and value > 0 else None


def real(text: str | float | int | None) -> float | None:
    """A non-negative finite number (compute in FLOP, a cost), or None.

    >>> real("3.14e+23"), real(""), real("1e400")
    (3.14e+23, None, None)
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        t = text.strip().replace(",", "").replace("_", "")
        if not re.fullmatch(r"[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", t):
            return None
        value = float(t)
    return value if math.isfinite(value) and value >= 0 else None


def first_bad_line(path) -> int:
    """The number of the first line of a file that is not UTF-8 (1 if the file cannot be read).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"; _ = p.write_bytes(b"ok\\n\\xff\\n")
    >>> first_bad_line(p)
    2
    """
    try:
        with open(path, "rb") as f:
            for n, raw in enumerate(f, 1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return n
    except OSError:
        pass
    return 1
