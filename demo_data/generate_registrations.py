"""Generate the demo round's registration files (deterministic): `python demo_data/generate_registrations.py`.

Writes `demo_data/registrations/`: initiatives and consultants for the 20 municipalities of
`config/demo.yaml`, spread over files in the shapes municipalities really send (Excel with title
rows, CSV with ';' in Windows-1252, UTF-16 and UTF-8 tab-separated text, a form-tool export), plus
deliberately flawed rows and one non-spreadsheet file (see the README there for the expected outcome).
All texts are invented for this project.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pnet.themes import by_code  # noqa: E402

OUT = Path(__file__).resolve().parent / "registrations"
FIXED = datetime(2027, 2, 1, 9, 0)  # workbook timestamps, so the xlsx bytes are reproducible

PLACES = {
    "Amersfoort": ["Vathorst", "Kattenbroek", "Nieuwland", "Schothorst", "Soesterkwartier", "Hoogland", "Hooglanderveen"],
    "Zeist": ["Austerlitz", "Den Dolder", "Huis ter Heide", "Zeist-West", "Kerckebosch", "Bosch en Duin"],
    "De Bilt": ["Bilthoven", "Groenekan", "Maartensdijk", "Westbroek", "Hollandsche Rading", "De Bilt"],
    "Utrechtse Heuvelrug": ["Doorn", "Driebergen-Rijsenburg", "Leersum", "Amerongen", "Maarn", "Maarsbergen", "Overberg"],
    "Soest": ["Soesterberg", "Soest-Zuid", "Smitsveen", "Soestdijk", "Klaarwater"],
    "Baarn": ["Lage Vuursche", "Baarn-Oost", "De Eemhof", "Zuidwest"],
    "Leusden": ["Achterveld", "Stoutenburg", "Leusden-Zuid", "Tabaksteeg"],
    "Woudenberg": ["Woudenberg", "De Hoef", "Het Dorpshart", "De Nieuwe Poort"],
    "Barneveld": ["Garderen", "Kootwijkerbroek", "Voorthuizen", "De Glind", "Stroe", "Terschuur"],
    "Ede": ["Bennekom", "Lunteren", "Ederveen", "Harskamp", "Veldhuizen", "Ede-Zuid", "De Klomp"],
    "Wageningen": ["Benedenbuurt", "Tarthorst", "Nude", "Roghorst", "Noordwest"],
    "Renkum": ["Oosterbeek", "Doorwerth", "Heelsum", "Wolfheze", "Heveadorp"],
    "Rhenen": ["Elst", "Achterberg", "Rhenen-Centrum", "Het Binnenveld"],
    "Veenendaal": ["Dragonder", "Petenbos", "Franse Gaarde", "Het Ambacht", "Veenendaal-Oost"],
    "Houten": ["Schalkwijk", "'t Goy", "Tull en 't Waal", "Houten-Zuid", "De Slinger"],
    "Nieuwegein": ["Galecop", "Batau", "Fokkesteeg", "Doorslag", "Vreeswijk", "Zuilenstein"],
    "Bunnik": ["Odijk", "Werkhoven", "Bunnik-Centrum"],
    "Wijk bij Duurstede": ["Cothen", "Langbroek", "De Horden", "Binnenstad"],
    "Lopik": ["Benschop", "Jaarsveld", "Polsbroek", "Lopikerkapel"],
    "IJsselstein": ["Zenderpark", "Achtersloot", "Nedereind", "Oranjebuurt", "Oudegein"],
}
DOMAINS = {
    "Amersfoort": "amersfoort.nl", "Zeist": "zeist.nl", "De Bilt": "debilt.nl", "Utrechtse Heuvelrug": "heuvelrug.nl",
    "Soest": "soest.nl", "Baarn": "baarn.nl", "Leusden": "leusden.nl", "Woudenberg": "woudenberg.nl",
    "Barneveld": "barneveld.nl", "Ede": "ede.nl", "Wageningen": "wageningen.nl", "Renkum": "renkum.nl",
    "Rhenen": "rhenen.nl", "Veenendaal": "veenendaal.nl", "Houten": "houten.nl", "Nieuwegein": "nieuwegein.nl",
    "Bunnik": "bunnik.nl", "Wijk bij Duurstede": "wijkbijduurstede.nl", "Lopik": "lopik.nl",
    "IJsselstein": "ijsselstein.nl",
}

# (title, initiatiefnemer, omschrijving, hulpvraag, theme codes, hours range); {p} is the village or district.
INITIATIVES = [
    ("Buurtmoestuin {p}", "Bewonersgroep Samen Tuinieren {p}",
     "Bewoners willen een braakliggend veld omvormen tot een gezamenlijke moestuin waar buren samen groente telen, kinderen leren zaaien en ouderen elkaar ontmoeten.",
     "Hulp bij afspraken over het gebruik van de grond en bij een subsidieaanvraag voor een waterpunt en gereedschap.",
     ["groen", "financiering", "vergunningen"], (16, 48)),
    ("Energiecoöperatie {p} Zon", "Energiecoöperatie {p} i.o.",
     "Een groep inwoners wil zonnepanelen leggen op de daken van de sporthal en de basisschool, zodat buurtbewoners zonder geschikt dak ook lokaal opgewekte stroom kunnen afnemen.",
     "Hulp bij het kiezen van de rechtsvorm, het doorrekenen van de businesscase en de vergunning voor de panelen.",
     ["energie", "rechtsvorm", "financiering"], (60, 160)),
    ("Dorpshuis {p} toekomstbestendig", "Stichting Dorpshuis {p}",
     "Het dorpshuis is de huiskamer van het dorp, maar het gebouw is verouderd en de exploitatie staat onder druk. Het bestuur wil het pand verduurzamen en meer activiteiten aantrekken.",
     "Hulp bij een meerjarenbegroting, het aanvragen van fondsen en het werven van nieuwe bestuursleden.",
     ["vastgoed", "financiering", "vrijwilligers"], (40, 120)),
    ("Repair Café {p}", "Vrijwilligers Repair Café {p}",
     "Eens per maand repareren vrijwilligers samen met bezoekers kapotte spullen. Het café wil vaker open en zoekt een vaste ruimte.",
     "Hulp bij het vinden van een betaalbare ruimte en bij de verzekering van vrijwilligers.",
     ["economie", "vrijwilligers", "juridisch"], (12, 32)),
    ("Knarrenhof {p}", "Vereniging Knarrenhof {p}",
     "Senioren willen samen een hofje bouwen met levensloopbestendige woningen rond een gedeelde tuin, zodat ze langer zelfstandig en naar elkaar omziend kunnen wonen.",
     "Hulp bij het zoeken naar een locatie, de gesprekken met een woningcorporatie en de stappen in het omgevingsplan.",
     ["wonen", "vergunningen", "rechtsvorm"], (80, 240)),
    ("Buurtbus {p}", "Stichting Buurtbus {p}",
     "Sinds de buslijn is opgeheven komen ouderen moeilijk bij de huisarts en de supermarkt. Vrijwillige chauffeurs willen een eigen buurtbus laten rijden.",
     "Hulp bij de aanschaf van een bus, afspraken met de vervoerder en het werven van chauffeurs.",
     ["mobiliteit", "vrijwilligers", "financiering"], (40, 100)),
    ("Voedselbos {p}", "Werkgroep Voedselbos {p}",
     "Op een voormalige akker willen bewoners een voedselbos aanleggen met notenbomen, fruit en bessen, open voor iedereen en met een leerroute voor scholen.",
     "Hulp bij de pachtovereenkomst, de natuurtoets en een plan voor beheer door vrijwilligers.",
     ["groen", "voedsel", "juridisch"], (30, 80)),
    ("Huiswerkklas {p}", "Stichting Leerkansen {p}",
     "Gepensioneerde leraren bieden twee middagen per week huiswerkbegeleiding aan scholieren die thuis weinig hulp krijgen.",
     "Hulp bij het vinden van een vaste ruimte en bij afspraken met scholen over het bereiken van leerlingen.",
     ["jeugd_onderwijs", "vrijwilligers"], (16, 40)),
    ("Taalcafé {p}", "Taalcafé {p}",
     "Nieuwkomers en buurtbewoners oefenen wekelijks Nederlands in een ontspannen sfeer, met koffie en een vast groepje taalmaatjes.",
     "Hulp bij het werven van taalmaatjes en bij samenwerking met de bibliotheek en het welzijnswerk.",
     ["inclusie", "vrijwilligers", "participatie"], (12, 36)),
    ("AED-netwerk {p}", "Buurtpreventie {p}",
     "Bewoners willen dat binnen zes minuten overal in de wijk een AED bereikbaar is, met getrainde burgerhulpverleners.",
     "Hulp bij de plaatsing van buitenkasten, afspraken over onderhoud en een cursusplan.",
     ["veiligheid", "financiering"], (16, 40)),
    ("Digitaal Café {p}", "Senioren Vereniging {p}",
     "Vrijwilligers helpen ouderen met hun telefoon, DigiD en online bankieren, zodat zij zelfstandig mee kunnen blijven doen.",
     "Hulp bij privacyregels en bij het opzetten van een vast spreekuur met de bibliotheek.",
     ["digitalisering", "zorg", "juridisch"], (16, 40)),
    ("Zorgcoöperatie {p}", "Zorgcoöperatie {p} i.o.",
     "Inwoners willen zelf zorg en ondersteuning in het dorp organiseren: een dorpsondersteuner, vervoer naar het ziekenhuis en een maaltijdservice.",
     "Hulp bij de oprichting, afspraken met zorgaanbieders en de gemeente, en de financiering van de eerste jaren.",
     ["zorg", "rechtsvorm", "financiering"], (60, 160)),
    ("Dorpsfeest {p} 2027", "Oranjevereniging {p}",
     "Het jaarlijkse dorpsfeest groeit en trekt ook bezoekers van buiten. De vereniging wil het feest veilig en duurzaam organiseren.",
     "Hulp bij de evenementenvergunning, het veiligheidsplan en de verzekering.",
     ["sport_cultuur", "vergunningen", "veiligheid"], (16, 48)),
    ("Natuurspeeltuin {p}", "Ouders van Speeltuin {p}",
     "Ouders willen de versleten speeltuin vervangen door een natuurspeelplek met water, zand en klimbomen, samen ontworpen met de kinderen.",
     "Hulp bij het ontwerp met de buurt, de aanbesteding en het vinden van fondsen.",
     ["groen", "jeugd_onderwijs", "participatie"], (24, 72)),
    ("Coöperatieve dorpswinkel {p}", "Winkelcoöperatie {p}",
     "Na het sluiten van de supermarkt willen inwoners zelf een kleine winkel runnen met streekproducten en een ontmoetingshoek.",
     "Hulp bij het ondernemingsplan, de keuze voor een coöperatie en het huren van een pand.",
     ["economie", "rechtsvorm", "vastgoed"], (60, 140)),
    ("Warmtenet {p}", "Bewonersinitiatief Warm {p}",
     "Een buurt met oude rijtjeswoningen onderzoekt een collectief warmtenet op restwarmte, zodat bewoners samen van het gas af kunnen.",
     "Hulp bij de haalbaarheidsstudie, de projectplanning en het betrekken van alle bewoners.",
     ["energie", "projectmanagement", "participatie"], (80, 200)),
    ("Geveltuinen {p}", "Buurtvereniging {p}",
     "Bewoners willen stoeptegels vervangen door geveltuinen en boomspiegels met bloemen, voor meer groen, koelte en biodiversiteit.",
     "Hulp bij afspraken over de openbare ruimte en bij het betrekken van de hele straat.",
     ["groen", "participatie"], (8, 24)),
    ("Samen Eten {p}", "Stichting Aanschuiven {p}",
     "Twee keer per maand koken vrijwilligers een maaltijd voor alleenstaande ouderen in de wijk, als middel tegen eenzaamheid.",
     "Hulp bij hygiëneregels voor de keuken, het bereiken van ouderen en een kleine subsidie.",
     ["zorg", "voedsel", "vrijwilligers"], (12, 32)),
    ("Jongerenpodium {p}", "Jongerenraad {p}",
     "Jongeren willen een eigen plek voor muziek, optredens en huiswerk, gerund door jongeren zelf met een paar ervaren begeleiders.",
     "Hulp bij het vinden van een gebouw, de exploitatie en de afspraken over veiligheid en geluid.",
     ["jeugd_onderwijs", "sport_cultuur", "vastgoed"], (40, 100)),
    ("Verduurzaming clubhuis {p}", "Sportvereniging {p}",
     "De sportvereniging wil het clubhuis isoleren, zonnepanelen plaatsen en de verlichting vervangen om de energierekening te halveren.",
     "Hulp bij subsidieaanvragen en het vergelijken van offertes.",
     ["sport_cultuur", "energie", "financiering"], (24, 64)),
    ("Herbestemming kerk {p}", "Stichting Erfgoed {p}",
     "De dorpskerk komt leeg te staan. Inwoners willen het monument behouden als plek voor cultuur, ontmoeting en kleine bedrijvigheid.",
     "Hulp bij de haalbaarheid, de aankoop of huur en de regels voor monumenten.",
     ["vastgoed", "sport_cultuur", "projectmanagement"], (80, 200)),
    ("Buurtplatform {p}", "Wijkraad {p}",
     "De wijkraad wil een eenvoudig online platform waar bewoners hulp vragen en aanbieden, van boodschappen tot klusjes.",
     "Hulp bij de keuze van een platform, de privacyverklaring en het bekend maken in de wijk.",
     ["digitalisering", "participatie", "juridisch"], (20, 60)),
    ("Schoon {p}", "Zwerfafvalbrigade {p}",
     "Een groeiende groep vrijwilligers ruimt wekelijks zwerfafval op en wil scholen en winkeliers erbij betrekken.",
     "Hulp bij materiaal, afspraken met de afvalinzameling en het vasthouden van vrijwilligers.",
     ["groen", "vrijwilligers"], (8, 24)),
    ("Toegankelijk {p}", "Platform Iedereen Doet Mee {p}",
     "Mensen met een beperking brengen in kaart waar winkels, stoepen en gebouwen niet toegankelijk zijn en doen voorstellen voor verbetering.",
     "Hulp bij het in gesprek gaan met ondernemers en de gemeente en bij het opstellen van een plan.",
     ["inclusie", "participatie"], (16, 48)),
    ("Energiecoaches {p}", "Duurzaam {p}",
     "Vrijwillige energiecoaches bezoeken huishoudens met hoge energielasten en helpen met kleine besparingen en regelingen.",
     "Hulp bij training van coaches, het bereiken van huishoudens in energiearmoede en afspraken over privacy.",
     ["energie", "vrijwilligers", "zorg"], (20, 60)),
    ("Wooncoöperatie Jong {p}", "Jongeren Wonen {p}",
     "Jongeren die in hun dorp willen blijven wonen, onderzoeken een wooncoöperatie met betaalbare huurwoningen.",
     "Hulp bij de rechtsvorm, de financiering en het zoeken naar grond.",
     ["wonen", "rechtsvorm", "financiering"], (60, 180)),
    ("Kledingbank {p}", "Stichting Kledingbank {p}",
     "De kledingbank helpt steeds meer gezinnen en heeft meer ruimte en vaste vrijwilligers nodig.",
     "Hulp bij het vinden van een grotere ruimte en bij samenwerking met schuldhulp en de voedselbank.",
     ["zorg", "vastgoed", "vrijwilligers"], (20, 60)),
    ("Schoolpluktuin {p}", "Ouderraad basisschool {p}",
     "Bij de basisschool willen ouders en leerkrachten een pluktuin aanleggen waar kinderen leren over gezonde voeding.",
     "Hulp bij het ontwerp, afspraken over onderhoud in de vakanties en een kleine begroting.",
     ["voedsel", "jeugd_onderwijs", "groen"], (12, 32)),
    ("Veilige schoolroute {p}", "Werkgroep Veilig naar School {p}",
     "Ouders maken zich zorgen over de drukke weg naar school en willen samen met kinderen een veilige fietsroute uitwerken.",
     "Hulp bij verkeerstellingen, het gesprek met de wegbeheerder en het betrekken van de buurt.",
     ["mobiliteit", "veiligheid", "participatie"], (16, 48)),
    ("Mantelzorgcafé {p}", "Mantelzorgers {p}",
     "Mantelzorgers willen een maandelijkse ontmoeting waar ze ervaringen delen en even op adem komen.",
     "Hulp bij het bereiken van mantelzorgers die zichzelf niet zo noemen en bij vervangende zorg tijdens de bijeenkomst.",
     ["zorg", "participatie"], (8, 24)),
]

# (functie, expertise variants, theme codes)
PROFILES = [
    ("Subsidieadviseur", ["Europese en landelijke subsidies, fondsenwerving voor maatschappelijke organisaties",
                          "Subsidieregelingen, begrotingen en verantwoording voor stichtingen"], ["financiering", "projectmanagement"]),
    ("Beleidsadviseur duurzaamheid", ["Energiecoöperaties, zonnedaken en lokale energiestrategie",
                                      "Warmtetransitie in wijken en bewonersparticipatie"], ["energie", "participatie"]),
    ("Jurist omgevingsrecht", ["Omgevingswet, omgevingsplan en vergunningverlening voor evenementen en bouw",
                               "Bestemmingsplannen, handhaving en bezwaar"], ["vergunningen", "juridisch"]),
    ("Accountmanager maatschappelijk vastgoed", ["Beheer en exploitatie van dorpshuizen en buurtcentra",
                                                 "Huurovereenkomsten en verduurzaming van maatschappelijk vastgoed"], ["vastgoed", "financiering"]),
    ("Wijkregisseur", ["Bewonersinitiatieven in de wijk, netwerken met welzijn en corporaties",
                       "Buurtgesprekken, wijkaanpak en samenwerking met vrijwilligers"], ["participatie", "zorg", "vrijwilligers"]),
    ("Projectleider openbare ruimte", ["Groenprojecten, speelplekken en inrichting van de openbare ruimte",
                                       "Participatie bij herinrichting en beheer van groen"], ["groen", "projectmanagement"]),
    ("Beleidsmedewerker wonen", ["Collectief particulier opdrachtgeverschap, knarrenhoven en wooncoöperaties",
                                 "Woningbouwprogrammering en samenwerking met corporaties"], ["wonen", "vergunningen"]),
    ("Verkeerskundige", ["Verkeersveiligheid rond scholen, fietsroutes en buurtbussen",
                         "Mobiliteitsplannen en openbaar vervoer in kleine kernen"], ["mobiliteit", "veiligheid"]),
    ("Communicatieadviseur", ["Participatietrajecten, bewonersbijeenkomsten en online communicatie",
                              "Campagnes, sociale media en nieuwsbrieven voor bewonersgroepen"], ["participatie", "digitalisering"]),
    ("Beleidsadviseur sport en cultuur", ["Sportverenigingen, accommodaties en evenementen",
                                          "Cultuurbeleid, erfgoed en herbestemming van monumenten"], ["sport_cultuur", "vastgoed"]),
    ("Beleidsadviseur jeugd en onderwijs", ["Jongerenwerk, huiswerkbegeleiding en samenwerking met scholen",
                                            "Kansengelijkheid in het onderwijs en jongerenparticipatie"], ["jeugd_onderwijs", "inclusie"]),
    ("Informatieadviseur", ["Digitale dienstverlening, privacy (AVG) en online platforms",
                            "Digitale inclusie en informatiebeveiliging"], ["digitalisering", "juridisch"]),
    ("Adviseur openbare orde en veiligheid", ["Evenementenveiligheid, buurtpreventie en AED-netwerken",
                                              "Veiligheidsplannen en crisisbeheersing"], ["veiligheid", "vergunningen"]),
    ("Accountmanager ondernemers", ["Lokale economie, winkelgebieden en ondernemersverenigingen",
                                    "Ondernemingsplannen, werkgelegenheid en sociale ondernemingen"], ["economie", "financiering"]),
    ("Beleidsadviseur Wmo", ["Mantelzorg, eenzaamheid en zorgcoöperaties",
                             "Toegankelijkheid, welzijn en ondersteuning thuis"], ["zorg", "inclusie"]),
    ("Ecoloog", ["Biodiversiteit, voedselbossen en natuurinclusief beheer",
                 "Stadslandbouw, moestuinen en ecologisch groenbeheer"], ["groen", "voedsel"]),
    ("Adviseur vrijwilligerswerk", ["Werven en behouden van vrijwilligers, besturen van stichtingen",
                                    "Vrijwilligersbeleid, verzekeringen en opvolging in besturen"], ["vrijwilligers", "rechtsvorm"]),
    ("Bedrijfsjurist", ["Contracten, aansprakelijkheid en verzekeringen voor stichtingen en verenigingen",
                        "Statuten, rechtsvormen en samenwerkingsovereenkomsten"], ["juridisch", "rechtsvorm"]),
    ("Financieel adviseur", ["Begrotingen, exploitatieplannen en businesscases",
                             "Financiering van coöperaties en maatschappelijke ondernemingen"], ["financiering", "rechtsvorm"]),
    ("Programmamanager energietransitie", ["Wijkgerichte aanpak aardgasvrij en warmtenetten",
                                           "Energiearmoede, isolatie en energiecoaches"], ["energie", "projectmanagement"]),
]

FIRST = ["Anna", "Sanne", "Lotte", "Eva", "Fleur", "Iris", "Noor", "Femke", "Marieke", "Ingrid", "Petra", "Yvonne",
         "Fatima", "Samira", "Esther", "Hanneke", "Joke", "Karin", "Linda", "Mirjam", "Jan", "Pieter", "Kees", "Bram",
         "Daan", "Thijs", "Ruben", "Joost", "Mark", "Erik", "Hans", "Willem", "Mohamed", "Youssef", "Sander", "Bas",
         "Gert-Jan", "Maarten", "Rik", "Jeroen", "Anouk", "Mehmet", "Ayşe", "Chantal", "Gerrit"]
LAST = [("de", "Vries"), ("", "Jansen"), ("van", "Dijk"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
        ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
        ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"),
        ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"),
        ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Berg"), ("", "Kramer"),
        ("van", "Wijk"), ("", "Schouten"), ("van der", "Heijden"), ("", "Yılmaz"), ("", "El Amrani"), ("", "Özdemir"),
        ("", "Hoekstra"), ("", "Koster"), ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("", "Verhoeven")]
MAIL_HOSTS = ["gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "xs4all.nl"]

INITIATIVE_FILES = {
    "regio_amersfoort": ["Amersfoort", "Leusden", "Woudenberg", "Soest", "Baarn"],
    "foodvalley": ["Ede", "Barneveld", "Veenendaal", "Wageningen", "Renkum", "Rhenen"],
    "utrecht_oost": ["Zeist", "De Bilt", "Utrechtse Heuvelrug", "Bunnik"],
    "lekstroom": ["Houten", "Nieuwegein", "IJsselstein", "Lopik", "Wijk bij Duurstede"],
}
CONSULTANT_FILES = {
    "regio_amersfoort": ["Amersfoort", "Leusden", "Soest", "Baarn"],
    "foodvalley": ["Ede", "Barneveld", "Veenendaal", "Wageningen", "Renkum", "Rhenen"],
    "utrecht_oost": ["Zeist", "De Bilt", "Utrechtse Heuvelrug", "Bunnik"],
    "lekstroom": ["Houten", "Nieuwegein", "IJsselstein", "Wijk bij Duurstede"],
}


def slug(text: str) -> str:
    """'El Amrani' -> 'elamrani', 'Yılmaz' -> 'yilmaz': ASCII letters and digits for e-mail addresses."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i")).lower()
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in ".-"))


