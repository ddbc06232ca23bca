"""Which sense an ambiguous trigger word has in its sentence, from the words around it.

The trigger table (:mod:`.lexicon`) gives a word one type; some words have others, or none, by their
neighbours: *fired* a coach (RESIGN) or *fired* shots (ATTACK), a *fire* in a building (FIRE) or *under
fire* (nothing); *shot* dead (ATTACK) or a *shot* on goal (nothing); *launched* a phone (LAUNCH), a
missile (ATTACK) or an investigation (nothing); *signed* a contract (CONTRACT), an agreement (AGREE)
or a letter (nothing); *killed* three people (DEATH) or the bill (nothing); a *crash* of a plane (CRASH)
or of the market (nothing). Each rule looks at a few words either side; when in doubt it answers
None: no event is better than a wrong one.

:func:`passive` tells whether a trigger reports what happened to the name before it (*ditangkap*,
*was arrested*, *tewas*, *resigned*): that name is then the patient, not the doer.
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.language.events.model import EventType

__all__ = ["noun", "passive", "sense"]

_BE = frozenset("was were is are been being be got gets get has have had".split())
_ADVERBS = frozenset(
    "reportedly allegedly later also formally officially fatally critically seriously finally then just not".split()
)
_AFTER_PASSIVE = frozenset(
    """in on at for after over by with from during near outside inside last yesterday today early late as and
    when while following before earlier this on amid into without under""".split()
)
"""Words that follow a passive participle ("arrested in Jakarta") rather than an object."""
_PERSON_OBJECTS = frozenset(
    """him her them me us people persons civilians soldiers troops officers officer policeman police man men
    woman women girl girls boy boys child children student students worker workers passengers passenger
    teenager teen guard guards driver pilot crew member members resident residents victim victims
    orang warga korban anak pria wanita perempuan polisi tentara prajurit penumpang siswa mahasiswa""".split()
)
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten dozens dozen hundreds thousands scores at least
    satu dua tiga empat lima enam tujuh delapan sembilan sepuluh puluhan ratusan ribuan sedikitnya
    setidaknya""".split()
)
_INTRANSITIVE = frozenset(
    """tewas meninggal wafat terbunuh died dies dead death deaths perished slain suicide kematian luka terluka cedera
    injured wounded injury injuries mengundurkan pengunduran mundur lengser resigned resigns resignation resign
    stepped steps quit""".split()
)
"""Triggers whose subject is the one it happens to: who dies, who is hurt, who resigns."""

