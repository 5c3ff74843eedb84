"""Parse stage for Russian: natasha 1.6 (razdel segmentation, slovnet morphology, UD syntax and NER
over the news embeddings shipped in its wheel; nothing downloads) -> a spaCy Doc the actor and event
stages read like an English one.

The English coder reads ClearNLP-style labels; the UD parse is turned into them here, so that the
coder's mechanisms serve both languages unchanged:
  obj -> dobj, iobj -> dative, nsubj:pass -> nsubjpass, aux:pass -> auxpass, csubj:pass -> csubjpass,
  acl:relcl -> relcl, flat:name -> flat, 'не' (advmod, Polarity=Neg) -> neg, root -> ROOT;
  a noun with a preposition (obl/nmod + case: "встретились с госсекретарем") -> the preposition is
  the head, dep prep, and the noun its pobj, as in English "met with the secretary".
A genitive after its noun stays nmod ("министр обороны России"): the actor stage reads it as "of".
Lemmas come from the morphology (pymorphy2's analysis chosen as natasha's MorphVocab chooses it:
`Lemmatizer`); `norm` is the lemma in lower case with ё as е, which the Russian actor tables are
matched on (inflected forms match).
Entities: PER -> PERSON, LOC -> GPE, ORG -> ORG; dates found by `dates_ru` -> DATE.
Text between tokens is kept exactly (blank lines become whitespace tokens), so the Doc's text is
the document's clean text and spans are offsets into it; a blank line starts a sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc
from spacy.vocab import Vocab

_LABELS = {"obj": "dobj", "iobj": "dative", "nsubj:pass": "nsubjpass", "aux:pass": "auxpass",
           "csubj:pass": "csubjpass", "acl:relcl": "relcl", "flat:name": "flat", "flat:foreign": "flat",
           "nummod:gov": "nummod", "nummod:entity": "nummod", "obl:agent": "obl", "obl:tmod": "obl",
           "root": "ROOT"}
_PREP_DEPS = {"obl", "nmod", "obl:agent", "obl:tmod"}
# Forms of "свой" (one's own): a possessive as English "its"/"their".
_OWN = {"свой", "своя", "свое", "своё", "свои", "своего", "своей", "своих", "своему", "своим", "своими",
        "своем", "своём", "свою"}
_BRACKETS = "{}[]«»\"'"
_ENT_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_POS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE"}


class RussianParser:
    """Callable like a spaCy pipeline: `parser(text)` -> Doc; `pipe(texts)`; `vocab`; `make_doc`."""

    lang = "ru"

    def __init__(self):
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph = NewsMorphTagger(embedding)
        self.syntax = NewsSyntaxParser(embedding)
        self.ner = NewsNERTagger(embedding)
        self.lemmatizer = Lemmatizer()
        import spacy

        self.vocab: Vocab = spacy.blank("ru").vocab
        self._lemma = lru_cache(maxsize=200_000)(self._lemma_uncached)
        # a word with natasha's POS and features -> what the Doc takes of it (_token_uncached)
        self._token = lru_cache(maxsize=200_000)(self._token_uncached)

    # the actor coder builds its phrase matcher through this: phrases get lemmas as text does
    def __call__(self, text: str) -> Doc:
        return self.parse(text)

    def make_doc(self, text: str) -> Doc:
        return self.parse(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        for text in texts:
            yield self.parse(text)

    def phrases(self, phrases: list[str]) -> list[Doc]:
        """Short phrases (the actor tables) as Docs with lemmas and norms only: one batch through
        the morphology, no syntax or entities (1,500 phrases in about a second)."""
        token_lists = [[t.text for t in self.segmenter.tokenize(p)] for p in phrases]
        morphs = list(self.morph.map([t or ["_"] for t in token_lists]))
        docs = []
        for words, morph in zip(token_lists, morphs):
            doc = Doc(self.vocab, words=words or [""], spaces=[True] * (len(words) - 1) + [False] if words else [False])
            for token, m in zip(doc, morph.tokens):
                upos = m.pos if m.pos in _POS else "X"
                lemma = self._lemma(token.text, upos, tuple(sorted((m.feats or {}).items())))
                token.lemma_ = lemma
                token.norm_ = lemma.lower().replace("ё", "е")
            docs.append(doc)
        return docs

    def _lemma_uncached(self, word: str, pos: str, feats: tuple) -> str:
        if pos in ("PUNCT", "NUM", "SYM") or not any(c.isalpha() for c in word):
            return word
        try:
            return self.lemmatizer.lemmatize(word, pos, dict(feats))
        except Exception:  # pymorphy knows no such form: the word itself
            return word.lower()

    def _token_uncached(self, word: str, pos: str, feats: tuple) -> tuple[str, str, str, str]:
        """A token's UPOS, lemma, norm and morphology string from its word and natasha's POS and
        features, worked out once per distinct (word, POS, features) and not once per token."""
        upos = pos if pos in _POS else "X"
        feat_items = tuple(sorted(_finite_reflexive(word, dict(feats)).items()))
        lemma = self._lemma(word, upos, feat_items)
        return upos, lemma, lemma.lower().replace("ё", "е"), "|".join(f"{k}={v}" for k, v in feat_items)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence bounds: razdel's sentences within paragraphs (a blank line always ends one)."""
        bounds = []
        start = 0
        for match in list(_PARAGRAPH.finditer(text)) + [None]:
            end = match.start() if match else len(text)
            paragraph = text[start:end]
            for sent in self.segmenter.sentenize(paragraph):
                if sent.text.strip():
                    bounds.append((start + sent.start, start + sent.stop))
            start = match.end() if match else len(text)
        return bounds

    def parse(self, text: str) -> Doc:
        sents = self.sentences(text)
        token_lists = [[piece for t in self.segmenter.tokenize(text[s:e])
                        for piece in _split_brackets(s + t.start, t.text)] for s, e in sents]
        token_lists = [t for t in token_lists if t]
        chunk = [[t[2] for t in tokens] for tokens in token_lists]
        morphs = list(self.morph.map(chunk)) if chunk else []
        syntaxes = list(self.syntax.map(chunk)) if chunk else []
        return self._build(text, token_lists, morphs, syntaxes, self._entities(text))

    def _entities(self, text: str) -> list[tuple[int, int, str]]:
        if not text.strip():
            return []
        spans = [(s.start, s.stop, _ENT_LABELS.get(s.type, s.type)) for s in self.ner(text).spans]
        from newsevents.dates_ru import date_spans

        return spans + [(s, e, "DATE") for s, e in date_spans(text)]

    def _build(self, text, token_lists, morphs, syntaxes, entities) -> Doc:
        words, spaces, heads, deps, lemmas, norms, pos, tags, feats, starts = [], [], [], [], [], [], [], [], [], []
        offsets: list[tuple[int, int]] = []
        position = 0

        def gap(upto: int) -> None:
            between = text[position:upto]
            if not between:
                return
            if between == " " and words:
                spaces[-1] = True
                return
            if words and between.startswith(" ") and not spaces[-1]:
                spaces[-1] = True
                between = between[1:]
            words.append(between)
            spaces.append(False)
            heads.append(len(words) - 2 if len(words) > 1 else 0)  # fixed below
            deps.append("dep")
            lemmas.append(between)
            norms.append(between)
            pos.append("SPACE")
            tags.append("_SP")
            feats.append("")
            starts.append(None)
            offsets.append((upto - len(between), upto))

        for tokens, morph, syntax in zip(token_lists, morphs, syntaxes):
            gap(tokens[0][0])
            base = len(words)
            ids = {t.id: base + n for n, t in enumerate(syntax.tokens)}
            sent_heads, sent_deps = [], []
            for n, ((start, stop, word), m, s) in enumerate(zip(tokens, morph.tokens, syntax.tokens)):
                if n:
                    gap(start)  # a line break inside a sentence is kept as whitespace
                index = len(words)
                words.append(word)
                spaces.append(False)
                feat_key = tuple(m.feats.items()) if m.feats else ()
                upos, lemma, norm, feat_string = self._token(word, m.pos, feat_key)
                lemmas.append(lemma)
                norms.append(norm)
                pos.append(upos)
                tags.append(upos)
                feats.append(feat_string)
                starts.append(n == 0)
                offsets.append((start, stop))
                heads.append(ids.get(s.head_id, index))
                deps.append(s.rel)
                sent_heads.append(index)
                position = stop
            # the dependencies of this sentence, converted
            self._convert(sent_heads, heads, deps, words, pos, feats, lemmas)
            position = tokens[-1][1]
        gap(len(text))
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        # whitespace hangs on the token before it (the one after, at the very start), in its sentence
        sent_starts = [bool(s) for s in starts]
        for i in range(len(words)):
            if pos[i] != "SPACE":
                continue
            j = i - 1
            while j >= 0 and pos[j] == "SPACE":
                j -= 1
            if j >= 0:
                heads[i] = j
            else:
                heads[i], deps[i], sent_starts[i] = i, "ROOT", True  # leading whitespace: its own piece
        doc = Doc(self.vocab, words=words, spaces=spaces, heads=heads, deps=deps, lemmas=lemmas,
                  pos=pos, tags=tags, morphs=feats, sent_starts=sent_starts)
        for token, norm in zip(doc, norms):
            token.norm_ = norm
        doc.ents = _entity_spans(doc, entities)
        return doc

    @staticmethod
    def _convert(indices, heads, deps, words, pos, feats, lemmas=None) -> None:
        """UD -> the labels the coder reads (see the module's docstring), in place."""
        local = set(indices)
        finite = {i for i in indices if pos[i] in ("VERB", "AUX") and "VerbForm=Fin" in feats[i]}
        _break_cycles(indices, heads, deps, finite)
        for i in indices:
            rel = deps[i]
            if rel == "advmod" and words[i].lower() == "не":
                deps[i] = "neg"
            elif rel in _LABELS:
                deps[i] = _LABELS[rel]
        if lemmas is not None:
            _reported_parataxis(indices, heads, deps, words, lemmas)
            _object_repairs(indices, heads, deps, lemmas, pos, feats)
        subjects = {heads[i] for i in indices if deps[i] in ("nsubj", "nsubjpass", "csubj", "csubjpass")}
        passive = {heads[i] for i in indices if deps[i] in ("nsubjpass", "auxpass")} | {
            i for i in indices if "Voice=Pass" in feats[i] and "VerbForm=Part" in feats[i]}
        cased = {heads[i] for i in indices if deps[i] == "case"}
        for i in indices:
            if deps[i] == "ccomp" and i not in subjects and pos[i] in ("VERB", "ADJ", "AUX"):
                deps[i] = "xcomp"  # "заявила, что поддержит": the dropped subject is the speaker's
            elif deps[i] == "det" and words[i].lower() in _OWN:
                deps[i] = "poss"  # "своих граждан": as "its citizens"
            elif (deps[i] == "obl" and heads[i] in passive and i not in cased and pos[i] in ("NOUN", "PROPN")
                  and "Case=Ins" in feats[i]):
                deps[i] = "agent"  # "был арестован полицией": as "by the police"
        prep_deps = {_LABELS.get(r, r) for r in _PREP_DEPS}
        for i in indices:  # left to right: a noun's first preposition becomes its head
            if deps[i] != "case" or pos[i] != "ADP":
                continue
            noun = heads[i]
            if noun == i or noun not in local or deps[noun] not in prep_deps or heads[noun] == noun:
                continue  # already under a preposition, a root, or a nominal predicate
            heads[i], deps[i] = heads[noun], "prep"
            heads[noun], deps[noun] = i, "pobj"
        if lemmas is not None:
            _speaker_frame(indices, heads, deps, lemmas, pos)
            _control_nouns(indices, heads, deps, lemmas, pos, feats)
            _undergo(indices, heads, deps, lemmas, pos, feats)
            _reported_modal(indices, heads, deps, lemmas, pos, feats)
            _complex_preps(indices, heads, deps, lemmas, feats)
            _repair_arguments(indices, heads, deps, words, pos, feats, lemmas)
        _break_cycles(indices, heads, deps, finite)
        if lemmas is not None:
            _noun_root_subject(indices, heads, deps, pos, feats)