def person(rnd: random.Random) -> tuple[str, str, str]:
    first = rnd.choice(FIRST)
    prefix, last = rnd.choice(LAST)
    return first, prefix, last


def full_name(first: str, prefix: str, last: str) -> str:
    return " ".join(p for p in (first, prefix, last) if p)


def labels(codes: list[str], rnd: random.Random) -> str:
    """Themes as municipalities write them: labels, sometimes codes or lower case."""
    themes = by_code()
    out = []
    for code in codes:
        style = rnd.random()
        out.append(code if style < 0.15 else themes[code].label.lower() if style < 0.3 else themes[code].label)
    return "; ".join(out)


def hours_text(value: float, dutch: bool) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if dutch else text


def make_initiatives(rnd: random.Random) -> dict[str, list[dict]]:
    """8 or 9 initiatives per municipality, grouped per regional file."""
    out: dict[str, list[dict]] = {}
    for file, gemeenten in INITIATIVE_FILES.items():
        rows = []
        for gemeente in gemeenten:
            for arche in rnd.sample(INITIATIVES, 8 + (rnd.random() < 0.3)):
                title, org, desc, ask, themes, (lo, hi) = arche
                place = rnd.choice(PLACES[gemeente])
                first, prefix, last = person(rnd)
                extra = [c for c in rnd.sample(list(by_code()), 1) if c not in themes and rnd.random() < 0.2]
                host = rnd.choice(MAIL_HOSTS)
                hours = rnd.randrange(lo, hi + 1, 4) + (0.5 if rnd.random() < 0.1 else 0)
                rows.append({
                    "gemeente": gemeente, "titel": title.format(p=place), "omschrijving": desc,
                    "initiatiefnemer": org.format(p=place), "contactpersoon": full_name(first, prefix, last),
                    "contact_email": f"{slug(first)}.{slug(prefix + last)}@{host}", "woonplaats": place,
                    "themas": themes + extra, "uren_gevraagd": hours, "hulpvraag": ask,
                    "prioriteit": rnd.choice([1, 1, 2, 2, 3, None]),
                    "ingediend_op": date(2027, 1, 15) + timedelta(days=rnd.randrange(0, 45)),
                })
        out[file] = rows
    return out


