"""Datelines: where and when a story was filed, and by whom, at the head of its first lines.

The shapes news pages print: 'MOSCOW (Reuters) -', 'WASHINGTON, Aug 9 --', 'KYIV, Ukraine (AP) —',
'Indianapolis –' (a place the gazetteer knows, in title case, before a spaced dash), '(Reuters) —',
'(CNN)', 'November 20, 2019 - 11:28 AMT PanARMENIAN.Net -'. A dateline is no part of the lead:

- its words act in nothing (the actors stage lists them as no actor: actors.py);
- the lead starts a sentence after it (`dateline_breaks`, a pipeline component before the parser),
  so that the parser does not make "Indianapolis" the subject of "teachers ... surrounded";
- its place is where the document's events happened when their sentences name none
  (`dateline_location`).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.records import Location

DATELINE_CHARS = 300  # datelines open an article: only its first lines are looked at
DATELINE_LINES = 3

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DASH = r"(?:--|—|–|-)"
# A place in capitals ('MOSCOW', 'ST. JOSEPH'), its region or country ('Iraq', 'S.C.'), a date
# ('Aug 9'), the agency ('(Reuters)'), then a dash. The old shape ended at the first '(', ',' or ':'
# after the place; it is kept for the place (group 1) and its qualifier (group 2).
_UPPER = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Z.'\- ]{{2,40}}?)(?:,\s*(?P<qualifier>[A-Z][A-Za-z.' ]{{1,30}}?))?"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*(?:\((?P<agency>[^()\n]{{1,30}})\))?\s*{_DASH}\s*")
_UPPER_SHORT = re.compile(
    r"^\s*([A-Z][A-Z.'\- ]{2,40}?)(?:,\s*([A-Z][A-Za-z.' ]{1,30}?))?\s*(?:\(|,|--|—|–|-|:)")
# A place in title case ('Indianapolis', 'New York') only before a spaced dash, and only where the
# gazetteer knows it: "Pelosi – a Democrat – said" opens no dateline.
_TITLE = re.compile(
    rf"^\s*(?P<place>[A-Z][a-z]+(?:\.?\s[A-Z][a-z]+){{0,2}})(?:,\s*(?P<qualifier>[A-Z][A-Za-z.' ]{{1,30}}?))?"
    rf"(?:\s*\((?P<agency>[^()\n]{{1,30}})\))?\s+(?:--|—|–|-)\s+")
# An agency alone: '(Reuters) — ', '(CNN) '.
_AGENCY = re.compile(rf"^\s*\((?P<agency>[A-Z][A-Za-z .&]{{0,20}}[A-Za-z.])\)\s*(?:{_DASH}\s*)?(?=[A-Z“\"'])")
# A date, perhaps a time and the site's name, then a dash: 'November 20, 2019 - 11:28 AMT PanARMENIAN.Net - '.
_DATED = re.compile(
    rf"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
    rf"(?:\s*[-–—|,]?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{{2,5}})?)?"
    rf"(?:\s*[-–—|]?\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,2}}(?=\s*{_DASH}))?\s*{_DASH}\s*")


class Dateline(NamedTuple):
    start: int
    end: int  # where the lead starts, when `lead`; else the end of the place
    place: str | None  # None for an agency or a date alone
    qualifier: str | None
    lead: bool = True


def dateline_match(line: str) -> Dateline | None:
    """The dateline opening `line`, or None."""
    match = _UPPER.match(line)
    if match and _upper(match.group("place")):
        return Dateline(match.start("place"), match.end(), match.group("place").strip(), match.group("qualifier"))
    short = _UPPER_SHORT.match(line)  # 'MOSCOW, Aug. 9 (Reuters)' with no dash: the place alone
    if short and _upper(short.group(1)):
        return Dateline(short.start(1), short.end(), short.group(1).strip(), short.group(2), lead=False)
    match = _TITLE.match(line)
    if match and _known_place(match.group("place")):
        return Dateline(match.start("place"), match.end(), match.group("place").strip(), match.group("qualifier"))
    for pattern in (_AGENCY, _DATED):
        match = pattern.match(line)
        if match:
            return Dateline(len(line) - len(line.lstrip()), match.end(), None, None)
    return None


def _upper(place: str) -> bool:
    place = place.strip()
    return place.upper() == place and any(c.isalpha() for c in place)


def _known_place(name: str) -> bool:
    from newsevents.whenwhere import gazetteer  # loaded on first need: it takes seconds

    return gazetteer().lookup(name) is not None


def dateline_spans(text: str, lines: int = DATELINE_LINES, leads: bool = False) -> list[tuple[int, int]]:
    """Character spans of the datelines that open one of the first lines of a text (the dash and
    the space after it included): the place there says where the story was filed, not who acts.
    With `leads`, only those whose end is where the lead starts."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True)[:lines]:
        found = dateline_match(line)
        if found is not None and (found.lead or not leads):
            spans.append((offset + found.start, offset + found.end))
        offset += len(line)
    return spans


def dateline_location(doc: Doc) -> Location | None:
    """The place of a dateline ('MOSCOW (Reuters) - ...', 'WASHINGTON, Aug 9 --', 'Indianapolis –')
    opening one of the first lines of the article."""
    from newsevents.whenwhere import gazetteer

    for line in doc.text.lstrip().splitlines()[:DATELINE_LINES]:
        found = dateline_match(line)
        if found is None or found.place is None:
            continue
        name = found.place.title() if found.place.isupper() else found.place
        place = gazetteer().lookup(name, doc_countries=_country_of(found.qualifier or ""))
        if place is not None:
            return place
    return None


def _country_of(name: str) -> tuple[str, ...]:
    """ISO3 code of a dateline qualifier ('BAGHDAD, Iraq'), if it names a country or US state."""
    from newsevents.whenwhere import gazetteer

    place = gazetteer().lookup(name) if name and not any(c.isdigit() for c in name) else None
    return (place.country,) if place is not None and place.country else ()


@Language.component("dateline_breaks")
def dateline_breaks(doc: Doc) -> Doc:
    """The lead after a dateline starts a sentence ("Indianapolis – Several thousand teachers ..."):
    set before the parser, which keeps these starts."""
    for _, end in dateline_spans(doc.text[:DATELINE_CHARS], leads=True):
        following = next((t for t in doc if t.idx >= end and not t.is_space), None)
        if following is not None and following.i > 0:
            following.is_sent_start = True
    return doc