_SHOTS = frozenset(
    """shot shots at on upon rounds round bullets bullet rockets rocket missiles missile gun guns weapon
    weapons tear gas warning volley artillery mortar mortars""".split()
)
_FIRE_NOT = frozenset(
    """department departments dept station stations chief chiefs official officials service services brigade
    crews crew engines engine truck trucks safety alarm alarms insurance extinguisher extinguishers exit
    exits escape marshal marshals fighter fighters fighting hydrant code drill hazard risk sale""".split()
)
_FIRE_BEFORE_ATTACK = frozenset("open opened opens opening returned return exchange exchanged exchanging".split())
_FIRE_BEFORE_NOT = frozenset("under cease ceasing friendly rapid quick".split())
_WEAPONS = frozenset(
    """missile missiles rocket rockets attack attacks strike strikes airstrike airstrikes offensive
    raid raids assault invasion bomb bombs drone drones torpedo rudal roket serangan""".split()
)
_NOT_LAUNCH = frozenset(
    """campaign campaigns investigation investigations probe probes inquiry bid appeal appeals effort efforts
    program programme initiative review challenge crackdown operation operations search manhunt
    petition movement career attempt counterattack counteroffensive protest protests lawsuit
    penyelidikan penyidikan kampanye gerakan program operasi""".split()
)
_CONTRACT_WORDS = frozenset(
    """contract contracts kontrak extension deal transfer free-agent one-year two-year three-year four-year
    five-year multiyear multi-year""".split()
)
_SIGNED_NOT = frozenset(
    """letter letters petition petitions statement statements bill bills law laws decree decrees order
    orders executive autograph autographs copies book books document documents memo note card waiver
    surat petisi undang-undang keputusan perpres perppu""".split()
)
_MARKET_WORDS = frozenset(
    """market markets stock stocks shares share prices price index economy economic computer computers system
    systems site website server servers app apps network housing currency oil bitcoin crypto saham harga
    pasar sistem server""".split()
)
_CHARGE_NEXT = frozenset("with in over for after against".split())
_CHARGE_BEFORE = frozenset(
    """criminal murder face faces faced facing filed file files brought bring drop dropped drops pressed
    press formal federal felony misdemeanor corruption terrorism the""".split()
)
_TRIAL_NOT = frozenset("clinical drug vaccine free field time phase pilot".split())
_BUY_OBJECTS = frozenset(
    """stake stakes shares company companies firm firms business businesses unit units maker rival rivals
    operator chain brand brands assets saham perusahaan bisnis unit""".split()
)
_CUSTODY = frozenset(
    """prison jail custody detention captivity hostage hostages bail parole penjara tahanan rutan lapas
    penyanderaan sandera""".split()
)
_OFFICE = frozenset(
    """as sebagai menjadi president chairman chairwoman chair ceo director coach manager minister governor
    mayor head chief leader secretary speaker ambassador judge commander captain""".split()
)


def _around(words: list[str], k: int, before: int, after: int) -> tuple[list[str], list[str]]:
    return words[max(0, k - before) : k], words[k + 1 : k + 1 + after]


def _fire(words: list[str], k: int) -> EventType | None:
    word = words[k]
    prev, nxt = _around(words, k, 2, 3)
    if word in ("fired", "firing") or (word == "fires" and nxt[:1] and nxt[0] in ("at", "on")):
        if any(w in _SHOTS for w in nxt) or (prev and prev[-1] in _FIRE_BEFORE_ATTACK):
            return "ATTACK"
        if word == "fired" and not any(w in _FIRE_NOT or w in ("up", "off", "back") for w in nxt[:1]):
            return "RESIGN"  # fired a coach, was fired
        return None
    if prev and prev[-1] in _FIRE_BEFORE_ATTACK:
        return "ATTACK"
    if prev and prev[-1] in _FIRE_BEFORE_NOT:
        return None
    if nxt and nxt[0] in _FIRE_NOT:
        return None
    return "FIRE"


def _shot(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 3, 3)
    word = words[k]
    if word in ("shooting", "shootings"):
        if nxt[:1] and nxt[0] in ("percentage", "guard", "range", "star", "stars", "practice", "touch", "form"):
            return None
        if prev[-1:] and prev[-1] in ("his", "her", "their", "free-throw", "three-point", "film", "photo"):
            return None
        return "ATTACK"
    if word in ("attack", "attacks", "attacked", "assault"):
        if prev[-1:] and prev[-1] in ("heart", "panic", "asthma", "anxiety"):
            return None
        return "ATTACK"
    # "shot": dead, in the head, him; passive; not a shot on goal or at the title
    if any(w in _BE for w in prev[-2:]) or (nxt[:1] and nxt[0] in ("dead", "and", "him", "her", "them", "by")):
        return "ATTACK"
    if prev[-1:] and prev[-1] in ("fatally", "gunman", "police", "officer", "officers", "reportedly"):
        return "ATTACK"
    if nxt[:2] == ["in", "the"] or (nxt[:1] and nxt[0] in _PERSON_OBJECTS):
        return "ATTACK"
    return None


