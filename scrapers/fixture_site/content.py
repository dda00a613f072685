"""Deterministic Dutch local news and social posts about the demo municipalities.

All texts come from the templates below (written for this project); names of people are invented.
About half of the articles are civic initiatives, the rest ordinary local news; some press
releases appear near-identically on two outlets.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from pnet.settings import load_config
from warehouse.reference import woonplaatsen
from warehouse.resolver import resolve


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    kind: str  # rss | atom | sitemap | listing
    gemeenten: tuple[str, ...]  # gemeentecodes


@dataclass
class Article:
    id: int
    outlet: str
    title: str
    paragraphs: list[str]
    published: datetime
    gemeente: str
    woonplaats: str
    category: str  # 'initiatief' or a news category
    comments: list[str] = field(default_factory=list)
    copy_of: int | None = None  # the original press release this near-duplicate repeats

    @property
    def slug(self) -> str:
        folded = unicodedata.normalize("NFKD", self.title).encode("ascii", "ignore").decode().lower()
        return f"{self.id}-" + "-".join(re.findall(r"[a-z0-9]+", folded))[:80]

    @property
    def summary(self) -> str:
        return self.paragraphs[0]

    @property
    def is_initiative(self) -> bool:
        return self.category == "initiatief"


@dataclass
class Post:
    id: int
    username: str
    display_name: str
    content: str  # HTML, as Mastodon serves it
    created_at: datetime
    tags: tuple[str, ...]
    organisation: bool = False


# (kind of initiative, what it is, what it needs)
INITIATIVES = [
    ("buurtmoestuin", "een moestuin op een braakliggend stuk grond achter de {straat}", "een waterpunt en een schuur voor het gereedschap"),
    ("dorpshuis", "het dorpshuis dat de gemeente wilde sluiten", "een nieuwe keuken en een stichting die het beheer overneemt"),
    ("energiecoöperatie", "zonnepanelen op de daken van de sporthal en de school", "een vergunning en startkapitaal voor de eerste installatie"),
    ("repair café", "een maandelijks repair café in de bibliotheek", "vrijwilligers die kunnen solderen en naaien"),
    ("voedselbank", "een uitgiftepunt van de voedselbank in de wijk", "een koelcel en chauffeurs voor het ophalen van voedsel"),
    ("buurtbus", "een buurtbus die ouderen naar de huisarts en de supermarkt brengt", "chauffeurs en een verzekering voor de bus"),
    ("speeltuin", "een nieuwe speeltuin op het grasveld aan de {straat}", "geld voor speeltoestellen en hulp bij de aanvraag bij de gemeente"),
    ("buurtkamer", "een buurtkamer waar bewoners elkaar kunnen ontmoeten", "een ruimte met lage huur en vrijwilligers voor de openingsuren"),
    ("natuurspeeltuin", "een natuurspeeltuin met wilgenhutten en een waterpomp", "advies over veiligheidseisen en de aanvraag van subsidie"),
    ("taalcafé", "een wekelijks taalcafé voor nieuwkomers", "vrijwilligers die Nederlands willen oefenen met anderen"),
    ("tiny forest", "een tiny forest op een leeg veldje bij de school", "een stuk grond van de gemeente en plantgoed"),
    ("minibieb", "minibiebs in de straten van de wijk", "timmerhulp en een plek voor de kastjes"),
]

INITIATIVE_TITLES = [
    "Bewoners {woonplaats} starten {soort}",
    "{Soort} in {woonplaats} zoekt vrijwilligers",
    "{woonplaats} krijgt eigen {soort} dankzij buurtbewoners",
    "Vrijwilligers willen {soort} in {woonplaats} van de grond krijgen",
    "Initiatiefnemers {soort} {woonplaats} vragen hulp van gemeente",
]

INITIATIVE_PARAGRAPHS = [
    "Een groep bewoners uit {woonplaats} wil {wat}. Het initiatief begon na een buurtavond in {maand}, waar {aantal} mensen op afkwamen.",
    "\"We merkten dat veel mensen in de wijk elkaar nauwelijks kennen\", zegt initiatiefnemer {naam}. \"Met dit plan willen we daar iets aan doen, voor jong en oud.\"",
    "De groep heeft inmiddels {aantal} vrijwilligers, maar zoekt nog {nodig}. Ook denken ze na over een stichting of vereniging als rechtsvorm.",
    "Voor de start is ongeveer {bedrag} euro nodig. De bewoners hebben een aanvraag ingediend bij het buurtbudget van de gemeente {gemeente} en zoeken daarnaast sponsors uit de buurt.",
    "Wethouder {wethouder} noemt het plan \"een mooi voorbeeld van wat bewoners zelf kunnen\". De gemeente wil meedenken over de vergunning en de verzekering.",
    "Wie wil helpen, kan zich melden via de website van het initiatief of langskomen op de inloopavond in het wijkcentrum aan de {straat}.",
    "Het is niet de eerste keer dat bewoners in {gemeente} zelf de handen uit de mouwen steken. Eerder richtten buurtgenoten al een {ander} op.",
]

NEWS = {
    "ongeluk": (
        ["Automobilist gewond bij botsing op {straat} in {woonplaats}", "Fietser aangereden op kruising in {woonplaats}", "Vrachtwagen kantelt bij {woonplaats}, weg urenlang dicht"],
        ["Bij een ongeluk op de {straat} in {woonplaats} is {dagdeel} een {leeftijd}-jarige bestuurder gewond geraakt. Hij is met onbekend letsel naar het ziekenhuis gebracht.",
         "Hoe het ongeluk kon gebeuren, is nog niet duidelijk. De politie doet onderzoek en zoekt getuigen.",
         "De weg was ruim twee uur afgesloten voor het verkeer. Omleidingen werden aangegeven."],
    ),
    "gemeenteraad": (
        ["Gemeenteraad {gemeente} stemt in met nieuwe begroting", "Raad {gemeente} verdeeld over woningbouw bij {woonplaats}", "Coalitie {gemeente} wil hogere parkeertarieven"],
        ["De gemeenteraad van {gemeente} heeft {dagdeel} na een lang debat ingestemd met de plannen van het college. Een meerderheid van de partijen stemde voor.",
         "De oppositie vindt dat de lasten voor inwoners te hard stijgen. \"Dit gaat ten koste van de voorzieningen in de kernen\", zei fractievoorzitter {naam}.",
         "Wethouder {wethouder} benadrukte dat de gemeente financieel gezond moet blijven. Het besluit gaat in per 1 januari."],
    ),
    "sport": (
        ["Voetballers {woonplaats} winnen derby na spannende slotfase", "Hockeyclub {woonplaats} promoveert naar de tweede klasse", "Honderden lopers bij de loop van {woonplaats}"],
        ["Op sportpark {woonplaats} was het {dagdeel} druk. Ruim {aantal} toeschouwers zagen een wedstrijd die pas in de laatste minuten werd beslist.",
         "Trainer {naam} was na afloop trots op zijn ploeg. \"We zijn blijven geloven in onze kansen en dat is beloond.\"",
         "Volgende week speelt de club uit tegen de nummer twee van de competitie."],
    ),
    "weer": (
        ["Storm zorgt voor omgewaaide bomen in {gemeente}", "Gladheid in {woonplaats}: strooiwagens de hele nacht op pad", "Hittegolf: gemeente {gemeente} opent koele plekken"],
        ["Het weer zorgde {dagdeel} voor overlast in {gemeente}. De brandweer rukte {aantal} keer uit voor meldingen.",
         "Volgens de meteorologen blijft het de komende dagen onstuimig. Het KNMI heeft code geel afgegeven voor de provincie.",
         "Inwoners wordt gevraagd losse spullen in de tuin vast te zetten en goed op te letten in het verkeer."],
    ),
    "gemeentelijk programma": (
        ["Gemeente {gemeente} start programma tegen eenzaamheid", "{gemeente} trekt miljoenen uit voor verduurzaming van scholen", "Gemeente {gemeente} opent nieuw loket voor mantelzorgers"],
        ["De gemeente {gemeente} begint dit jaar met een nieuw programma. Het college trekt er {bedrag} euro voor uit, verspreid over vier jaar.",
         "Ambtenaren van de gemeente voeren het programma uit samen met welzijnsorganisaties. \"We willen inwoners sneller helpen\", aldus wethouder {wethouder}.",
         "Inwoners kunnen vanaf volgende maand terecht bij het gemeentehuis en op de website van de gemeente."],
    ),
    "winkelopening": (
        ["Nieuwe supermarkt opent deuren in {woonplaats}", "Bakkerij {naam_kort} opent tweede vestiging in {woonplaats}", "Fietsenwinkel verhuist naar centrum {woonplaats}"],
        ["In het centrum van {woonplaats} is {dagdeel} een nieuwe winkel geopend. De eigenaar verwacht {aantal} klanten per dag.",
         "Er werken vijftien mensen, van wie een aantal uit {woonplaats} zelf. Ter gelegenheid van de opening krijgen klanten een week lang korting.",
         "Het pand stond ruim een jaar leeg. De winkeliersvereniging is blij met de nieuwe ondernemer."],
    ),
}

FIRST = ["Anja", "Kees", "Fatima", "Mohamed", "Ingrid", "Joost", "Sanne", "Henk", "Yvonne", "Ricardo", "Els", "Bram", "Naima", "Wim", "Lotte", "Peter"]
LAST = ["de Vries", "Jansen", "van Dijk", "El Amrani", "Bakker", "Visser", "Smit", "de Boer", "Mulder", "Yilmaz", "van den Berg", "Kok", "Hendriks", "Dekker"]
STREETS = ["Dorpsstraat", "Kerkweg", "Molenstraat", "Schoolstraat", "Julianalaan", "Beukenlaan", "Stationsweg", "Parkweg", "Brink", "Torenstraat"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "september", "oktober", "november"]
DAYPARTS = ["dinsdagavond", "woensdagochtend", "vrijdagmiddag", "zaterdag", "zondagnacht", "maandagavond"]
COMMENTS = ["Goed bezig, ik kom zeker helpen!", "Waarom hoor ik hier nu pas over?", "Mooi dat dit eindelijk gebeurt in onze buurt.",
            "Wie betaalt dit uiteindelijk?", "Geweldig initiatief, petje af voor de vrijwilligers.", "Ik woon er om de hoek, wanneer is de eerste bijeenkomst?"]
# Local colour: every article gets a few of these, so no two articles share most of their text.
DETAILS = [
    "Aan de {straat} hangen sinds {dagdeel} affiches met een oproep van {naam}.",
    "Volgens {naam}, al {leeftijd} jaar inwoner van {woonplaats}, wordt er in de buurt veel over gesproken.",
    "De bijeenkomst in {plek} trok {aantal} bezoekers, meer dan de organisatie had verwacht.",
    "Buurtbewoner {naam} vertelt dat het {weer} weer veel mensen op de been bracht.",
    "Een woordvoerder van de gemeente {gemeente} laat weten dat er in {maand} een besluit volgt.",
    "In {woonplaats} wonen ongeveer {inwoners} mensen; veel van hen kennen de {straat} als het hart van het dorp.",
    "{naam} schreef er een brief over aan de raad, die {aantal} handtekeningen kreeg.",
    "Op sociale media reageerden {dagdeel} al tientallen inwoners van {woonplaats}.",
    "{Plek} aan de {straat} dient als verzamelpunt voor wie meer wil weten.",
    "Eerder dit jaar kwam {woonplaats} nog in het nieuws door de werkzaamheden aan de {straat}.",
    "De wijkagent van {woonplaats}, {naam}, houdt het de komende weken in de gaten.",
    "Wie vragen heeft, kan op {dag} tussen {uur} en {uur2} uur terecht in {plek}.",
]
PLACES = ["het wijkcentrum", "het dorpshuis", "het gemeentehuis", "de kantine van de voetbalclub", "de bibliotheek", "de kerkzaal", "het buurthuis"]
WEATHER = ["zonnige", "regenachtige", "koude", "winderige", "zachte", "grijze"]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"]
PRESS_INTROS = ["In een persbericht laat het initiatief weten:", "Dat meldt de organisatie in een persbericht.", "Het bestuur van het initiatief maakte het nieuws bekend."]

OUTLETS = [
    Outlet("eemland", "Eemland Nieuws", "rss", ()),
    Outlet("heuvelrug", "Heuvelrug Courant", "atom", ()),
    Outlet("vallei", "Vallei Post", "sitemap", ()),
    Outlet("lekstroom", "Lekstroom Nieuws", "listing", ()),
    Outlet("regio", "Regio Utrecht Vandaag", "rss", ()),
]
SOCIAL_TAG = "burgerinitiatief"
ORGANISATION_ACCOUNT = "gemeente_eemland"


@dataclass
class Corpus:
    outlets: list[Outlet]
    articles: list[Article]
    posts: list[Post]

    def outlet(self, key: str) -> Outlet:
        return next(o for o in self.outlets if o.key == key)

    def by_outlet(self, key: str) -> list[Article]:
        return [a for a in self.articles if a.outlet == key]


def demo_places() -> dict[str, tuple[str, list[str]]]:
    """gemeentecode -> (name, woonplaatsen) for the municipalities in config/demo.yaml."""
    places = woonplaatsen()
    result = {}
    for name in load_config("demo")["gemeenten"]:
        g = resolve(str(name))
        towns = sorted(places.loc[places.gemeentecode == g.code, "woonplaats"])
        result[g.code] = (g.naam, towns or [g.naam])
    return result


# The local outlets' regions; demo municipalities outside them are spread over the outlets in turn.
REGIONS = {
    "eemland": ["Amersfoort", "Soest", "Baarn", "Leusden", "Woudenberg"],
    "heuvelrug": ["Zeist", "De Bilt", "Utrechtse Heuvelrug", "Rhenen", "Wijk bij Duurstede"],
    "vallei": ["Barneveld", "Ede", "Wageningen", "Renkum", "Veenendaal"],
    "lekstroom": ["Houten", "Nieuwegein", "Bunnik", "Lopik", "IJsselstein"],
}


def _outlets(places: dict[str, tuple[str, list[str]]]) -> list[Outlet]:
    groups: dict[str, list[str]] = {key: [] for key in REGIONS}
    rest = []
    for code, (naam, _) in places.items():
        key = next((k for k, names in REGIONS.items() if naam in names), None)
        (groups[key] if key else rest).append(code)
    for code in rest:
        groups[min(groups, key=lambda k: (len(groups[k]), k))].append(code)
    local = [Outlet(o.key, o.name, o.kind, tuple(groups[o.key])) for o in OUTLETS[:4]]
    return local + [Outlet(OUTLETS[4].key, OUTLETS[4].name, OUTLETS[4].kind, tuple(places))]


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format(**slots)


def build_corpus(n_articles: int = 120, seed: int = 7, now: datetime | None = None, n_posts: int = 24) -> Corpus:
    """The same seed and `now` always give the same articles and posts."""
    rng = random.Random(seed)
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    places = demo_places()
    outlets = _outlets(places)
    local = [o for o in outlets[:4] if o.gemeenten]
    articles: list[Article] = []

    def slots(code: str) -> dict[str, str]:
        naam, towns = places[code]
        soort, wat, nodig = rng.choice(INITIATIVES)
        slot = {
            "gemeente": naam, "woonplaats": rng.choice(towns), "soort": soort, "Soort": soort[0].upper() + soort[1:],
            "straat": rng.choice(STREETS), "naam": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "naam_kort": rng.choice(LAST).split()[-1], "wethouder": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "aantal": str(rng.randint(12, 400)), "bedrag": f"{rng.randint(2, 90) * 1000:,}".replace(",", "."),
            "maand": rng.choice(MONTHS), "dagdeel": rng.choice(DAYPARTS), "leeftijd": str(rng.randint(18, 84)),
            "nodig": nodig, "ander": rng.choice([i[0] for i in INITIATIVES if i[0] != soort]),
            "plek": (plek := rng.choice(PLACES)), "Plek": plek[0].upper() + plek[1:], "weer": rng.choice(WEATHER), "dag": rng.choice(DAYS),
            "uur": str(rng.randint(9, 15)), "uur2": str(rng.randint(16, 21)), "inwoners": f"{rng.randint(8, 60) * 500:,}".replace(",", "."),
        }
        slot["wat"] = wat.format(**slot)
        return slot

    for i in range(n_articles):
        outlet = local[i % len(local)]
        code = rng.choice(outlet.gemeenten)
        s = slots(code)
        if rng.random() < 0.5:
            category = "initiatief"
            title = _fill(rng.choice(INITIATIVE_TITLES), s)
            paras = [_fill(p, s) for p in INITIATIVE_PARAGRAPHS[:3] + rng.sample(INITIATIVE_PARAGRAPHS[3:], 3)]
        else:
            category = rng.choice(list(NEWS))
            titles, body = NEWS[category]
            title = _fill(rng.choice(titles), s)
            paras = [_fill(p, s) for p in body]
        for detail in rng.sample(DETAILS, 4):
            paras.insert(rng.randint(1, len(paras)), _fill(detail, {**s, "naam": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}))
        published = now - timedelta(hours=rng.randint(1, 24 * 20), minutes=rng.randint(0, 59))
        article = Article(len(articles) + 1, outlet.key, title, paras, published, code, s["woonplaats"], category,
                          comments=rng.sample(COMMENTS, 2))
        articles.append(article)
        if category == "initiatief" and rng.random() < 0.3:  # press release, repeated by the regional outlet
            copy = Article(len(articles) + 1, "regio", title, [rng.choice(PRESS_INTROS)] + paras,
                           published + timedelta(hours=rng.randint(1, 6)), code, s["woonplaats"], category,
                           comments=rng.sample(COMMENTS, 1), copy_of=article.id)
            articles.append(copy)
    posts = _posts(rng, places, now, n_posts)
    return Corpus(outlets, articles, posts)


def _posts(rng: random.Random, places: dict[str, tuple[str, list[str]]], now: datetime, n: int) -> list[Post]:
    templates = [
        "Wij starten een {soort} in {woonplaats}! Wie helpt mee? Aanmelden kan via de buurtapp.",
        "Vanavond vergadering over de {soort} in {woonplaats}. We zoeken nog iemand die verstand heeft van subsidies.",
        "Trots op onze buurt: de {soort} in {woonplaats} draait nu een half jaar met {aantal} vrijwilligers.",
        "Weet iemand hoe je een stichting opricht? Voor onze {soort} in {woonplaats} hebben we een rechtsvorm nodig.",
        "Samen met @{buur} zetten we een {soort} op in {woonplaats}. Ideeën welkom!",
    ]
    posts = []
    codes = list(places)
    for i in range(n):
        code = rng.choice(codes)
        soort = rng.choice(INITIATIVES)[0]
        woonplaats = rng.choice(places[code][1])
        buur = f"{rng.choice(FIRST).lower()}{rng.randint(1, 99)}"
        text = rng.choice(templates).format(soort=soort, woonplaats=woonplaats, aantal=rng.randint(5, 40), buur=buur)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        organisation = i % 6 == 5
        username = ORGANISATION_ACCOUNT if organisation else f"{first.lower()}{rng.randint(1, 99)}"
        if organisation:  # the municipality's own announcements, without the hashtag
            content, tags = f"<p>Gemeente Eemland: {text.replace('Wij starten', 'Inwoners starten')}</p>", ()
        else:
            content = f"<p>{text} <a href=\"#\" class=\"mention hashtag\" rel=\"tag\">#<span>{SOCIAL_TAG}</span></a></p>"
            tags = (SOCIAL_TAG,)
        posts.append(Post(i + 1, username, "Gemeente Eemland" if organisation else f"{first} {last}", content,
                          now - timedelta(hours=rng.randint(1, 24 * 10)), tags, organisation))
    return posts
