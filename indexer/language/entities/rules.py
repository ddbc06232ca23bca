"""Names by rule: runs of capitalised words, split at known names, typed by their head and context.

One pass over the tokens finds runs of capitalised words (with name particles, initials and known
names inside). Each run loses a sentence-initial ordinary word ("Menurut") and leading titles and
roles ("Presiden", "Menteri Luar Negeri" — a known place inside a title stays a place), then splits
into segments: a known name; a head word and what follows it ("Kementerian …", "Kabupaten …",
"Konferensi …"); or unknown words, typed by their form and context (:mod:`.classify`). Runs in a
line written in capitals yield only known names. In English, a run closed by a legal form or an
organisation word is one organisation, known names inside it included ("BP North America Inc",
"London Stock Exchange"), and a place's alias used as an adjective ("Swiss francs") is no name.
"""

from __future__ import annotations

from indexer.language.entities.classify import ROMAN, classify_unknown, demonym
from indexer.language.entities.common import is_common
from indexer.language.entities.gazetteer import Match
from indexer.language.entities.lexicon import (
    BODY_HEADS,
    COMPASS,
    COMPASS_BEFORE,
    COMPLEMENT_TITLES,
    CONNECTORS,
    EN_GOVERNMENT_TAILS,
    EN_LEGAL_TAILS,
    EN_ORG_TAILS,
    EN_TITLES,
    EVENT_CONNECTORS,
    EVENT_HEADS,
    GIVEN_NAMES,
    LOC_HEADS,
    LOC_TAILS,
    MINISTERS,
    NEVER_NAME,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_TAILS,
    ROLE_WORDS,
    TITLES,
    is_title_word,
)
from indexer.language.entities.model import EntityType
from indexer.language.entities.scanner import Atom, Found, Scanner
from indexer.language.entities.tokens import Tokens

__all__ = ["Found", "find_names"]

_MAX_RUN = 60
"""Atoms of a run read at a time (a line of a million capitalised words is read in pieces)."""


