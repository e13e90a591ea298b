"""The theme dictionary: named themes defined by their words, which outlive a run (METHODS §5.1.7).

A comment goes to the dictionary theme whose words it uses most (ties: the first listed); comments using
none are clustered into discovered themes. The user's edits are dictionary edits, so they re-apply to a
re-run and to the next wave:

- ``rename`` / ``pin`` of a discovered theme: its label is kept among the dictionary's ``names``, with the theme's
  defining words; a later run gives it to the discovered theme sharing most of those words (at least half), so the
  theme keeps its comments and only its label changes. Of a dictionary theme: the entry is renamed;
- ``merge``: the merged themes joined under one label, each keeping its comments: discovered ones named with the
  label (a run joins the discovered themes named alike, and a dictionary theme of that label), dictionary ones
  merged into one entry of that label;
- ``split``: the theme's comments clustered in two (or more), each part a dictionary theme with its own words.

Saved as JSON (``save`` / ``load``); a bad file gets one sentence (``DictionaryError``), never a traceback.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from cj.issues import CjUsageError
from cj.text import fold
from cj.textprep import ENGLISH_STOP, SPANISH_STOP, _stemmer

BUILT_IN = Path(__file__).parent / "data" / "theme_dictionary.json"
FORMAT_KEY = "cj_theme_dictionary"
MAX_BYTES = 2_000_000
MAX_THEMES = 500
MAX_TERMS = 500
_WORDS = re.compile(r"[a-zñ]+")
STOP = SPANISH_STOP | ENGLISH_STOP


class DictionaryError(CjUsageError):
    """A theme dictionary, or an edit of one, that cannot be used: one sentence in English or Spanish."""


@dataclass
class Entry:
    id: str
    label: dict[str, str]
    terms: list[str]

    def name(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.label.get("es") or self.id


@dataclass
class Name:
    """A label the user gave a discovered theme, and that theme's defining words when it was given."""
    label: str
    words: list[str]