@lru_cache(maxsize=1)
def _words() -> dict:
    """data/ru/modality.json: the speech verbs and the control nouns the repairs below read."""
    import json
    from importlib import resources

    path = resources.files("newsevents").joinpath("data", "ru", "modality.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _word_set(key: str) -> frozenset:
    """A list of `_words()` as a set, built once and not again for each sentence."""
    return frozenset(_words().get(key, ()))


def _speaker_frame(indices, heads, deps, lemmas, pos) -> None:
    """A quote followed by its speaker ("«...», — заявил Лавров журналистам в Вашингтоне"): UD
    makes the quote the root and the speech verb its parataxis; the coder reads it as English
    "..., Lavrov told reporters in Washington": the speech verb is the root, the quote its ccomp
    (so the sentence's main clause is the speaker's, and a place on it sets a scene)."""
    speech = _word_set("speech_verbs")
    root = next((i for i in indices if heads[i] == i), None)
    if root is None:
        return
    local = set(indices)
    for i in indices:
        if not (heads[i] == root and i > root and pos[i] == "VERB" and lemmas[i].lower() in speech):
            continue
        subjects = [j for j in indices if heads[j] == i and deps[j] in ("nsubj", "nsubjpass")]
        root_subjects = [j for j in indices if heads[j] == root and deps[j] == "nsubj"]
        if not subjects and len(root_subjects) > 1 and root_subjects[-1] > i:
            # "ООН предоставит помощь ..., сообщила Всемирная продовольственная программа": natasha
            # hangs the speaker after the speech verb on the report as its second subject
            subjects = [root_subjects[-1]]
            heads[subjects[0]] = i
        if deps[i] == "parataxis" and subjects:
            pass
        elif deps[i] == "conj" and any(j > i for j in subjects) and i - 1 in local and lemmas[i - 1] in (",", "—") \
                and not any(heads[j] == i and deps[j] == "cc" for j in indices):
            # "X договорились ..., подтвердил представитель": a reporting clause with its subject
            # after the verb, which natasha coordinates with the report; a subject of the report
            # it hung on the speech verb goes back to the report
            for j in subjects:
                if j < i:
                    heads[j] = root
        else:
            continue
        heads[i], deps[i] = i, "ROOT"
        heads[root], deps[root] = i, "ccomp"
        return


def _reported_parataxis(indices, heads, deps, words, lemmas) -> None:
    """"объявил, что отменил забастовку": natasha may make the clause after "что" the speech verb's
    parataxis; it is its complement (ccomp), as English "announced that it had called off"."""
    speech = set(_words()["speech_verbs"])
    for i in indices:
        if deps[i] != "parataxis" or heads[i] == i or lemmas[heads[i]].lower() not in speech:
            continue
        if any(heads[m] == i and deps[m] == "mark" and words[m].lower() in ("что", "чтобы") for m in indices):
            deps[i] = "ccomp"


def _object_repairs(indices, heads, deps, lemmas, pos, feats) -> None:
    """Objects natasha labels otherwise, as the coder reads English objects:
      - a counted noun under the verb ("приняла тысячи беженцев": nummod) is its object;
      - a quantity in the genitive without a preposition ("предоставит 25 тыс. тонн помощи": obl)
        is its object, what it measures the genitive after it (patterns.object_heads);
      - the event noun in the dative of a verb of subjecting ("подвергла бомбардировке город",
        "подверг критике США"; data/ru/modality.json subject_to_verbs) is an object beside the
        one who undergoes it, so the noun codes the verb and the other object is its target;
      - the instrumental of a verb whose object is in that case ("делится опытом", "пригрозил
        санкциями"; modality.json instrumental_object_verbs) is its object."""
    subject_to = set(_words().get("subject_to_verbs", ()))
    instrumental = set(_words().get("instrumental_object_verbs", ()))
    children: dict[int, list[int]] = {}
    for j in indices:
        if heads[j] != j:
            children.setdefault(heads[j], []).append(j)

    def counted(i: int) -> bool:  # "25 тыс. тонн": a number on the noun or on its own genitive
        return any(deps[j] == "nummod" or (deps[j] == "nmod" and any(
            deps[k] == "nummod" for k in children.get(j, ()))) for j in children.get(i, ()))

    for i in indices:
        head = heads[i]
        if head == i or pos[head] not in ("VERB", "AUX") or pos[i] not in ("NOUN", "NUM"):
            continue
        has_object = any(deps[j] == "dobj" for j in children.get(head, ()) if j != i)
        cased = any(deps[j] == "case" for j in children.get(i, ()))
        if deps[i] == "nummod" and pos[i] == "NOUN" and not has_object and (
                "Case=Acc" in feats[i] or "Case=Nom" in feats[i]):
            deps[i] = "dobj"
        elif deps[i] == "obl" and not cased and not has_object and "Case=Gen" in feats[i] and counted(i):
            deps[i] = "dobj"
        elif (lemmas[head].lower() in subject_to and pos[i] == "NOUN" and "Case=Dat" in feats[i]
              and deps[i] in ("dative", "obl", "nmod") and not cased):
            deps[i] = "dobj"
        elif (lemmas[head].lower() in instrumental and pos[i] == "NOUN" and "Case=Ins" in feats[i]
              and deps[i] in ("obl", "nmod") and not cased and not has_object):
            deps[i] = "dobj"


def _control_nouns(indices, heads, deps, lemmas, pos, feats) -> None:
    """A noun of decision or intent with its agent in the genitive and an infinitive ("решение
    Москвы предоставить убежище Сноудену": Moscow's decision to give Snowden asylum): the
    infinitive is the noun's clause (acl) and the genitive its subject, as English "Moscow's
    decision to give"; a bare dative after the infinitive is its recipient. natasha often hangs
    such an infinitive elsewhere in the sentence."""
    nouns = _word_set("control_nouns")
    local = set(indices)
    for i in indices:
        if pos[i] != "VERB" or "VerbForm=Inf" not in feats[i] or i - 1 not in local:
            continue
        # the noun before the infinitive, over its genitive agent: "решения Москвы предоставить"
        agent = i - 1 if "Case=Gen" in feats[i - 1] and pos[i - 1] in ("PROPN", "NOUN") else None
        noun = i - 2 if agent is not None else i - 1
        if noun not in local or pos[noun] != "NOUN" or lemmas[noun].lower() not in nouns:
            continue
        if agent is not None and not (heads[agent] == noun and deps[agent] == "nmod"):
            continue
        # the noun hangs (through its preposition) under the infinitive: lift that branch to the
        # infinitive's old head before hanging the infinitive on the noun
        j = noun
        while heads[j] != j and heads[j] != i:
            j = heads[j]
        if heads[j] == i:
            if heads[i] == i:
                heads[j], deps[j] = j, "ROOT"
            else:
                heads[j] = heads[i]
        heads[i], deps[i] = noun, "acl"
        if agent is not None:
            heads[agent], deps[agent] = i, "nsubj"
        # "предоставить убежище в России Эдварду Сноудену": the bare dative before the clause's end
        for k in (k for k in indices if k > i):
            if pos[k] in ("PUNCT", "VERB"):
                break
            if (pos[k] in ("PROPN", "NOUN") and "Case=Dat" in feats[k] and deps[k] in ("nmod", "obl")
                    and not any(heads[c] == k and deps[c] == "case" for c in indices)):
                heads[k], deps[k] = i, "dative"
                break


def _undergo(indices, heads, deps, lemmas, pos, feats) -> None:
    """"X подвергся нападению Y" / "X подвергся обстрелу со стороны Y" (X was attacked / shelled
    by Y): read as a passive - the subject is the target (nsubjpass), the event noun the verb's
    object (its pattern's dobj gives the code), and the noun's genitive or its "со стороны"
    phrase the agent; data/ru/modality.json undergo_verbs."""
    verbs = _word_set("undergo_verbs")
    for v in indices:
        if lemmas[v].lower() not in verbs:
            continue
        noun = next((i for i in indices if heads[i] == v and i != v and pos[i] == "NOUN" and "Case=Dat" in feats[i]
                     and deps[i] not in ("prep", "pobj")), None)
        if noun is None:
            continue
        deps[noun] = "dobj"
        for i in indices:
            if heads[i] == v and deps[i] == "nsubj":
                deps[i] = "nsubjpass"
        agent = next((i for i in indices if heads[i] == noun and i > noun and deps[i] == "nmod"
                      and pos[i] in ("NOUN", "PROPN") and "Case=Gen" in feats[i]), None)
        if agent is None:  # "со стороны армии": the preposition's object
            side = next((i for i in indices if heads[i] in (noun, v) and deps[i] == "prep"
                         and any(heads[j] == i and lemmas[j].lower() == "сторона" for j in indices)), None)
            if side is not None:
                agent = next((j for j in indices if heads[j] == side and deps[j] == "pobj"), None)
        if agent is not None:
            heads[agent], deps[agent] = v, "agent"


def _reported_modal(indices, heads, deps, lemmas, pos, feats) -> None:
    """"заявила, что Мали должна провести выборы": UD makes "должна" the reported clause's head
    and the infinitive its xcomp; the coder reads English "said that Mali must hold elections",
    where the verb heads the clause and the modal is its aux (a reported must/should of another
    actor is a demand of it; data/ru/modality.json demand_aux)."""
    modals = _word_set("demand_aux")
    for m in indices:
        if deps[m] != "ccomp" or lemmas[m].lower() not in modals:
            continue
        verb = next((i for i in indices if heads[i] == m and deps[i] == "xcomp" and pos[i] == "VERB"
                     and "VerbForm=Inf" in feats[i]), None)
        if verb is None:
            continue
        for i in indices:
            if heads[i] == m and i != verb:
                heads[i] = verb
        heads[verb], deps[verb] = heads[m], "ccomp"
        heads[m], deps[m] = verb, "aux"


def _noun_root_subject(indices, heads, deps, pos, feats) -> None:
    """A clause whose object comes first ("Премьер-министру Сербии трибунал ООН предъявил
    обвинение"): natasha may make the subject noun the root and the finite verb after it its
    conj. With no subject of its own, the verb is the root and the noun (nominative, or an
    inanimate accusative that has the same form) its subject, as in "трибунал ООН предъявил"."""
    for r in indices:
        if heads[r] != r or pos[r] not in ("NOUN", "PROPN"):
            continue
        if not ("Case=Nom" in feats[r] or ("Case=Acc" in feats[r] and "Animacy=Inan" in feats[r])):
            continue
        verbs = [v for v in indices if v > r and heads[v] == r and deps[v] == "conj" and pos[v] == "VERB"
                 and "VerbForm=Fin" in feats[v]]
        if len(verbs) != 1:
            continue
        v = verbs[0]
        if any(heads[c] == v and deps[c] in ("nsubj", "nsubjpass") for c in indices):
            continue
        heads[v], deps[v] = v, "ROOT"
        heads[r], deps[r] = v, "nsubj"
        for c in indices:  # the sentence's punctuation and other clauses hang on the verb
            if c != v and heads[c] == r and deps[c] in ("punct", "conj", "parataxis", "cc") and c > v:
                heads[c] = v


def _complex_preps(indices, heads, deps, lemmas, feats) -> None:
    """"в адрес Израиля" (at Israel), "со стороны армии" (by the army): a preposition and a noun
    that together are one preposition; the genitive after the noun becomes the preposition's
    object (the noun its fixed part), so "угрозы в адрес Израиля" is aimed at Israel as "threats
    against Israel" is. data/ru/modality.json complex_prep_nouns."""
    nouns = _words().get("complex_prep_nouns", {})
    for n in indices:
        prep = heads[n]
        if deps[n] != "pobj" or prep == n or nouns.get(lemmas[n].lower()) != lemmas[prep].lower():
            continue
        genitive = next((i for i in indices if heads[i] == n and i > n and deps[i] == "nmod"
                         and "Case=Gen" in feats[i]), None)
        if genitive is None:
            continue
        heads[genitive], deps[genitive] = prep, "pobj"
        deps[n] = "fixed"
        # "выступил с угрозами в адрес Израиля": aimed by the verb, whose noun is "с"'s object
        noun = heads[prep]
        if deps[noun] == "pobj" and heads[noun] != noun and deps[heads[noun]] == "prep":
            heads[prep] = heads[heads[noun]]


def _repair_arguments(indices, heads, deps, words, pos, feats, lemmas) -> None:
    """Who did it to whom where natasha hangs an argument on the wrong word:
      - a subject after another finite verb without one ("..., в результате чего погибли 156
        человек") is that verb's, and an adjective hung across a verb on a later noun belongs to
        the noun right after it ("лагерь для конголезских беженцев подвергся ...");
      - a second subject in the accusative ("Движение «Хамас» обстреляло Израиль") is the object;
      - an infinitive right after a finite verb ("пригрозил ввести ограничения, в то время как
        лидеры пытались ...") is that verb's complement, not a later verb's;
      - an object before a comma ("потребовали вывода сил, назвав их ...") is not the object of
        a verb after the comma that has one of its own;
      - a "чтобы" clause with a subject of its own ("потребовали, чтобы США оказали ...") is
        what is demanded (ccomp), as English "demanded that the US ...";
      - the noun natasha hangs on a "как" phrase ("осудила как преступление подавление ...") is
        the verb's object;
      - an instrumental after an event noun ("подавление Сербией") is its doer (agent), as
        English "the suppression by Serbia"."""
    local = set(indices)

    def children(head: int, *labels: str) -> list[int]:
        return [i for i in indices if heads[i] == head and i != head and deps[i] in labels]

    def under(token: int, ancestor: int) -> bool:
        seen = set()
        while token not in seen and heads[token] != token:
            seen.add(token)
            token = heads[token]
            if token == ancestor:
                return True
        return False

    def has_case(token: int) -> bool:
        return any(heads[k] == token and deps[k] in ("case", "prep") for k in indices)

    finite = [i for i in indices if pos[i] in ("VERB", "AUX") and "VerbForm=Fin" in feats[i]]
    for s in indices:  # "подвергся нападению ..., в результате чего погибли 156 человек": of "погибли"
        v = heads[s]
        if deps[s] in ("nsubj", "nsubjpass") and v < s and pos[s] in ("NOUN", "PROPN", "NUM"):
            nearer = [u for u in finite if v < u < s and not children(u, "nsubj", "nsubjpass") and not under(u, s)]
            if nearer and not any(deps[k] == "punct" and words[k] in ("«", "»", '"') for k in range(nearer[-1], s)):
                heads[s], deps[s] = nearer[-1], "nsubj"
    for c in indices:  # a conjunct hangs on the first conjunct, before it ("Французские и египетские")
        h = heads[c]
        if deps[c] != "conj" or h <= c or pos[c] not in ("ADJ", "NOUN", "PROPN"):
            continue
        first = next((k for k in range(c - 1, max(indices[0], c - 4) - 1, -1)
                      if pos[k] == pos[c] and not under(k, c)), None)
        if first is not None and any(deps[k] == "cc" for k in range(first + 1, c)):
            heads[c] = first
    for c in indices:  # "..., к которым присоединятся итальянские суда": the subject of the verb between
        h = heads[c]
        if deps[c] != "conj" or h >= c or pos[c] not in ("NOUN", "PROPN") or "Case=Nom" not in feats[c]:
            continue
        nearer = [u for u in finite if h < u < c and not children(u, "nsubj", "nsubjpass") and not under(u, c)]
        if nearer:
            heads[c], deps[c] = nearer[-1], "nsubj"
    for a in indices:  # "лагерь для конголезских беженцев": an adjective belongs to the noun after it
        h = heads[a]
        if deps[a] != "amod" or h <= a + 1 or not any(i in finite for i in range(a + 1, h)):
            continue
        case = next((f for f in feats[a].split("|") if f.startswith("Case=")), None)
        verb = next(i for i in range(a + 1, h) if i in finite)
        nouns = [n for n in range(a + 1, verb) if pos[n] in ("NOUN", "PROPN") and not under(n, a)]
        noun = next((n for n in nouns if case is None or case in feats[n]), nouns[0] if nouns else None)
        if noun is not None:
            heads[a] = noun
    for n in indices:  # "В соответствии с планом размежевания Израиль эвакуирует": a nominative is no genitive
        if deps[n] != "nmod" or pos[n] != "PROPN" or "Case=Nom" not in feats[n] or heads[n] > n:
            continue
        verb = next((v for v in finite if v > n), None)
        if verb is not None and not children(verb, "nsubj", "nsubjpass") and not under(verb, n) \
                and not any(words[k] in (",", "«", "»", "—") for k in range(n + 1, verb)):
            heads[n], deps[n] = verb, "nsubj"
    for v in indices:  # ", в результате которых 20 человек были убиты": a relative clause, no clause of its own
        if deps[v] in ("conj", "parataxis") and pos[v] in ("VERB", "AUX") and any(
                lemmas[k].lower() == "который" and under(k, v) and k < v for k in indices):
            deps[v] = "relcl"
    for v in indices:
        subjects = children(v, "nsubj")
        if len(subjects) > 1 and any("Case=Nom" in feats[s] for s in subjects) and not children(v, "dobj"):
            for s in subjects:
                if "Case=Acc" in feats[s] and "Case=Nom" not in feats[s]:
                    deps[s] = "dobj"
                    break
    for i in indices:
        v = i - 1
        if (pos[i] == "VERB" and "VerbForm=Inf" in feats[i] and v in local and heads[i] > i and pos[v] == "VERB"
                and "VerbForm=Fin" in feats[v] and not under(v, i) and not children(v, "xcomp")):
            heads[i], deps[i] = v, "xcomp"
    for o in indices:
        h = heads[o]
        if deps[o] != "dobj" or h <= o or "," not in words[o + 1:h] or len(children(h, "dobj")) < 2:
            continue
        verb = next((v for v in range(o - 1, indices[0] - 1, -1)
                     if pos[v] == "VERB" and not children(v, "dobj") and not under(v, o)), None)
        if verb is not None:
            heads[o] = verb
    for c in indices:
        v = heads[c]
        if (deps[c] == "advcl" and v != c and children(c, "nsubj", "nsubjpass") and not children(v, "dobj", "ccomp")
                and any(lemmas[m].lower() == "чтобы" and (heads[m] == c or m + 1 == min(children(c, "nsubj", "nsubjpass")))
                        for m in indices)):
            deps[c] = "ccomp"
    for n in indices:
        if deps[n] != "obl" or not any(heads[c] == n and words[c].lower() == "как" for c in indices):
            continue
        v = heads[n]
        if children(v, "dobj"):
            continue
        obj = next((c for c in children(n, "nmod") if c > n and not has_case(c)
                    and ("Case=Acc" in feats[c] or "Case=Nom" in feats[c])), None)
        if obj is not None:
            heads[obj], deps[obj] = v, "dobj"
    for i in indices:
        h = heads[i]
        if (deps[i] == "nmod" and h < i and pos[h] == "NOUN" and pos[i] in ("NOUN", "PROPN") and "Case=Ins" in feats[i]
                and not has_case(i)):
            deps[i] = "agent"


def _finite_reflexive(word: str, feats: dict) -> dict:
    """A "short participle" in -ся/-сь is a tagging error: passive participles take no reflexive
    ending, so "охладились" is the finite past tense (a sentence with it has a finite verb)."""
    if feats.get("VerbForm") == "Part" and feats.get("Variant") == "Short" and word.lower().endswith(("ся", "сь")):
        feats = {k: v for k, v in feats.items() if k not in ("Variant", "Voice")}
        feats.update(VerbForm="Fin", Mood="Ind", Voice="Mid")
    return feats


def _split_brackets(start: int, word: str) -> list[tuple[int, int, str]]:
    """razdel leaves a bracket glued to a word ("{Совет"): it is a token of its own."""
    pieces = []
    while len(word) > 1 and word[0] in _BRACKETS:
        pieces.append((start, start + 1, word[0]))
        start, word = start + 1, word[1:]
    tail = []
    while len(word) > 1 and word[-1] in _BRACKETS:
        tail.insert(0, (start + len(word) - 1, start + len(word), word[-1]))
        word = word[:-1]
    return pieces + [(start, start + len(word), word)] + tail


def _break_cycles(indices, heads, deps, finite=()) -> None:
    """The parser's output is not always a tree: a token on a cycle hangs on the sentence's root
    (where the parse has none, its first finite verb)."""
    local = set(indices)
    roots = [i for i in indices if heads[i] == i]
    root = roots[0] if roots else next((i for i in indices if i in finite), indices[0])
    if not roots:
        heads[root], deps[root] = root, "ROOT"
    for other in roots[1:]:  # two roots are two coordinated clauses of one sentence
        heads[other], deps[other] = root, "conj"
    for i in indices:
        if heads[i] not in local:
            heads[i] = root
        seen = set()
        j = i
        while heads[j] != j and j not in seen:
            seen.add(j)
            j = heads[j]
        if heads[j] != j:  # came back to a token seen: a cycle through j
            heads[j] = root if root != j else j
            if root == j:
                deps[j] = "ROOT"


def _entity_spans(doc: Doc, entities) -> list:
    spans, taken = [], set()
    for start, end, label in sorted(entities, key=lambda e: (e[0], -(e[1] - e[0]))):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span) or any(t.is_space for t in span):
            continue
        taken.update(t.i for t in span)
        spans.append(span)
    return spans


