"""Trigger words of each event type, speech verbs, and the small words that decide attribution.

Indonesian triggers are written as roots and expanded into their word forms with the regular affixes
(``temu`` → bertemu, pertemuan, menemui, ditemui…; ``kunjung`` → mengunjungi, kunjungan,
berkunjung…); roots whose forms collide with common unrelated words are written as explicit forms
instead (``setuju`` but not ``tuju``: *tujuan* is "goal"). English triggers are explicit forms.
A word not in the table is looked up once by its stem (Sastrawi for Indonesian, Porter for English),
so affix combinations the expansion did not write still count.
"""

from __future__ import annotations

import re

from indexer.language import memo
from indexer.language.events.model import EventType
from indexer.store import english_stem, word_stem

_VOWELS = frozenset("aiueo")

# Indonesian roots, expanded with affixes (see _expand).
_ID_ROOTS: dict[EventType, tuple[str, ...]] = {
    "MEET": ("temu", "runding", "negosiasi", "sua"),
    "VISIT": ("kunjung", "lawat", "sambang"),
    "AGREE": ("sepakat",),
    "APPEAL": ("desak", "imbau"),
    "REJECT": ("tolak", "bantah", "sangkal", "kecam", "kutuk", "cemooh", "veto"),
    "SUPPLY": ("pasok", "ekspor", "impor"),
    "MILITARY": ("invasi", "kerah", "caplok", "gempur", "bombardir", "anekasi", "aneksasi"),
    "PROTEST": ("protes", "demonstrasi", "boikot", "mogok"),
    "LEGAL": ("gugat",),
    "ELECTION": ("coblos",),
    "DISASTER": (),
    "ATTACK": ("serang", "tembak", "tikam", "tusuk", "aniaya", "keroyok", "bacok"),
    "ARREST": ("tangkap", "bekuk", "ringkus", "ciduk", "cokok"),
    "TRIAL": ("dakwa", "adili"),
    "SENTENCE": ("vonis",),
    "APPOINT": ("lantik",),
    "RESIGN": ("pecat", "copot"),
    "ACQUIRE": ("akuisisi",),
    "LAUNCH": ("luncur",),
}