@dataclass
class Dictionary:
    entries: list[Entry] = field(default_factory=list)
    _index: dict[str, list[int]] | None = None
    names: list[Name] = field(default_factory=list)

    # ---- reading and writing -------------------------------------------------------------------------------
    @classmethod
    def built_in(cls) -> Dictionary:
        return cls.from_json(BUILT_IN.read_text(encoding="utf-8"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Dictionary:
        if len(text) > MAX_BYTES:
            raise DictionaryError("dictionary_too_large", mb=MAX_BYTES // 1_000_000)
        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError):
            raise DictionaryError("dictionary_not_json") from None
        if not isinstance(data, dict) or FORMAT_KEY not in data or not isinstance(data.get("themes"), list):
            raise DictionaryError("dictionary_not_cj")
        if len(data["themes"]) > MAX_THEMES:
            raise DictionaryError("dictionary_too_many", n=MAX_THEMES)
        entries = []
        for number, item in enumerate(data["themes"], start=1):
            terms = item.get("terms") if isinstance(item, dict) else None
            terms = [str(t)[:100] for t in terms[:MAX_TERMS] if str(t).strip()] if isinstance(terms, list) else []
            if not terms:
                raise DictionaryError("dictionary_no_terms", number=number)
            label = item.get("label")
            label = {"es": label, "en": label} if isinstance(label, str) else label
            if not isinstance(label, dict) or not any(isinstance(v, str) and v.strip() for v in label.values()):
                raise DictionaryError("dictionary_no_label", number=number)
            entries.append(Entry(str(item.get("id") or f"theme_{number}")[:100],
                                 {k: str(v)[:200] for k, v in label.items() if isinstance(v, str)}, terms))
        names = data.get("names", [])
        if not isinstance(names, list) or len(names) > MAX_THEMES:
            raise DictionaryError("dictionary_bad_names", n=MAX_THEMES)
        kept = []
        for item in names:
            label, words = (item.get("label"), item.get("words")) if isinstance(item, dict) else (None, None)
            words = [str(w)[:100] for w in words[:MAX_TERMS] if str(w).strip()] if isinstance(words, list) else []
            if not isinstance(label, str) or not label.strip() or not words:
                raise DictionaryError("dictionary_bad_names", n=MAX_THEMES)
            kept.append(Name(label.strip()[:200], words))
        return cls(entries, names=kept)

    def to_json(self) -> str:
        data = {FORMAT_KEY: 1, "themes": [{"id": e.id, "label": e.label, "terms": e.terms} for e in self.entries]}
        if self.names:
            data["names"] = [{"label": n.label, "words": n.words} for n in self.names]
        return json.dumps(data, ensure_ascii=False, indent=1)

    def save(self, path: Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Dictionary:
        return cls.from_json(Path(path).read_bytes())

    # ---- matching --------------------------------------------------------------------------------------------
    def index(self) -> dict[str, list[int]]:
        """Stem (or stem bigram) → the entries using it; each term stemmed in Spanish and in English."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for number, entry in enumerate(self.entries):
                for term in entry.terms:
                    for key in term_keys(term):
                        if number not in index.setdefault(key, []):
                            index[key].append(number)
            self._index = index
        return self._index

    def match(self, stems: list[str]) -> int:
        """The entry a comment's stems (with bigrams) point to, or −1: most hits, ties to the first listed."""
        index = self.index()
        hits: dict[int, int] = {}
        for stem in set(stems):
            for number in index.get(stem, ()):
                hits[number] = hits.get(number, 0) + 1
        if not hits:
            return -1
        return min(hits, key=lambda n: (-hits[n], n))

    def labels_for(self, themes_words: list[list[str]]) -> dict[int, str]:
        """The user's labels of discovered themes: for each kept name, the theme (by position in
        ``themes_words``) sharing the most of its words, when that is at least half of them; one name a theme."""
        given: dict[int, str] = {}
        for name in self.names:
            wanted = set(name.words)
            shared = [(len(wanted & set(words)), -i) for i, words in enumerate(themes_words) if i not in given]
            if shared and 2 * max(shared)[0] >= len(wanted):
                given[-max(shared)[1]] = name.label
        return given

    # ---- edits -----------------------------------------------------------------------------------------------
    def name(self, label: str, words: list[str]) -> Dictionary:
        """Keep ``label`` for the discovered theme of these defining words (replacing a name given to them)."""
        if not label.strip() or not words:
            raise DictionaryError("dictionary_no_words", label=label)
        self.names = [n for n in self.names if n.words != list(words)] + [Name(label.strip(), list(words))]
        return self

    def relabel(self, old: str, new: str) -> int:
        """Give ``new`` to every kept name labelled ``old`` (a renamed theme that joins several); how many."""
        count = 0
        for n in self.names:
            if n.label == old:
                n.label, count = new.strip(), count + 1
        return count

    def forget(self, label: str) -> Dictionary:
        """Drop the kept names labelled ``label`` (their theme was split into dictionary themes)."""
        self.names = [n for n in self.names if n.label != label]
        return self

    def _changed(self) -> Dictionary:
        self._index = None
        return self

    def add(self, label: str, terms: list[str], *, id: str | None = None) -> Dictionary:
        ids = {e.id for e in self.entries}
        new_id = id or _slug(label)
        while new_id in ids:
            new_id += "_"
        self.entries.append(Entry(new_id, {"es": label, "en": label}, _with_words(label, terms)))
        return self._changed()

    def rename(self, id: str, label: str, lang: str | None = None) -> Dictionary:
        entry = self._get(id)
        entry.label = {**entry.label, lang: label} if lang else {"es": label, "en": label}
        return self._changed()

    def merge(self, ids: list[str], label: str) -> Dictionary:
        """One entry with every merged entry's words, where the first listed of them stood: ties go to the first
        listed, so every comment one of them won stays with the merged entry."""
        merged = [self._get(i) for i in ids]
        position = min(self.entries.index(e) for e in merged)
        terms = list(dict.fromkeys(t for e in merged for t in e.terms))
        self.entries = [e for e in self.entries if e.id not in set(ids)]
        self.entries.insert(position, Entry(merged[0].id, {"es": label, "en": label}, terms))
        return self._changed()

    def replace(self, id: str, parts: list[tuple[str, list[str]]]) -> Dictionary:
        """An entry split: the parts, each (label, words), where it stood."""
        position = self.entries.index(self._get(id))
        ids = {e.id for e in self.entries}
        new = []
        for label, terms in parts:
            new_id = _slug(label)
            while new_id in ids:
                new_id += "_"
            ids.add(new_id)
            new.append(Entry(new_id, {"es": label, "en": label}, _with_words(label, terms)))
        self.entries[position:position + 1] = new
        return self._changed()

    def _get(self, id: str) -> Entry:
        for entry in self.entries:
            if entry.id == id:
                return entry
        raise DictionaryError("dictionary_no_theme", id=id)


def _with_words(label: str, terms: list[str]) -> list[str]:
    """A theme's words, once each; a theme needs one at least (the rule ``from_json`` applies to a file too)."""
    terms = list(dict.fromkeys(t for t in terms if t.strip()))
    if not terms:
        raise DictionaryError("dictionary_no_words", label=label)
    return terms


def term_keys(term: str) -> set[str]:
    """The keys a dictionary term matches, as comments are tokenised: stop words out, each word's Snowball stem
    in Spanish and in English; a term of several words matches by its bigrams of stems.

    >>> sorted(term_keys("facturación")), sorted(term_keys("Atención al cliente")), sorted(term_keys("no funciona"))
    (['factur', 'facturacion'], ['atencion client'], ['no funcion', 'no funciona'])
    """
    folded = _WORDS.findall(fold(term).replace("-", ""))
    words = [w for w in folded if w not in STOP or len(folded) == 1]  # a lone stop word is kept: it is the term
    keys = set()
    for lang in ("es", "en"):
        stems = [_stemmer(lang).stemWord(w) for w in words]
        if len(stems) == 1:
            keys.add(stems[0])
        keys |= {f"{a} {b}" for a, b in zip(stems, stems[1:])}
    return keys


def _slug(label: str) -> str:
    return "_".join(_WORDS.findall(fold(label))) or "theme"