def _kill(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 3, 4)
    word = words[k]
    if word in ("death", "deaths"):
        if nxt[:1] and nxt[0] in ("penalty", "sentence", "row", "threat", "threats", "warrant", "squad", "metal"):
            return None
        return "DEATH"
    if word == "dead":
        return (
            "DEATH"
            if (
                prev[-1:]
                and prev[-1] in ("found", "shot", "left", "pronounced", "declared", "was", "were", "is", "are", "lay")
            )
            or nxt[:1] == ["at"]
            else None
        )
    if word in ("killed", "kill", "kills", "killing", "killings", "murdered", "murder", "murders"):
        if word in ("kill", "kills", "killed") and nxt[:1] and nxt[0] in ("the", "a", "off", "it", "plans", "time"):
            return "DEATH" if any(w in _PERSON_OBJECTS for w in nxt[1:3]) else None
        return "DEATH"
    return "DEATH"


def _launch(words: list[str], k: int) -> EventType | None:
    _, nxt = _around(words, k, 0, 5)
    for w in nxt:
        if w in _WEAPONS:
            return "ATTACK"
        if w in _NOT_LAUNCH:
            return None
    return "LAUNCH"


def _sign(words: list[str], k: int) -> EventType | None:
    _, nxt = _around(words, k, 0, 5)
    if nxt[:1] and nxt[0] == "for":
        return "CONTRACT"  # signed for a club
    for w in nxt:
        if w in _CONTRACT_WORDS:
            return "CONTRACT"
        if w in _SIGNED_NOT:
            return None
    return "AGREE"


def _crash(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 3, 3)
    if any(w in _MARKET_WORDS for w in prev + nxt):
        return None
    return "CRASH"


def _charge(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 1, 1)
    word = words[k]
    if word == "charged":
        return "TRIAL" if nxt[:1] and nxt[0] in _CHARGE_NEXT else None
    if word == "charges":
        return "TRIAL" if (prev and prev[0] in _CHARGE_BEFORE) or (nxt[:1] and nxt[0] in ("of", "against")) else None
    if word == "trial":
        return None if prev and prev[0] in _TRIAL_NOT else "TRIAL"
    if word == "pleaded":
        return "TRIAL" if nxt[:1] and nxt[0] in ("guilty", "not", "innocent", "no") else None
    if word == "ditetapkan":
        return "TRIAL" if "tersangka" in words[k + 1 : k + 4] else None
    return "TRIAL"


def _guilty(words: list[str], k: int) -> EventType | None:
    prev, _ = _around(words, k, 2, 0)
    return "SENTENCE" if "found" in prev else None


def _release(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 2, 6)
    if any(w in _CUSTODY for w in prev + nxt) or (nxt[:1] and nxt[0] in ("on", "after")):
        return "RELEASE"
    if words[k] in ("acquitted", "paroled", "freed", "dibebaskan", "membebaskan", "pembebasan"):
        return "RELEASE"
    return None


def _appoint(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 2, 3)
    word = words[k]
    if word == "named" and not (prev[-1:] and prev[-1] in _BE | {"been"}):
        return None  # "a man named X"
    if word in ("named", "diangkat", "ditunjuk", "hired", "direkrut", "merekrut") and not any(
        w in _OFFICE for w in nxt
    ):
        return None
    if word == "sworn" and nxt[:1] != ["in"]:
        return None
    if word == "terpilih" and prev[-1:] and prev[-1] in ("presiden", "gubernur", "wakil", "bupati", "walikota"):
        return None  # presiden terpilih: the president-elect, no event
    return "APPOINT"


def _resign(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 2, 3)
    word = words[k]
    if word in ("stepped", "steps") and nxt[:1] != ["down"]:
        return None
    if word in ("mengundurkan", "pengunduran") and nxt[:1] != ["diri"]:
        return None
    if word == "mundur" and not (nxt[:1] and nxt[0] in ("dari", "sebagai")):
        return None
    if word == "quit" and not (nxt[:1] and nxt[0] in ("as", "his", "her", "the")):
        return None
    if word == "dismissed":  # a coach is dismissed; a claim or a case is rejected
        if any(w in _BE for w in prev) or (nxt[:1] and nxt[0] in ("as", "from")):
            return "RESIGN"
        return "REJECT"
    return "RESIGN"