# Explicit forms (Indonesian and English), not expanded.
_FORMS: dict[EventType, str] = {
    "MEET": """pembicaraan berbicara bertatap jumpa berjumpa perjumpaan ktt konferensi
        meet meets met meeting meetings talks summit negotiated negotiations""",
    "VISIT": """perjalanan penyambutan kedatangan tiba melawat lawatan
        visit visits visited visiting arrived trip""",
    "AGREE": """menandatangani ditandatangani penandatanganan tandatangani bertanda
        setuju menyetujui disetujui persetujuan perjanjian perjanjiannya bekerjasama
        sign signs signed signing agree agreed agrees agreement agreements accord pact treaty""",
    "STATEMENT": """pidato berpidato speech""",
    "APPEAL": """menyerukan diserukan seruan seruannya berseru meminta diminta permintaan memohon
        urge urged urges urging appeal appealed appeals demanded""",
    "REJECT": """reject rejected rejects deny denied denies refuse refused refuses condemned condemns
        dismissed vetoed""",
    "SUPPLY": """menyalurkan disalurkan penyaluran menjual dijual penjualan
        supply supplied supplies supplying shipped shipments sold sells export exported exports""",
    "MILITARY": """berperang memerangi diperangi menduduki diduduki pendudukan mengebom dibom pengeboman
        invade invaded invasion deploy deployed deployment bombed shelled shelling occupied annexed airstrike
        airstrikes bombardment""",
    "PROTEST": """unjuk berunjuk demo pendemo demonstran
        protest protests protested protesters demonstration demonstrations demonstrators boycott""",
    "LEGAL": """menyanksi disanksi
        sued lawsuit sanctioned""",
    "ELECTION": """pemilu pilpres pilkada pileg pemilihan pemungutan
        election elections vote voted voters ballot""",
    "DISASTER": """longsor tsunami erupsi letusan topan badai
        hurricane typhoon eruption landslide tornado""",
    "DEATH": """tewas meninggal wafat kematian menewaskan pembunuhan membunuh dibunuh terbunuh
        died dies dead death deaths killed kill kills killing killings murdered murder murders slain perished
        suicide""",
    "INJURY": """luka terluka melukai dilukai cedera
        injured injuring injures injury injuries wounded wounding""",
    "ATTACK": """penembakan penusukan pengeroyokan penganiayaan penyerangan
        attack attacked attacks shot shooting shootings stabbed stabbing assaulted assault gunfire
        hijacked hijacking fire fired firing fires""",
    "ARREST": """ditahan penahanan
        arrest arrested arrests detained apprehended nabbed custody""",
    "TRIAL": """dituntut diadili mengadili persidangan disidangkan ditetapkan
        charged charges indicted indictment trial prosecuted arraigned pleaded""",
    "SENTENCE": """dihukum dijatuhi dipenjara dipenjarakan memenjarakan
        sentenced convicted jailed imprisoned guilty""",
    "RELEASE": """dibebaskan membebaskan pembebasan
        released freed acquitted paroled""",
    "APPOINT": """dilantik melantik pelantikan terpilih diangkat ditunjuk direkrut merekrut
        appointed appoints appointment elected re-elected sworn inaugurated hired named""",
    "RESIGN": """mengundurkan pengunduran mundur diberhentikan memberhentikan lengser
        resigned resigns resignation resign stepped steps sacked ousted quit dismissed""",
    "ACQUIRE": """merger membeli dibeli pembelian
        acquire acquired acquires acquiring acquisition acquisitions merger takeover bought buys buy purchased""",
    "LAUNCH": """meluncurkan diluncurkan peluncuran
        launch launched launches launching unveiled unveils unveiling""",
    "CONTRACT": """kontrak dikontrak mengontrak
        contract contracts""",
    "EARTHQUAKE": """gempa
        earthquake earthquakes quake quakes temblor""",
    "FIRE": """kebakaran terbakar membakar dibakar
        blaze wildfire wildfires""",
    "FLOOD": """banjir
        flood floods flooding flooded""",
    "CRASH": """kecelakaan tabrakan bertabrakan menabrak ditabrak tergelincir
        crash crashed crashes collision collided derailed""",
}

SEND_WORDS = frozenset("kirim mengirim mengirimkan dikirim dikirimkan pengiriman send sends sent sending".split())
"""A send is MILITARY when troops go, SUPPLY when weapons, aid or goods do, nothing otherwise."""
TROOP_WORDS = frozenset(
    """pasukan tentara tentaranya militer prajurit serdadu troops soldiers forces warships jets""".split()
)
GOODS_WORDS = frozenset(
    """senjata amunisi bantuan rudal drone tank logistik pasokan makanan obat weapons arms ammunition
    aid missiles supplies grain oil""".split()
)