def make_consultants(rnd: random.Random) -> dict[str, list[dict]]:
    """5 to 7 consultants per municipality that sends any (Woudenberg and Lopik send none)."""
    out: dict[str, list[dict]] = {}
    for file, gemeenten in CONSULTANT_FILES.items():
        rows = []
        for gemeente in gemeenten:
            for functie, expertise, themes in rnd.sample(PROFILES, rnd.randint(5, 7)):
                first, prefix, last = person(rnd)
                start = date(2027, 3, 1) + timedelta(days=rnd.choice([0, 0, 14, 31]))
                rows.append({
                    "naam": full_name(first, prefix, last),
                    "email": f"{slug(first[0])}.{slug(prefix + last)}@{DOMAINS[gemeente]}",
                    "gemeente": gemeente, "functie": functie, "expertise": rnd.choice(expertise), "themas": themes,
                    "uren_beschikbaar": rnd.choice([40, 60, 80, 80, 100, 120, 160, 200]),
                    "beschikbaar_vanaf": start, "beschikbaar_tot": date(2027, 12, 31) if rnd.random() < 0.5 else None,
                    "akkoord_werkgever": "nee" if rnd.random() < 0.08 else "ja",
                })
        out[file] = rows
    return out


def write_text(path: Path, header: list[str], rows: list[list[str]], delimiter: str, encoding: str,
               above: list[list[str]] = ()) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([*above, header, *rows])
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))  # as Excel does: ? for the unmappable