class _Run(Scanner):
    """The rules over one text's runs."""

    # -- a run ------------------------------------------------------------------------------------
    def run(self, atoms: list[Atom]) -> None:
        while atoms and self.is_glue(atoms[-1]):
            atoms.pop()
        if not atoms:
            return
        first = atoms[0]
        if first.match is None:
            lower = self.lower[first.first]
            initial = self.t.sentence_start[first.first]
            if lower in NEVER_NAME or (
                initial
                and len(atoms) > 1
                and lower not in TITLES | ORG_HEADS | LOC_HEADS | EVENT_HEADS
                and is_common(lower, self.lang, self.lower_seen)
                and not (self.lang == "en" and self.organisation(atoms))  # "Integrated Genetics Inc"
            ):
                self.run(atoms[1:])
                return
        self.segments(atoms, False)

    def strip_titles(self, atoms: list[Atom], person_cue: bool) -> tuple[int, bool]:
        """How many leading atoms are a title or role ("Menteri Luar Negeri Rusia"); known places and
        organisations inside a title are emitted."""
        index = 0
        complement = False  # "Menteri …" takes a department; "Mensesneg" does not
        while index < len(atoms):
            atom = atoms[index]
            lower = self.lower[atom.first]
            ordinary = complement and self._ordinary(atom.first)
            role = person_cue and (lower in ROLE_WORDS or self.is_glue(atom) or ordinary)
            if atom.match is None and index and lower in BODY_HEADS and self.lower[atom.first - 1] not in MINISTERS:
                break  # "Kepala Dinas Kesehatan Kota Depok": the body is a name, not part of the role
            if atom.match is None and (self.is_title(atom.first) or role):
                complement = complement or lower in COMPLEMENT_TITLES
                person_cue = True
            elif person_cue and atom.match is not None and atom.match.known.type in ("LOC", "ORG"):
                if self.head(atom) is not None:
                    break
                self.emit_known(atom)
            else:
                break
            index += 1
        return index, person_cue

    def is_title(self, k: int, inside: bool = False) -> bool:
        """A title or role word ("Presiden", "Menkokesra"); inside a name, not a lone initial ("Yasonna H Laoly")."""
        lower = self.lower[k]
        if inside and (len(lower) <= 2 or lower in GIVEN_NAMES):
            return False
        # English titles that are surnames too ("John Chancellor", "Maurice Bishop") only open a name
        english = self.lang == "en" and not inside
        return is_title_word(lower, EN_TITLES if english else TITLES)

    def head(self, atom: Atom) -> EntityType | None:
        lower = self.lower[atom.first]
        if lower in ORG_HEADS:
            return "ORG"
        if lower in LOC_HEADS:
            return "LOC"
        if lower in EVENT_HEADS:
            return "MISC"
        return None

    def segments(self, atoms: list[Atom], person_cue: bool) -> None:
        """Emit the names of a run of capitalised ``atoms``, after the titles that open it."""
        while atoms and self.is_glue(atoms[0]):
            atoms = atoms[1:]
        index, person_cue = self.strip_titles(atoms, person_cue)
        if index == len(atoms) and index > 1 and self.defines_acronym(atoms[-1].last):
            # "Ketua Komisi Perlindungan Anak Daerah (KPAD)": a body named by its acronym, not a role
            index = next((k for k in range(1, index) if self.head(atoms[k]) == "ORG"), index)
        atoms = atoms[index:]
        while atoms and self.is_glue(atoms[0]):
            atoms = atoms[1:]
        if not atoms:
            return
        atom = atoms[0]
        size = self.organisation(atoms) if self.lang == "en" else 0
        if size:
            self.emit_organisation(atoms[:size])
            self.segments(atoms[size:], False)
            return
        kind = self.head(atom)
        if kind is not None:
            self.headed(atoms, kind, person_cue)
        elif atom.match is not None:
            self.known_first(atoms, person_cue)
        elif not (self.before_one_word_place(atoms) or self.club_and_place(atoms)):
            self.unknown_first(atoms, person_cue)

    def known_first(self, atoms: list[Atom], person_cue: bool) -> None:
        """:meth:`segments` of a run that opens with a known name: a one-word person's name before unknown
        words ("Kim Bum", not Kim Jong Un), a place and a compass word ("Jawa Barat"), or the known name."""
        atom = atoms[0]
        assert atom.match is not None
        rest = atoms[1:]
        if atom.match.known.type == "PERSON" and atom.first == atom.last and self.name_follows(atoms):
            size = 1
            while size < len(atoms) and atoms[size].match is None and not self.is_glue(atoms[size]):
                size += 1
            self.emit(atom.first, atoms[size - 1].last, "PERSON", None, True)  # "Kim Bum", not Kim Jong Un
            self.segments(atoms[size:], False)
            return
        if atom.match.known.type == "LOC" and rest and rest[0].match is None and self.lower[rest[0].first] in COMPASS:
            self.emit(atom.first, rest[0].last, "LOC", None, True)
            rest = rest[1:]
        elif not self._adjective(atom):
            self.emit_known(atom)
        self.segments(rest, person_cue and atom.match.known.type != "PERSON")

    def before_one_word_place(self, atoms: list[Atom]) -> bool:
        """Whether an unknown word and a one-word place are one name, emitted: "West Berlin" (English),
        "Hassan Turki", "Badrodin Haiti" (a person whose surname is a place's name)."""
        if not (len(atoms) == 2 and self._one_word_place(atoms[1])):
            return False
        atom = atoms[0]
        if self.lang == "en" and self.lower[atom.first] in COMPASS_BEFORE:
            self.emit(atom.first, atoms[1].last, "LOC", None, True)  # "West Berlin", "South Vietnam"
            return True
        # an unknown word and a one-word place: a person whose surname is a place's name
        if self.lower[atom.first] in GIVEN_NAMES:
            self.emit(atom.first, atoms[1].last, "PERSON", None, True)  # "Hassan Turki", not Turkey
            return True
        if (
            not self._club(atom)
            and not self.t.sentence_start[atom.first]
            and not self._ordinary(atom.first)
            and self.words[atom.first].isalpha()
            and self.head(atom) is None
        ):
            self.emit(atom.first, atoms[1].last, "PERSON", None, False)  # "Badrodin Haiti", "Suryo Paloh"
            return True
        return False

    def club_and_place(self, atoms: list[Atom]) -> bool:
        """Whether a club's name and a known place are one club, emitted: "PSMS Medan", "Persija Jakarta"."""
        atom = atoms[0]
        if len(atoms) > 1 and atoms[1].match is not None and atoms[1].match.known.type == "LOC" and self._club(atom):
            self.emit(atom.first, atoms[1].last, "ORG", None, True)  # "PSMS Medan", "Persija Jakarta"
            self.segments(atoms[2:], False)
            return True
        return False

    def unknown_first(self, atoms: list[Atom], person_cue: bool) -> None:
        """:meth:`segments` of a run that opens with an unknown word: the unknown name up to the next known
        name, head word, title or person (:meth:`unknown_size`), then the rest."""
        size, person_next = self.unknown_size(atoms, person_cue)
        role = size < len(atoms) and atoms[size].match is None and self.lower[atoms[size].first] in COMPLEMENT_TITLES
        if not (role and self.lang == "en"):  # "Japanese Finance Minister Kiichi Miyazawa": a role, not a name
            self.unknown(atoms[0].first, atoms[size - 1].last, person_cue, at_run_end=size == len(atoms))
        self.segments(atoms[size:], person_next)

    def unknown_size(self, atoms: list[Atom], person_cue: bool) -> tuple[int, bool]:
        """How many atoms an unknown name that opens ``atoms`` takes, and whether a person's name follows
        it (after a body's acronym: "Ketua BK Muhammad Prakosa")."""
        size = 1
        person_next = False  # the rest of the run is a person's name after a body's acronym
        while size < len(atoms):
            nxt = atoms[size]
            closing = self.lower[nxt.first] in ORG_TAILS or self.lower[nxt.first] in LOC_TAILS
            if nxt.match is not None or (self.head(nxt) and not closing and self.lower[nxt.first] not in GIVEN_NAMES):
                break  # a head word starts the next name, unless it closes this one ("Lion Group")
            if self.is_glue(nxt) and self.lower[nxt.first] not in CONNECTORS and self.words[nxt.first] not in ".-'’":
                break
            if nxt.match is None and self.is_title(nxt.first, inside=True):
                break  # "Ekonom Bisnis Indonesia Dr. Rofikoh Rokhim"
            body = person_cue and len(self.words[atoms[size - 1].first]) > 2  # "Sekjen KONI Ending Fuad Hamidy"
            if self._acronym(atoms[size - 1].first) and self.person_ahead(atoms, size, lenient=body):
                person_next = True
                break  # "Ketua BK Muhammad Prakosa"
            size += 1
        while size > 1 and self.is_glue(atoms[size - 1]):
            size -= 1
        return size, person_next

    def organisation(self, atoms: list[Atom]) -> int:
        """English: how many atoms from the first make one organisation closed by its last word ("Integrated
        Genetics Inc", "BP North America Inc", "London Stock Exchange", "Bank of Boston Corp"), legal
        forms after it included ("Co Inc", "and Co"); 0 when the run does not open with one."""
        for index, atom in enumerate(atoms):
            lower = self.lower[atom.first]
            if atom.match is not None:
                if atom.match.known.type == "PERSON":
                    return 0
                continue
            if self.is_glue(atom):
                previous = self.lower[atoms[index - 1].last] if index else ""
                if lower == "of" and previous not in EN_ORG_TAILS and previous not in ORG_HEADS:
                    return 0  # "John Reed of Citicorp Inc", not "Bank of Boston Corp"
                if lower not in ("and", "&", "of", "-", ".", "'", "’"):
                    return 0
                continue
            if self.is_title(atom.first, inside=True) and lower not in EN_ORG_TAILS:
                return 0  # "Utah International Chairman Alexander Wilson"
            if index and lower in EN_ORG_TAILS:
                first = atoms[0]
                state = first.match is not None and first.match.known.type == "LOC" and first.first == first.last
                if state and lower in EN_GOVERNMENT_TAILS:
                    return 0  # "U.S. Agriculture Department": the country stays a place
                size = index + 1
                while size < len(atoms):
                    nxt = self.lower[atoms[size].first]
                    closing = size + 1 < len(atoms) and self.lower[atoms[size + 1].first] in ("co", "company")
                    if atoms[size].match is None and (nxt in EN_LEGAL_TAILS or (nxt in ("and", "&") and closing)):
                        size += 1
                    else:
                        break
                return size
        return 0

    def emit_organisation(self, atoms: list[Atom]) -> None:
        """One organisation over ``atoms``; a known organisation followed only by legal forms keeps its
        canonical name ("British Petroleum Co Plc": British Petroleum)."""
        first = atoms[0]
        canonical = None
        if first.match is not None and first.match.known.type == "ORG":
            rest = [self.lower[atom.first] for atom in atoms[1:]]
            if all(word in EN_LEGAL_TAILS or word in ("and", "&", ".") for word in rest):
                canonical = first.match.known.canonical
        self.emit(first.first, atoms[-1].last, "ORG", canonical, True)

    def person_ahead(self, atoms: list[Atom], index: int, lenient: bool = False) -> bool:
        """Whether the unknown words from ``atoms[index]`` on look like a person's name; ``lenient`` right
        after a complete known name ("Partai Keadilan Sejahtera Anis Matta", "Kementerian Kesehatan Tritarayati")."""
        names = []
        for atom in atoms[index:]:
            if atom.match is not None or self.is_glue(atom):
                break
            names.append(atom.first)
        if not names or self._acronym(names[0]):
            return False
        if self.lower[names[0]] in GIVEN_NAMES:
            return True
        plain = [k for k in names if not is_common(self.words[k], self.lang, self.lower_seen)]
        if lenient:
            return bool(plain) and (len(names) >= 2 or plain == names)
        return len(names) >= 2 and names[0] in plain and 2 * len(plain) > len(names)

    def name_follows(self, atoms: list[Atom]) -> bool:
        """After a short known name, more of a name: "Kim Joon", "Kim Hyun Joong" (not Kim Jong Un)."""
        if self.person_ahead(atoms, 1):
            return True
        nxt = atoms[1] if len(atoms) > 1 else None
        return (
            nxt is not None
            and nxt.match is None
            and not nxt.glue
            and (len(atoms) == 2 or atoms[2].glue)
            and self.words[nxt.first].isalpha()
            and not self.words[nxt.first].isupper()
            and not self._ordinary(nxt.first)
        )

    def _adjective(self, atom: Atom) -> bool:
        """A place's one-word English alias used as an adjective: "Swiss franc", "Soviet farmers"."""
        after = self.after(atom.last)
        return (
            self.lang == "en"
            and atom.first == atom.last
            and demonym([self.lower[atom.first]])
            and after.isalpha()
            and self.words[atom.last + 1].islower()
        )

    @staticmethod
    def _one_word_place(atom: Atom) -> bool:
        return atom.match is not None and atom.match.known.type == "LOC" and atom.first == atom.last

    def _club(self, atom: Atom) -> bool:
        word = self.words[atom.first]
        return atom.match is None and (
            (2 <= len(word) <= 5 and word.isupper()) or (self.lower[atom.first].startswith("pers") and len(word) > 5)
        )

    def headed(self, atoms: list[Atom], kind: EntityType, person_cue: bool = False) -> None:
        """A head word and the names after it: one organisation, place or event. After a title
        (``person_cue``) a person may follow a known name inside it ("Kepala Dinas Kesehatan Kota Depok
        Novarita")."""
        connectors = ORG_CONNECTORS if kind == "ORG" else EVENT_CONNECTORS if kind == "MISC" else CONNECTORS
        head_known = atoms[0].match is not None
        if head_known and atoms[0].match is not None and atoms[0].match.known.type == "MISC":
            self.emit_known(atoms[0])  # "Inisiatif Sabuk dan Jalan": a known event takes nothing after it
            self.segments(atoms[1:], False)
            return
        size = 1
        while size < len(atoms):
            atom = atoms[size]
            if atom.match is not None and atom.match.known.type == "PERSON":
                break
            if (
                self.is_glue(atom)
                and self.lower[atom.first] not in connectors
                and self.words[atom.first] not in ".-'’&"
            ):
                break
            if self.is_glue(atom) and size + 1 < len(atoms) and self._another(atoms[size + 1], kind):
                break  # "Polda Sumut dan Polres Metro Jakarta Selatan": two organisations
            if atom.match is None and self.is_title(atom.first, inside=True):
                break  # "Partai Golkar Ketua …"
            previous = atoms[size - 1]
            closed = (
                previous.match is not None or (size > 1 and self._acronym(previous.first)) or (size == 1 and head_known)
            )
            given = self.lower[atom.first] in GIVEN_NAMES
            lenient = previous.match is not None and (previous.match.known.type == "ORG" or person_cue)
            if atom.match is None and (closed or given) and self.person_ahead(atoms, size, lenient):
                break  # "Kementerian Koperasi dan UKM Meliadi Sembiring", "Partai Golkar Siswono Yudo Husodo"
            if kind == "ORG" and atom.match is not None and atom.match.known.type == "ORG" and not head_known:
                # a known organisation inside a generic head: "Fakultas Kedokteran Hewan UGM", "Komisi III DPR"
                second = self.lower[atoms[1].first] if size > 1 else ""
                if size > 1 and second not in ROMAN and not second.isdigit():
                    self.emit(atoms[0].first, atoms[size - 1].last, kind, None, False)
                self.segments(atoms[size:], False)
                return
            size += 1
        while size > 1 and self.is_glue(atoms[size - 1]):
            size -= 1
        last = atoms[size - 1].last
        head = atoms[0]
        if size == 1 and head.match is not None:
            self.emit_known(head)
        elif size > 1 or head.match is not None:
            canonical = head.match.known.canonical if size == 1 and head.match is not None else None
            self.emit(head.first, last, kind, canonical, True)
        self.segments(atoms[size:], False)

    def defines_acronym(self, last: int) -> bool:
        """Whether an acronym in brackets follows token ``last``: "… Anak Daerah (KPAD)"."""
        words = self.words
        return (
            last + 3 < len(words)
            and words[last + 1] == "("
            and words[last + 3] == ")"
            and self._acronym(last + 2)
            and self.t.joined(last + 1)
        )

    def _another(self, atom: Atom, kind: EntityType) -> bool:
        """After "dan" inside a headed name, a word that opens a name of its own: a head of the same kind."""
        return self.head(atom) == kind and (atom.match is None or atom.match.known.type == kind)

    def unknown(self, first: int, last: int, person_cue: bool, at_run_end: bool) -> None:
        """Capitalised words that no table knows: typed by :func:`classify_unknown`."""
        verdict = classify_unknown(
            self.t,
            self.lower,
            first,
            last,
            person_cue=person_cue,
            before=self.before(first),
            after=self.after(last) if at_run_end else "",
            lang=self.lang,
            lower_seen=self.lower_seen,
        )
        if verdict is not None:
            self.emit(verdict.first, last, verdict.type, None, verdict.strong)
            self.found[-1].tentative = verdict.tentative


def find_names(tokens: Tokens, matches: list[Match], blocked: list[bool], lang: str) -> list[Found]:
    """Known and rule-found names of a text, in order, not overlapping."""
    state = _Run(tokens, matches, blocked, lang)
    i, n = 0, len(tokens)
    while i < n:
        if blocked[i] or (i not in state.match_at and not state.name_token(i)):
            i += 1
            continue
        atoms, after = state.collect(i)
        if not atoms:
            i += 1
            continue
        for chunk in range(0, len(atoms), _MAX_RUN):  # no name is that long: bounded recursion on any input
            state.run(atoms[chunk : chunk + _MAX_RUN])
        i = max(after, i + 1)
    return state.found