SPEECH_VERBS = frozenset(
    """mengatakan berkata kata katanya ujar ujarnya tegas tegasnya menegaskan papar paparnya memaparkan
    tambah tambahnya menambahkan imbuh imbuhnya tutur tuturnya menuturkan ungkap ungkapnya mengungkapkan
    jelas jelasnya menjelaskan menyatakan pernyataan menyebut menyebutkan mengklaim memperingatkan
    mengumumkan mengonfirmasi percaya yakin menilai khawatir menduga mencatat menekankan menggarisbawahi
    say says said told tells stated added announced confirmed warned claimed believe believes believed
    noted insisted emphasized emphasised stressed""".split()
)
"""Verbs that attribute what follows (or what a quotation says) to a speaker: a STATEMENT."""
PASSIVE_SPEECH = frozenset(
    """dikatakan disuarakan dinyatakan diungkapkan disampaikan ditegaskan diumumkan dijelaskan""".split()
)
"""Passive speech verbs: a STATEMENT only with the speaker after *oleh* ("kekhawatiran yang disuarakan
oleh AS bahwa …"); "dinyatakan bersalah" says nothing."""
OPINION_VERBS = frozenset(
    "percaya yakin menilai khawatir menduga mengklaim believe believes believed claimed fear fears".split()
)
"""Speech verbs whose reported clause is an opinion: events in it are never events."""
SOURCE_WORDS = frozenset("lapor laporan melaporkan dilaporkan menurut reported according".split())
"""Words that give a source: its name is not an actor, and it makes no STATEMENT."""
TRAILING_SPEECH = frozenset(
    """kata katanya ujar ujarnya tegas tegasnya papar paparnya tambah tambahnya imbuh imbuhnya tutur
    tuturnya ungkap ungkapnya jelas jelasnya said added told""".split()
)
"""Speech verbs that may follow the quotation with the speaker after them (“…,” kata Koffler)."""
COMPLEMENTIZERS = frozenset(("bahwa", "that"))
MODALS = frozenset(
    """dapat bisa mungkin kemungkinan berpotensi ingin mau hendak berencana rencana bakal seandainya
    siap bersedia could might may would want wants plan plans planned if ready willing""".split()
)
"""A trigger right after one of these is not reported as having happened."""
NEGATIONS = frozenset("tidak tak bukan belum tanpa jangan enggan not never no without didn't".split())
CLAUSE_BREAKS = frozenset(
    """tetapi namun sedangkan sementara padahal saat ketika karena sehingga meskipun walaupun walau but while whereas
    however because although though when""".split()
)
PURPOSE = frozenset(("untuk", "agar", "supaya", "guna", "to"))
"""Right before a trigger: the event is wanted, not reported as done ("mendesak … untuk menyetujui")."""
PASSIVE_AGENT = frozenset(("oleh", "by"))
LOCATIVE = frozenset(("di", "in", "at", "dalam"))
DESTINATION = frozenset(("ke", "to", "menuju"))
CONJUNCTIONS = frozenset(("dan", "serta", "and", "with", "dengan", "&"))
PRONOUNS = frozenset(("dia", "ia", "beliau", "he", "she", "nya"))
SUBJECT_DROP = frozenset(
    """dia ia beliau dirinya pihaknya kami kita he she it they we also juga telah sudah pun has have had
    already was were is are""".split()
)
"""In a reported clause, words that may stand between the speech verb and a trigger whose subject is
the speaker ("Life said it signed", "Lukashenko mengatakan telah bertemu"): nothing else may."""
REFERENCE_WORDS = frozenset("dari sejak tentang mengenai from since under about regarding".split())
"""Right before a noun trigger (determiners and names skipped): a thing referred to, not an event
reported ("menarik diri dari kesepakatan", "since the Paris Agreement", "dibebaskan dari penjara")."""
FROM_WORDS = frozenset(("dari", "from"))
"""Reference words that refer only before an agreement or a prison: "bagian dari invasi" is the invasion."""
RELATIVE_WORDS = frozenset(("yang", "who", "which"))
"""Right before a trigger: its subject is the word before, a name only if a name ends there."""
ORIGIN_WORDS = frozenset(("asal", "warga", "berkebangsaan", "kewarganegaraan"))
"""Before a country: where a person comes from, an affiliation and not an actor ("pria asal Belgia")."""
DETERMINERS = frozenset(("itu", "tersebut", "ini"))
"""After a noun trigger, a reference back to an event already told (*kunjungan ini*), not a new one."""
PROPOSED = frozenset("digagas diusulkan diusulkannya digagasnya proposed suggested mooted".split())
"""Right after a noun trigger: the event is proposed, not done ("Pertemuan Trump-Rouhani digagas oleh
Macron", "talks proposed by France")."""
ANONYMOUS = frozenset(("sources", "source", "sumber"))
"""Right after a speaker's name ("EC sources said"): nobody named speaks, no STATEMENT."""


NOT_TRIGGERS = frozenset(
    """temuan temukan menemukan ditemukan penemuan penemu tersua temunya ekspornya impornya kerahkan
    pengadilan keadilan adil penembak tembakan tembakannya penyerang penyerangnya pembunuh tangkapan
    luncuran pelantik""".split()
)
"""Forms the expansion writes or the stemmer finds that are no event (pertahanan: defence)."""