def write_xlsx(path: Path, header: list[str], rows: list[list[object]], title: list[str], sheet: str) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": FIXED, "author": "Participatienetwerk demo"})
    ws = wb.add_worksheet(sheet)
    bold = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1})
    big = wb.add_format({"bold": True, "font_size": 14})
    dates = wb.add_format({"num_format": "dd-mm-yyyy"})
    for n, line in enumerate(title):
        ws.write_string(n, 0, line, big if n == 0 else None)
    top = len(title) + 1
    for c, name in enumerate(header):
        ws.write_string(top, c, name, bold)
        ws.set_column(c, c, 24)
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), dates)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            elif value:
                ws.write_string(r, c, value)
    wb.close()


def main(out: Path = OUT) -> None:
    rnd = random.Random(20270115)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file() and old.name != "README.md":
            old.unlink()
    ini, con = make_initiatives(rnd), make_consultants(rnd)

    # 1. Regio Amersfoort: Excel with two title rows, typed cells, an internal notes column.
    header = ["Gemeente", "Titel", "Omschrijving", "Initiatiefnemer", "Contactpersoon", "E-mail contactpersoon",
              "Woonplaats", "Thema's", "Uren gevraagd", "Hulpvraag", "Prioriteit", "Ingediend op", "Opmerking intern"]
    rows = [[r["gemeente"], r["titel"], r["omschrijving"], r["initiatiefnemer"], r["contactpersoon"], r["contact_email"],
             r["woonplaats"], labels(r["themas"], rnd), r["uren_gevraagd"], r["hulpvraag"], r["prioriteit"],
             r["ingediend_op"], rnd.choice(["", "", "besproken in regio-overleg", "nabellen"])]
            for r in ini["regio_amersfoort"]]
    write_xlsx(out / "Regio Amersfoort - aanmelding initiatieven ronde 1.xlsx", header, rows,
               ["Aanmelding initiatieven Participatienetwerk - regio Amersfoort",
                "Ronde DEMO-R1, verzameld door de gemeente Amersfoort"], "Initiatieven")

    # 2. Foodvalley: CSV with ';' in Windows-1252, Dutch decimals and d-m-yyyy dates; two flawed rows.
    fv = ini["foodvalley"]
    rows = [[r["gemeente"], r["titel"], r["omschrijving"], r["initiatiefnemer"], r["contactpersoon"], r["contact_email"],
             r["woonplaats"], labels(r["themas"], rnd), hours_text(r["uren_gevraagd"], True), r["hulpvraag"],
             r["prioriteit"] or "", f"{r['ingediend_op'].day}-{r['ingediend_op'].month}-{r['ingediend_op'].year}"]
            for r in fv]
    rows[4][8] = "veel"                   # flawed: hours in words
    rows[11][0] = "Veenendal"             # flawed: municipality with a typo
    write_text(out / "initiatieven_foodvalley.csv",
               ["gemeente", "titel", "omschrijving", "initiatiefnemer", "contactpersoon", "contact_email", "woonplaats",
                "themas", "uren_gevraagd", "hulpvraag", "prioriteit", "ingediend_op"], rows, ";", "cp1252")

    # 3. Utrecht-Oost: Excel 'Unicode-tekst' export (UTF-16, tab-separated), ISO dates.
    rows = [[r["gemeente"], r["titel"], r["omschrijving"], r["initiatiefnemer"], r["contactpersoon"], r["contact_email"],
             r["woonplaats"], labels(r["themas"], rnd), hours_text(r["uren_gevraagd"], True), r["hulpvraag"],
             str(r["prioriteit"] or ""), r["ingediend_op"].isoformat()] for r in ini["utrecht_oost"]]
    write_text(out / "Aanmeldingen Zeist De Bilt Heuvelrug Bunnik.txt",
               ["Gemeente", "Titel", "Omschrijving", "Initiatiefnemer", "Contactpersoon", "Contact e-mail", "Woonplaats",
                "Thema's", "Uren gevraagd", "Hulpvraag", "Prioriteit", "Ingediend op"], rows, "\t", "utf-16")

    # 4. Lekstroom: a form tool's export (UTF-8, ','), with a timestamp column, a resubmission and an injection.
    lek = ini["lekstroom"]
    rows = [[f"{r['ingediend_op'].isoformat()} 10:{n % 60:02d}:00", r["contact_email"], r["gemeente"], r["titel"],
             r["omschrijving"] + "\nAanvullend: de groep bestaat uit ongeveer " + str(rnd.randint(5, 30)) + " bewoners.",
             r["initiatiefnemer"], r["contactpersoon"], r["woonplaats"], labels(r["themas"], rnd),
             hours_text(r["uren_gevraagd"], False), r["hulpvraag"], str(r["prioriteit"] or "")]
            for n, r in enumerate(lek)]
    again = list(rows[3])
    again[0], again[9] = "2027-02-20 16:12:00", hours_text(lek[3]["uren_gevraagd"] + 16, False)
    rows.append(again)                    # duplicate: the same initiative sent again with more hours
    rows.append(["2027-02-21 08:03:00", "info@voorbeeld.invalid", "Nieuwegein",
                 '=HYPERLINK("http://voorbeeld.invalid/aanmelden","Klik hier voor subsidie")',
                 "Een aanmelding waarvan de titel een spreadsheetformule is.", "Onbekend", "Onbekend", "Batau",
                 "Financiering & subsidies", "10", "Geen", ""])  # formula injection: stored as text, never a formula
    write_text(out / "lekstroom_initiatieven_export.csv",
               ["Tijdstempel", "E-mailadres", "Gemeente", "Naam initiatief", "Korte omschrijving", "Initiatiefnemer",
                "Naam contactpersoon", "Woonplaats", "Thema", "Uren", "Waar zoekt u hulp bij?", "Prioriteit"],
               rows, ",", "utf-8")

    # 5. Late additions on the template layout: one resubmission from file 1 and a bad e-mail address.
    first = ini["regio_amersfoort"][0]
    late = [
        [first["gemeente"], first["titel"].upper(), first["omschrijving"], first["initiatiefnemer"], first["contactpersoon"],
         first["contact_email"], first["woonplaats"], labels(first["themas"], rnd), first["uren_gevraagd"] + 8,
         first["hulpvraag"], first["prioriteit"], date(2027, 2, 25)],
        ["Amersfoort", "Pop-up bibliotheek Vathorst", "Buurtbewoners richten een ruilbibliotheek en leesplek in voor kinderen.",
         "Leesclub Vathorst", "Karin Bos", "karin.bos(at)ziggo.nl", "Vathorst", "Jeugd & onderwijs; Sport & cultuur",
         16, "Hulp bij een plek in de wijk en afspraken met de bibliotheek.", 2, date(2027, 2, 26)],
        ["Woudenberg", "Ommetjesroutes Woudenberg", "Bewoners zetten wandelroutes uit om ouderen in beweging te houden en elkaar te ontmoeten.",
         "Wandelgroep Woudenberg", "Gerrit Kok", "gerrit.kok@kpnmail.nl", "Woudenberg", "Zorg & welzijn; Groen & openbare ruimte",
         20, "Hulp bij bewegwijzering en het bereiken van eenzame ouderen.", 1, date(2027, 2, 26)],
    ]
    write_xlsx(out / "aanvulling initiatieven Amersfoort en Woudenberg.xlsx",
               ["gemeente", "titel", "omschrijving", "initiatiefnemer", "contactpersoon", "contact_email", "woonplaats",
                "themas", "uren_gevraagd", "hulpvraag", "prioriteit", "ingediend_op"], late, [], "Aanmeldingen")

    # Consultants, four regional files in four shapes.
    def consultant_row(r, dutch_dates: bool) -> list[object]:
        fmt = (lambda d: f"{d:%d-%m-%Y}" if d else "") if dutch_dates else (lambda d: d)
        return [r["naam"], r["email"], r["gemeente"], r["functie"], r["expertise"], labels(r["themas"], rnd),
                r["uren_beschikbaar"], fmt(r["beschikbaar_vanaf"]), fmt(r["beschikbaar_tot"]), r["akkoord_werkgever"]]

    c_header = ["Naam", "E-mailadres", "Gemeente (werkgever)", "Functie", "Expertise", "Thema's", "Uren beschikbaar",
                "Beschikbaar vanaf", "Beschikbaar tot", "Akkoord werkgever"]
    write_xlsx(out / "Consultants regio Amersfoort.xlsx", c_header,
               [consultant_row(r, False) for r in con["regio_amersfoort"]],
               ["Deelnemende consultants Participatienetwerk - regio Amersfoort", ""], "Consultants")
    write_text(out / "consultants_foodvalley.csv",
               ["naam", "email", "gemeente", "functie", "expertise", "themas", "uren_beschikbaar", "beschikbaar_vanaf",
                "beschikbaar_tot", "akkoord_werkgever"],
               [[str(v) for v in consultant_row(r, True)] for r in con["foodvalley"]], ";", "cp1252")
    rows = [[str(v) for v in consultant_row(r, True)] for r in con["utrecht_oost"]]
    rows[2][6] = "1200"                   # flawed: more hours than a round can hold
    write_text(out / "consultants_utrecht_oost.tsv", c_header, rows, "\t", "utf-8-sig")
    rows = [[str(v) for v in consultant_row(r, True)] for r in con["lekstroom"]]
    rows[1][1] = rows[1][1].replace(".nl", "")        # flawed: e-mail address without a domain
    rows.append(list(rows[5]))                        # duplicate: the same person listed twice
    rows[-1][6] = "40"
    write_text(out / "Consultants Lekstroom.csv", c_header, rows, ",", "utf-8")

    # Not a spreadsheet: the covering letter that came with the Foodvalley files.
    (out / "Begeleidende brief Foodvalley.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
        b"endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


if __name__ == "__main__":
    main()