_NOT_DONE = frozenset(
    """proposed propose proposes proposal plan plans planned talks bid offer considering consider seek seeks
    sought possible potential rumored rumoured failed rencana usulan rencananya kemungkinan""".split()
)
"""Around a merger: one wanted, discussed or failed, not done."""


def _merger(words: list[str], k: int) -> EventType | None:
    prev, nxt = _around(words, k, 3, 1)
    return None if any(w in _NOT_DONE for w in prev + nxt) else "ACQUIRE"


def _buy(words: list[str], k: int) -> EventType | None:
    _, nxt = _around(words, k, 0, 5)
    return "ACQUIRE" if any(w in _BUY_OBJECTS for w in nxt) else None


def _custody(words: list[str], k: int) -> EventType | None:
    return "ARREST" if k > 0 and words[k - 1] == "into" else None


def _contract(words: list[str], k: int) -> EventType | None:
    prev, _ = _around(words, k, 1, 0)
    return None if prev and prev[0] in ("social", "politik", "political") else "CONTRACT"


_RULES: dict[str, Callable[[list[str], int], EventType | None]] = {}
for _words, _rule in (
    ("fire fires fired firing", _fire),
    ("shot shooting shootings attack attacks attacked assault", _shot),
    ("death deaths dead killed kill kills killing killings murdered murder murders", _kill),
    ("launch launched launches launching meluncurkan diluncurkan peluncuran", _launch),
    ("sign signs signed signing menandatangani ditandatangani penandatanganan", _sign),
    ("crash crashed crashes", _crash),
    ("charged charges trial pleaded ditetapkan", _charge),
    ("guilty", _guilty),
    ("released freed acquitted paroled dibebaskan membebaskan pembebasan", _release),
    ("named sworn hired diangkat ditunjuk direkrut merekrut terpilih", _appoint),
    ("stepped steps mengundurkan pengunduran mundur quit dismissed", _resign),
    ("bought buys buy membeli dibeli pembelian purchased", _buy),
    ("custody", _custody),
    ("merger acquisition acquisitions takeover akuisisi", _merger),
    ("contract contracts kontrak", _contract),
):
    _RULES.update(dict.fromkeys(_words.split(), _rule))


def sense(words: list[str], k: int, kind: EventType) -> EventType | None:
    """The type trigger ``words[k]`` (table type ``kind``) has here, or None when it reports no event."""
    rule = _RULES.get(words[k])
    return kind if rule is None else rule(words, k)


def noun(word: str) -> bool:
    """Whether a trigger is a noun (*death*, *resignation*, *penangkapan*), the one it happens to after it."""
    if word.startswith(("pe", "ke")) and word.endswith("an"):
        return True
    return word.endswith(("tion", "ment")) or word in (
        "death",
        "deaths",
        "arrest",
        "murder",
        "killing",
        "trial",
        "release",
    )


def passive(words: list[str], k: int) -> bool:
    """Whether the name before trigger ``words[k]`` is what the event happens to (the patient): an
    Indonesian *di-*/*ter-* verb, an English participle after *was*/*were* or before a preposition, a
    trigger whose subject it happens to (*tewas*, *died*, *resigned*)."""
    word = words[k]
    if word in _INTRANSITIVE:
        return True
    if word.startswith(("di", "ter")) and len(word) > 5 and not word.endswith("ed"):
        return True
    if not word.endswith(("ed", "shot", "sworn", "hit", "bought", "slain", "freed")):
        return False
    j = k - 1
    while j >= 0 and words[j] in _ADVERBS:
        j -= 1
    if j >= 0 and words[j] in _BE:
        return True
    nxt = words[k + 1] if k + 1 < len(words) else ""
    return nxt in _AFTER_PASSIVE or not nxt