def _men(prefix: str, root: str) -> str:
    """``me``/``pe`` + the nasal the root's first letter takes (memasok, menolak, menyerang, mengirim)."""
    first, second = root[0], root[1] if len(root) > 1 else ""
    cluster = second not in _VOWELS
    if sum(1 for c in root if c in _VOWELS) == 1:
        return prefix + "nge" + root
    if first in _VOWELS or first in "gh":
        return prefix + "ng" + root
    if first == "k":
        return prefix + "ng" + (root if cluster else root[1:])
    if first in "bfv":
        return prefix + "m" + root
    if first == "p":
        return prefix + "m" + (root if cluster else root[1:])
    if first in "dcjz":
        return prefix + "n" + root
    if first == "t":
        return prefix + "n" + (root if cluster else root[1:])
    if first == "s":
        return prefix + ("ny" + root[1:] if not cluster else "n" + root)
    return prefix + root


def _expand(root: str) -> set[str]:
    """Word forms of an Indonesian root with the regular prefixes and suffixes."""
    forms = {root, root + "an", root + "nya", root + "annya"}
    verb = _men("me", root)
    noun = _men("pe", root)
    for suffix in ("", "kan", "i", "nya", "kannya", "inya", "lah"):
        forms.update((verb + suffix, "di" + root + suffix, "memper" + root + suffix, "diper" + root + suffix))
    forms.update(("ber" + root, "ter" + root, "ber" + root + "an"))
    for stem in (noun, "per" + root, "ke" + root, "pe" + root):
        forms.update((stem + "an", stem + "annya"))
    return forms


def _build() -> tuple[dict[str, EventType], dict[str, EventType]]:
    forms: dict[str, EventType] = {}
    roots: dict[str, EventType] = {}
    for kind, words in _ID_ROOTS.items():
        for root in words:
            roots[root] = kind
            for form in _expand(root):
                forms.setdefault(form, kind)
    for kind, text in _FORMS.items():
        for form in text.split():
            forms[form] = kind
    # what the stemmers make of forms not written out (Sastrawi: mengunjungi → "unjung")
    roots.update(
        {
            "unjung": "VISIT",
            "meet": "MEET",
            "visit": "VISIT",
            "sign": "AGREE",
            "agre": "AGREE",
            "protest": "PROTEST",
            "attack": "ATTACK",
            "invad": "MILITARY",
            "arrest": "ARREST",
            "elect": "APPOINT",
            "kill": "DEATH",
            "resign": "RESIGN",
            "acquir": "ACQUIRE",
            "sentenc": "SENTENCE",
            "reject": "REJECT",
            "deni": "REJECT",
            "refus": "REJECT",
            "urg": "APPEAL",
        }
    )
    for word in SPEECH_VERBS | PASSIVE_SPEECH | SOURCE_WORDS | SEND_WORDS | NOT_TRIGGERS:
        forms.pop(word, None)
    return forms, roots


TRIGGER_FORMS, TRIGGER_ROOTS = _build()
"""Word (lowercase) → event type; stem → event type for words the first table lacks."""


_FALLBACK = memo.shared("event-trigger-stems", 200_000)
"""Word → event type found through its stem (or None), handed back by writer processes."""
_AFFIXED_ID = re.compile(r"^(?:me|di|ber|per|pe|ke|ter)\w{4,}|\w{4,}(?:kan|nya|an|i)$")
_ENGLISH_SUFFIX = re.compile(r"\w{3,}(?:ed|ing|s)$")


def trigger_type(word: str) -> EventType | None:
    """The event type a lowercase word triggers, if any: the form table, then the word's stem."""
    kind = TRIGGER_FORMS.get(word)
    if kind is not None:
        return kind
    if word in _FALLBACK:
        known: EventType | None = _FALLBACK[word]
        return known
    found: EventType | None = None
    if word not in NOT_TRIGGERS and word.isalpha() and len(word) >= 5:
        if _AFFIXED_ID.match(word):
            found = TRIGGER_ROOTS.get(_stem(word))
        if found is None and _ENGLISH_SUFFIX.match(word):
            found = TRIGGER_ROOTS.get(english_stem(word))
    _FALLBACK.remember(word, found)
    return found


_stem = word_stem  # the index's own stemmer and cache: triggers get the word forms searches get
