"""Word lists for the rules: titles, head words of organisations and places, context words, given names.

All lower-case. Indonesian first, English beside it. These are cues about the language (what precedes
a person's name, what heads an organisation's name), not lists of entities: known names are in the
knowledge tables (``data/knowledge``).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = _words(
    """presiden wakil menteri menlu menhan mendagri menkeu menkes gubernur wagub bupati wabup walikota wali wakil
    ketua wakil sekretaris sekjen bendahara direktur dirut direktorat kepala kapolri kapolda kapolres kapolsek
    kabareskrim kadiv kabid kasat kasi kasubdit panglima pangdam danrem dandim kasad kasal kasau jaksa hakim
    jenderal jendral jend brigjen mayjen letjen laksamana laksma laksda marsekal marsma marsda kolonel kol letkol mayor
    kapten lettu letda serma serka sertu pelda kombes akbp akp iptu ipda aiptu aipda bripka brigpol briptu bripda
    irjen komjen kompol kopda praka pratu prada bapak pak ibu bu mas mbak bang kak dik om tante tuan nyonya
    nona ny saudara saudari sdr sdri dokter dr drs dra ir prof profesor haji hj h kh kiai kyai ustaz ustad ustadz
    habib syekh syeikh gus raden rm mgr uskup pendeta pastor romo paus imam raja ratu pangeran putri sultan
    perdana senator anggota juru jubir duta dubes konsul atase komisaris komandan danjen kasum kabais
    rektor dekan dosen guru pelatih manajer kapten ketum waketum mantan eks almarhum almarhumah mendiang sang
    president vice prime minister secretary chairman chairwoman chair chief governor mayor senator
    representative rep sen gen general lt col maj capt adm admiral sgt mr mrs ms miss sir dame lord lady
    king queen prince princess pope rev father sheikh judge justice ambassador spokesman spokeswoman
    spokesperson deputy director commissioner officer analyst economist professor dr wapres cagub cawagub
    capres cawapres cabup cawabup cawalkot cawali dubes dutabesar menkum menkumham mendag menperin mentan
    menpora menag mensesneg seskab kapuspen kadis sekda mendikbud menko menpan mensos menaker menhub
    menpupr menparekraf menkominfo kasatreskrim kasatlantas kabag kasubag kajari kajati kajagung deputi
    komisioner sekertaris ekonom pakar pengamat peneliti staf"""
)
"""Words of a title or role before a name: not part of the name ("Presiden China Xi Jinping")."""

RANKS = _words(
    """jenderal jend brigjen mayjen letjen laksamana laksma laksda marsekal marsma marsda kolonel kol letkol
    mayor kapten lettu letda serma serka sertu pelda kombes akbp akp iptu ipda aiptu aipda bripka brigpol
    briptu bripda irjen komjen kompol kopda praka pratu prada jendral"""
)
"""Military and police ranks (all in :data:`TITLES`): a name follows them, never holds them."""

BALINESE_ORDER = _words("wayan putu gede gde made kadek nengah nyoman komang ketut gusti luh")
"""Balinese birth-order names (and "Gusti", "Luh") that follow "I" or "Ni" at the head of a name."""

EN_BODIES = _words(
    """parliament commission senate congress cabinet treasury ministry council assembly legislature
    government politburo bundestag duma knesset diet judiciary"""
)
"""English nouns that, capitalised alone inside a sentence, name a body ("Parliament approved …", "the
Commission said")."""

EN_TITLES = TITLES | _words(
    """congressman congresswoman chancellor treasurer colonel lieutenant captain sergeant commander marshal
    cardinal bishop gov"""
)
"""Titles of English news too ("Congressman Richard Gephardt"); Indonesian names keep these words ("Kapten"
is the Indonesian title), which the tagger learned from the training files."""

TITLE_PREFIXES = ("menko", "wamen", "kapol", "wakapol", "kasat", "kadis", "kakan", "kabid", "kasub", "dirjen", "sekjen")
"""Beginnings of contracted titles ("Menkokesra", "Wamenlu", "Kapolresta")."""

PREFIXED_PLACES = frozenset(("wamena",))
"""Places that begin like a contracted title ("Wamena": "wamen…")."""


def is_title_word(lower: str, titles: frozenset[str] = TITLES) -> bool:
    """Whether a lower-case word is a title or role of ``titles`` or a contracted one ("menkokesra")."""
    return lower in titles or (lower.startswith(TITLE_PREFIXES) and lower not in PREFIXED_PLACES)


COMPLEMENT_TITLES = _words(
    """menteri wakil kepala direktur ketua sekretaris deputi staf duta komisaris juru gubernur bupati walikota
    wali panglima komandan presiden perdana asisten anggota kepala direktorat dirjen sekjen minister secretary
    director chairman chief head deputy governor president"""
)
"""Titles that take a department or region written with capitals: "Menteri Keadilan …", "Direktur Pemasaran …"."""

ROLE_WORDS = _words(
    """luar dalam negeri pertahanan keuangan kesehatan agama sosial pertanian perhubungan perdagangan
    perindustrian pendidikan kebudayaan koordinator bidang politik hukum keamanan perekonomian kemaritiman
    investasi energi sumber daya mineral lingkungan hidup kehutanan pekerjaan umum perumahan rakyat
    komunikasi informatika pemuda olahraga pariwisata ekonomi kreatif ketenagakerjaan tenaga kerja
    sekretaris negara kabinet utama umum jenderal besar muda madya pertama bicara harian partai majelis
    dewan komisi fraksi pusat daerah provinsi kabupaten kota staf khusus operasi operasional eksekutif
    pelaksana tugas plt plh senior junior kepresidenan istana tinggi agung pengadilan negeri polhukam pol purn
    perekonomian marves pmk kesra ekuin menko
    foreign affairs defense defence finance treasury state interior home trade commerce health justice
    energy agriculture labor labour transport national security economic council executive general
    of the and for"""
)
"""Words inside a title ("Menteri Luar Negeri", "Juru bicara Kementerian …", "Secretary of State")."""

PERSON_BEFORE = _words(
    """kata ujar ungkap tutur jelas imbuh tambah papar tegas sebut terang ucap pungkas lanjut tandas
    oleh bersama kepada terhadap tersangka terdakwa terpidana korban pelaku saksi istri suami anak putra
    putri ayah ibunda ayahanda kakak adik cucu kakek nenek paman bibi keponakan menantu mertua sahabat
    rekan pengacara advokat kuasa penyanyi aktor aktris artis pemain striker penyerang gelandang bek kiper
    pebulu petinju pembalap pesepakbola pebasket atlet vokalis gitaris drummer sutradara produser penulis
    pengarang novelis pelukis penyair wartawan jurnalis fotografer politikus politisi pengusaha
    pebisnis miliarder selebritas selebriti komedian presenter youtuber influencer aktivis pengamat
    said says told according asked added wrote met named"""
)
"""A lower-case word right before a run of capitals that makes it a person."""

SPEECH_BEFORE = _words(
    """kata ujar ungkap tutur jelas imbuh tambah papar tegas sebut terang ucap pungkas lanjut tandas said
    says told wrote asked"""
)
"""The strongest of those: a speech verb before a name ("…,” kata Koffler)."""

PERSON_AFTER = _words(
    """mengatakan menyatakan menjelaskan menambahkan mengungkapkan menegaskan menuturkan menyebutkan
    mengaku menilai berharap meminta mengimbau menyampaikan mengungkap membenarkan memastikan
    menerangkan mengingatkan berkata bertanya menjawab menyebut menganggap bilang tewas meninggal lahir
    ditangkap diperiksa divonis dituntut menikah said says told added who wrote"""
)
"""A word right after a run of capitals that makes it a person."""

LOC_BEFORE = _words(
    """di ke dari kota provinsi negara wilayah daerah kawasan kabupaten kecamatan desa pulau ibu kota
    menuju asal sekitar dekat sepanjang seluruh penduduk warga masyarakat rakyat perbatasan utara selatan
    barat timur tengah in at near from to across throughout outside inside"""
)
"""A lower-case word before a run of capitals that makes a place likely."""

LOC_HEADS = _words(
    """kota kabupaten kab provinsi prov desa kecamatan kec kelurahan kel dusun kampung pulau kepulauan
    gunung pegunungan bukit lembah sungai kali danau teluk selat laut samudra samudera tanjung pantai
    jalan jl jln gang gg bandara bandar pelabuhan stasiun terminal pasar alun lapangan stadion taman hutan
    istana masjid gereja pura vihara klenteng candi monumen museum hotel apartemen kompleks perumahan
    rumah rs rsud rsup puskesmas kebun perkebunan kerajaan kesultanan gua goa curug waduk bendungan
    tugu benteng makam kuil kastil menara jembatan kolam rawa situ pangkalan lanud lanal sekolah sma smp sd
    smk sman smpn sdn smkn mts madrasah pesantren
    mount lake river island islands port gulf bay strait cape fort lake"""
)
"""First word of a place name; the head is part of the name ("Kabupaten Wonogiri", "Pulau Matak")."""

ORG_HEADS = _words(
    """kementerian kemenko kementrian departemen direktorat ditjen badan lembaga komisi dewan majelis
    mahkamah pengadilan kejaksaan kejati kejari kepolisian polda polres polresta polrestabes polsek
    kodam korem kodim koramil komando kostrad satgas korps batalyon
    brigade divisi partai universitas univ institut akademi politeknik pondok fakultas perguruan bank pt
    cv perum perusahaan koperasi yayasan
    perkumpulan persatuan perhimpunan ikatan asosiasi federasi serikat himpunan gabungan konfederasi
    organisasi forum aliansi koalisi front gerakan laskar klub timnas kesebelasan grup group
    pemkot pemkab pemprov pemda dinas biro sekretariat inspektorat otoritas parlemen senat
    komite panitia ombudsman
    ministry department agency bureau commission council committee court university college institute
    school bank party association federation union corporation company group club team league army navy
    board authority office service"""
)
"""First word of an organisation's name; the head is part of the name ("Kementerian Pertahanan China")."""

BODY_HEADS = ORG_HEADS - _words(
    """komisi dewan majelis partai pengadilan direktorat divisi biro sekretariat inspektorat satgas korps
    perguruan perusahaan koperasi council department office service board committee"""
)
"""Heads of a whole body, which a title before them does not take in as its role: "Kepala Dinas
Kesehatan …", "Ketua Ikatan …" (not "Ketua Komisi III", "Kepala Biro Humas", "Ketua Dewan Pakar",
nor a minister's field: "Menteri Koperasi", "Menteri Perguruan Tinggi")."""

MINISTERS = _words("menteri menko wamen minister")
"""Titles followed by a field, never by a body's name: "Menteri Badan Usaha Milik Negara"."""

ORG_TAILS = _words(
    """corp corporation inc incorporated co company ltd limited plc llc ag gmbh sa nv bv tbk persero
    group grup holdings holding bank fc club united airlines airways association institute university
    council committee agency party news times post daily tv television radio foundation fund trust
    partners capital securities motors energy oil petroleum industries international"""
)
"""Last word of an organisation's name ("Texaco Inc", "Chrysler Corp", "Garuda Indonesia Tbk")."""

LEGAL_TAILS = _words("corp corporation inc incorporated co ltd limited plc llc ag gmbh nv bv tbk")
"""Last word of a company's name that says it is one, whatever the name before it ("Huawei Technologies Co")."""

EN_LEGAL_TAILS = LEGAL_TAILS | _words("cos company sa n.v. s.a. a.g. b.v. l.p. lp pty bhd spa s.p.a. kk k.k. ab oy")
"""Last words of an English company's name: "Chrysler Corp", "Kindness N.V.", "British Petroleum Co Plc"."""

EN_ORG_TAILS = (
    ORG_TAILS
    | EN_LEGAL_TAILS
    | _words(
        """exchange ministry commission committee administration bureau board department office authority
    court federation union associates brothers enterprises resources journal"""
    )
)
"""Last word of an English organisation's name, whatever comes before it: "London Stock Exchange",
"Senate Finance Committee", "Fair Trade Commission" (:mod:`.rules`)."""

EN_GOVERNMENT_TAILS = _words(
    """ministry commission committee administration bureau board department office authority court agency
    council"""
)
"""Of those, the bodies of a state: a country before them stays a place ("U.S. Treasury Department")."""

LOC_TAILS = _words(
    """utara selatan barat timur tengah tenggara barat daya laut raya city county province state island
    islands river valley beach airport street avenue road square center centre plaza mall abbey church
    cathedral palace castle bridge park museum stadium hall tower mountain mountains hills lake sea ocean bay
    district region"""
)
"""Last word of a place name ("Jakarta Utara", "Kuwait City")."""

DEMONYMS = _words(
    """afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian
    azerbaijani bahamian bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british bruneian
    bulgarian burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian congolese
    croatian cuban cypriot czech danish dominican dutch ecuadorean ecuadorian egyptian emirati english
    eritrean estonian ethiopian european fijian filipino finnish french gabonese georgian german ghanaian
    greek guatemalan guinean haitian honduran hungarian icelandic indian indonesian iranian iraqi irish
    israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kuwaiti kyrgyz laotian latvian
    lebanese liberian libyan lithuanian luxembourgish malagasy malawian malaysian maldivian malian maltese
    mauritanian mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nicaraguan
    nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan peruvian philippine polish
    portuguese qatari romanian russian rwandan salvadoran saudi scottish senegalese serbian singaporean
    slovak slovenian somali soviet spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai
    tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni yugoslav
    yugoslavian zambian zimbabwean arab arabian asian african scandinavian nordic balkan andean iberian
    lankan democrat republican"""
)
"""English words for a people or a side, not names in themselves: "Iraqi warplanes", "South Korean goods",
"an Illinois Democrat". The plural of each (``-s``) is one too."""

DEMONYM_PREFIXES = _words("north south east west northern southern eastern western central latin sri new saudi")
"""Words before a demonym that make a longer one: "West German", "Latin American", "Sri Lankan"."""

CONNECTORS = _words("bin binti van von der den de da del della dos du la le al el ibn bte ter zu y")
"""Lower-case particles inside a person's name ("Mohammed bin Salman", "Ursula von der Leyen")."""

ORG_CONNECTORS = _words("dan of and for the & untuk pada de des du la")
"""Lower-case words inside an organisation's name after a head ("Bank of America", "Badan … Obat dan Makanan")."""

NEVER_NAME = _words(
    """dan atau yang di ke dari pada dalam untuk dengan ini itu tersebut ia dia mereka kami kita saya aku
    anda beliau engkau kamu para sang si namun tetapi tapi sementara sedangkan bahkan meski meskipun
    walaupun jika kalau bila apabila ketika saat setelah sebelum sejak hingga sampai agar supaya karena
    sebab sehingga maka lalu kemudian juga pun hal selain menurut bagi oleh tak tidak bukan belum sudah
    telah akan masih sangat lebih paling hanya apa siapa mengapa kenapa bagaimana kapan dimana mana sini
    situ sana tahun bulan hari pekan minggu jam pukul sekitar baru lama ada adalah ialah yakni yaitu
    seperti serta demikian begitu inilah itulah kini nanti tadi kemarin besok selama rp no km kg cm mm wib
    gimana nggak enggak gak ngga kalo udah aja banget dong sih kok yah lagipula apapun siapapun dimanapun
    wita wit pasal ayat uu uud bab purn
    the a an and or but if when while after before since of in on at to for with by from as is are was
    were be been this that these those it its he she they we you i his her their our my your there here
    what who which where why how not no yes so than then also however meanwhile
    shr shrs revs avg qtr mths oper"""
)
"""Function words, and the abbreviations of newswire earnings tables ("Shr 25 cts vs 20 cts", "Revs"):
never a name on their own, even capitalised at a sentence start or in a title."""

COMMON_SHORT_EN = _words(
    """as us in it is an am be by do go he if me my no of oh on or so to up we at ok per its the and for are
    not but can may new one our out all any has had who was you his her"""
)
"""Short English words that an all-capital headline writes like an acronym: ``AS``, ``US``, ``IT``."""
COMMON_SHORT_ID = _words("ada apa aku dan ini itu pun di ke ya tak per")
"""The same for Indonesian (``AS`` in an Indonesian headline is the United States)."""

WEEKDAY_MONTH = _words(
    """senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari pebruari maret april mei juni
    juli agustus september oktober november nopember desember monday tuesday wednesday thursday friday
    saturday sunday january february march june july august october december"""
)
"""Capitalised weekday and month names: dates, never persons or places ("May" is left to context)."""

GIVEN_NAMES = _words(
    """abdul abdullah achmad adam adi aditya agung agus ahmad akbar ali alif amir andi andre andreas andri
    angga anies anisa annisa anton antonius ari arief arif arya asep aziz bambang bayu benny budi cahya
    cahyo dadang dani danu dedi dedy deni dewi dian dimas dina doni dwi edi edy eko endang erik erwin evi
    fadli fahmi fajar fauzi fauzan fikri firman fitri gede hadi hamid hari hasan hendra hendro heru hidayat
    ika ikhsan ilham imam iman indah indra irfan irwan iwan joko junaidi kadek ketut komang kurniawan lestari
    lina lukman made mahmud maria markus maya mega muhamad muhammad mohamad mohammad moh muh nanda nia nur
    nurul nyoman putra putri putu rachmat rahmat rama rahman rangga rani ratna reza ridwan rina rini rizal
    rizki rizky robert rudi rudy sari siti slamet sri stefanus sugeng suharto sukarno surya susanti susilo
    syahrul taufik teguh tri umar wahyu wawan wayan wibowo widodo wulan yanti yoga yohanes yudi yuli yusuf
    zainal zulkifli ade agustina aisyah ajeng amalia anggun ani ayu bagus citra dinda eka elsa endah fitria
    gita hana intan kartika laras maharani melati nabila novi nurhayati puspita rahayu retno rosa sinta
    tika utami vina wati yulia yuni yunus ismail ibrahim sulaiman hussein husein hassan hasyim salim
    aaron adrian alan albert alex alexander alexei alice amanda amy andrew angela anna anne anthony
    antonio arthur barbara ben benjamin bill bob boris brian carlos catherine charles charlie chris
    christopher claire daniel david dennis diana donald dmitry edward elizabeth emily emma eric frank
    fran francis francisco fred gary george gerald gordon hans harry helen henry ivan jack jacob james jane
    janet jason jean jeff jennifer jim jo joan joe johann john jonathan jose joseph juan julia julian karen
    kate kevin larry laura lee leonardo linda lisa louis luis luke margaret maria mark martin mary matthew
    michael michel mikhail mohammed nancy nicholas nick nicolas nikolai olga oliver pablo patricia patrick
    paul peter philip pierre rebecca rebekah richard robert roger ronald ruth ryan sam samuel sarah scott
    sergei sergey simon stephen steve steven susan thomas tim timothy tom tony victor viktor vladimir walter
    william yuri"""
)
"""Common given names (Indonesian and international): a run starting with one is a person."""

NOT_PERSON_WORDS = _words(
    """allah tuhan nabi rasul islam kristen kristiani nasrani katolik protestan hindu buddha budha konghucu
    muslim muslimah yahudi lebaran ramadan ramadhan idul natal paskah imlek nyepi waisak covid corona internet
    online"""
)
"""Capitalised words that are neither persons nor places on their own."""

EVENT_HEADS = _words(
    """konferensi ktt festival piala kejuaraan turnamen pameran konvensi perjanjian deklarasi inisiatif
    prakarsa operasi program olimpiade pekan perang revolusi summit conference festival cup championship
    war treaty agreement initiative programme program operation olympics games"""
)
"""First word of a named event or programme (MISC): "Konferensi Moskow tentang Keamanan Internasional"."""

EVENT_CONNECTORS = _words("tentang mengenai untuk dan of on and for the")
"""Lower-case words inside an event's name."""

COMPASS = _words("utara selatan barat timur tengah tenggara raya laut daya pusat north south east west central")
"""Words after a place that make a larger or nearby place ("Jakarta Utara", "Israel utara")."""

COMPASS_BEFORE = _words("north south east west central northern southern eastern western upper lower")
"""English words of direction that open a place's name before a place ("West Berlin", "South Vietnam")."""

WORK_TAILS = _words("awards award records show contest festival prize trophy tour album")
"""Last word of a named award, show or work: not a person, organisation or place."""

NOT_ENTITY_ACRONYMS = _words(
    """bbm spbu spbe tps tv pns asn apbn apbd pdb gdp ham uu uud ktp sim nik hp phk umkm ukm wib wita wit rt rw
    sd smp sma smk paud tk ott dpo cctv pltu pltn pltd lpg atm it ai ceo cfo coo pm mou asi hiv aids dbd tbc
    covid sars pcr psbb ppkm kkn lsm ngo ruu perppu perpu perda pilkada pemilu pilpres caleg capres cawapres
    cagub pr sdm iptek lpj rapbn rapbd bpjs kpr ojol wni wna tki tkw pmi nkri sara ite pdip dpp dpd dpc ok
    rs rsud usd rp idr eur km kg ha mw kwh gw pileg pansel raker rapim munas mukernas rakernas rakor rakorwil
    musda musra rapimnas reshuffle"""
)
"""Common acronyms that are not names: fuel (BBM), petrol stations (SPBU), budgets, documents, units."""

NOUN_FOLLOWERS = _words("tentang mengenai ini itu tersebut atas terhadap bagi dari dalam untuk seperti lainnya")
"""Words that follow an ordinary noun more often than a name: "Rincian tentang …" opens with a noun."""

DESCRIPTOR_SKIP = _words(
    """, adalah merupakan ialah yakni yaitu sebuah suatu salah satu dari sebagai is was are a an the one of"""
)
"""Words between a name and the noun that says what it is ("X adalah salah satu desa …")."""

LOC_NOUNS = _words(
    """desa kota kecamatan kabupaten provinsi negara pulau kepulauan gunung sungai danau wilayah daerah
    kawasan distrik kampung dusun kelurahan pantai benua semenanjung selat teluk laut ibukota region
    village town city county district province country island river mountain lake capital"""
)
"""Nouns that describe a place ("X adalah sebuah desa di …")."""

ORG_NOUNS = _words(
    """perusahaan band grup klub partai organisasi lembaga universitas sekolah tim kelompok yayasan
    maskapai harian majalah koran label institut akademi asosiasi federasi perkumpulan serikat produsen
    pabrikan operator emiten startup company firm group club party organization organisation agency
    university school team newspaper magazine airline label maker manufacturer carrier"""
)
"""Nouns that describe an organisation ("band Nidji", "X, sebuah perusahaan …")."""

PERSON_NOUNS = _words(
    """seorang tokoh pemain penyanyi aktor aktris politikus politisi pengusaha penulis pelatih musisi
    pesepakbola atlet ilmuwan penyair pelukis sutradara produser jurnalis wartawan pejabat presiden
    menteri gubernur bupati anggota mantan putra putri istri suami singer actor actress politician
    player writer businessman author coach musician scientist poet painter director producer journalist"""
)
"""Nouns that describe a person ("X, seorang penyanyi", "X adalah aktor …")."""

NOT_ENTITY_BEFORE = _words(
    """bahasa suku etnis aliran gaya silat album lagu singel single film serial sinetron novel buku judul
    acara lakon varietas spesies genus famili merek jenis tipe seri hewan tanaman penyakit virus obat
    language species genus brand album song film novel"""
)
"""Words after which a capitalised name is a language, a people, a work or a species: not an entity."""

SPORTS_WORDS = _words(
    """laga pertandingan bertanding tanding gol skor liga klub menjamu dijamu tandang kandang juara musim
    pelatih striker penyerang gelandang bek kiper winger skuad menang kalah imbang mengalahkan dikalahkan
    ditahan menahan menekuk membungkam membela hengkang direkrut transfer babak menit kompetisi grup
    klasemen poin tim lawan melawan menghadapi kontra vs match league club coach midfielder
    defender goalkeeper squad beat beaten draw drew season"""
)
"""Words of a sentence about a match: a place that is also a club's name is the club there ("menjamu
Valencia"; :mod:`.combine`)."""

LOCATIVES = _words("di ke dari asal kota menuju dekat sekitar in at to from near")
"""Words before a place as a place: "di Barcelona" stays the city, whatever the sentence is about."""