class Lemmatizer:
    """natasha's lemmatization (MorphVocab.lemmatize: the lemma of the pymorphy2 analysis that best
    agrees with the tagger's POS and features) over pymorphy2's plain analyses: the same lemma, but
    the UD POS and features of each pymorphy2 tag are worked out once per tag, where natasha's
    MorphVocab works them out for every analysis of every new word (a word has several)."""

    def __init__(self):
        # natasha's own steps; pymorphy2's analyzer as natasha imports it (patched for Python 3.11)
        from natasha.morph.lemma import best_form, normal_word
        from natasha.morph.vocab import PymorphyAnalyzer, ud_feats, ud_pos

        self._best_form, self._normal_word = best_form, normal_word
        self._ud_feats, self._ud_pos = ud_feats, ud_pos
        self.analyzer = PymorphyAnalyzer(result_type=None)  # plain tuples: (word, tag, normal form, ...)
        self._grams: dict[object, tuple[str, dict]] = {}  # a pymorphy2 tag -> its UD POS and features
        self.forms = lru_cache(maxsize=10_000)(self._forms)  # as MorphVocab keeps its analyses

    def lemmatize(self, word: str, pos: str, feats: dict) -> str:
        word = self._normal_word(word)
        form = self._best_form(self.forms(word), pos, feats)
        return self._normal_word(form.normal) if form else word

    def _forms(self, word: str) -> list[_Form]:
        forms = []
        for parse in self.analyzer.parse(word):
            tag = parse[1]
            grams = self._grams.get(tag)
            if grams is None:
                grams = self._grams[tag] = (self._ud_pos(tag), dict(self._ud_feats(tag)))
            forms.append(_Form(*grams, parse[2]))
        return forms


class _Form(NamedTuple):
    """What natasha's best_form reads of an analysis (natasha's MorphForm has the same names)."""

    pos: str
    feats: dict
    normal: str


@lru_cache(maxsize=1)
def load_parser() -> RussianParser:
    """The Russian parser, loaded once per process (~2 s: embeddings and three models)."""
    return RussianParser()
