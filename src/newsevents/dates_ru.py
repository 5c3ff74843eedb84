"""Russian date expressions: found in text (DATE entities of the Russian parse) and put in the
English words the shared resolver (whenwhere.py) reads, so both languages resolve dates alike:
'в пятницу' -> 'Friday', '9 августа' -> 'August 9', 'в конце месяца' -> 'the end of the month'.
The words are data: data/ru/dates.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def words() -> dict:
    path = resources.files("newsevents").joinpath("data", "ru", "dates.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    w = words()
    weekdays = "|".join(sorted(w["weekdays"], key=len, reverse=True))
    months = "|".join(sorted(w["months"], key=len, reverse=True))
    relative = "|".join(sorted(w["relative"], key=len, reverse=True))
    edges = "|".join(sorted(w["edges"], key=len, reverse=True))
    periods = "|".join(sorted(w["periods"], key=len, reverse=True))
    which = "|".join(sorted(w["which"], key=len, reverse=True))
    year = r"(?:\s+(?:\d{4})(?:\s*(?:года|год|г\.))?)"
    return re.compile(
        rf"(?<![\w-])(?:"
        rf"(?:(?:{which})\s+)?(?:{weekdays})"  # в прошлую пятницу, в пятницу
        rf"|\d{{1,2}}\s+(?:{months}){year}?"  # 9 августа 2013 года
        rf"|(?:{months})(?:\s+(?:{which})\s+(?:года|год)|{year})?"  # в июне прошлого года, в августе 2013 года
        rf"|(?:{edges})\s+(?:(?:{which})\s+)?(?:{periods})"  # в конце месяца, в начале этой недели
        rf"|(?:{relative})"  # вчера, сегодня
        rf"|\d{{4}}-\d{{2}}-\d{{2}}"
        rf")(?![\w-])",
        re.IGNORECASE,
    )


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of Russian date expressions in `text`."""
    return [m.span() for m in _pattern().finditer(text)]


def to_english(text: str) -> str:
    """The English words of a Russian date expression, for the shared resolver."""
    w = words()
    out = []
    lowered = text.lower().replace("ё", "е")
    tokens = re.findall(r"\w+|\S", lowered)
    edge = next((w["edges"][e] for e in w["edges"] if e in lowered), None)
    if edge:
        period = next((w["periods"][p] for p in w["periods"] if re.search(rf"\b{p}\b", lowered)), "month")
        which = next((w["which"][x] for x in w["which"] if re.search(rf"\b{x}\b", lowered)), "the")
        return f"{edge} {which} {period}"
    for token in tokens:
        if token in w["weekdays"]:
            out.append(w["weekdays"][token])
        elif token in w["months"]:
            out.append(w["months"][token])
        elif token in w["which"]:
            out.insert(0, w["which"][token])
        elif token in w["relative"]:
            out.append(w["relative"][token])
        elif token.isdigit():
            out.append(token)
    # "9 August 2013" -> "August 9 2013": the order the English rules read
    if len(out) >= 2 and out[0].isdigit() and not out[1].isdigit():
        out[0], out[1] = out[1], out[0]
    return " ".join(out)


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    """Russian place names (dictionary form, lower case) -> the gazetteer's English names."""
    path = resources.files("newsevents").joinpath("data", "ru", "place_names.tsv")
    names = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            russian, english = line.split("\t")[:2]
            names[russian.strip().lower().replace("ё", "е")] = english.strip()
    return names


def place_name(lemma: str) -> str:
    """The gazetteer's name for a Russian place ("вашингтон" -> "Washington"); else the lemma."""
    return _place_names().get(lemma.lower().replace("ё", "е"), lemma.title())
