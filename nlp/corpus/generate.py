"""Compose the generated part of the training corpus from hand-written Dutch fragments.

Run `python -m nlp.corpus.generate` to rewrite `generated.jsonl` (fixed seed: same output every time).
Every fragment below was written for this project. Examples combine an opening that carries the
label (who does what, for whom) with body sentences of their own kind and neutral sentences both
labels share, in several styles: regional news, municipal news pages, social posts, listings and
'about us' pages. Negatives are mostly hard ones that share the vocabulary of initiatives.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from warehouse import reference

OUT = Path(__file__).with_name("generated.jsonl")
SEED = 20261128

WIJKEN = [
    "de Vogelwijk", "de Bloemenbuurt", "Oosterpark", "het Centrum", "de Schildersbuurt", "Noordhoek",
    "de Componistenwijk", "het Havenkwartier", "Brinkhoven", "de Rivierenbuurt", "Zuiderveld", "de Molenwijk",
    "het Stationsgebied", "De Horst", "Kerkebuurt", "de Sterrenwijk", "Westeinde", "de Boomgaard",
]
VOORNAMEN = [
    "Anouk", "Bram", "Carla", "Dirk", "Els", "Fatima", "Gerrit", "Hanneke", "Ilse", "Joost", "Karin", "Lars",
    "Marieke", "Noor", "Okke", "Petra", "Ruud", "Sanne", "Tjeerd", "Yusuf", "Wendy", "Henk", "Aylin", "Mohamed",
    "Riet", "Jelle", "Ingrid", "Sem", "Lotte", "Kees",
]
ACHTERNAMEN = [
    "Bakker", "de Jong", "Jansen", "Visser", "Smit", "Mulder", "de Groot", "Bos", "Meijer", "Hoekstra",
    "Kramer", "Dijkstra", "Postma", "El Amrani", "Yilmaz", "Veenstra", "Koster", "Prins", "Hendriks", "Wouters",
]
VERENIGINGSNAMEN = ["Ons Dorp", "De Eendracht", "Samen Sterk", "De Linde", "Het Anker", "Vooruit", "De Brink", "Zonnedael", "De Kastanje", "Elckerlyc"]
DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]

# --- initiatives: what residents set up, with a verb and a purpose --------------------------------
PROJECTEN = [
    ("een buurtmoestuin", "de moestuin", "aangelegd", "zodat buurtgenoten samen groente kweken"),
    ("een voedselbos", "het voedselbos", "geplant", "waar straks iedereen noten en fruit kan plukken"),
    ("een repair café", "het repair café", "opgezet", "zodat kapotte spullen niet meteen bij het afval belanden"),
    ("een buurtbus", "de buurtbus", "opgezet", "zodat ouderen zonder auto naar de huisarts en de supermarkt kunnen"),
    ("een dorpshuis", "het dorpshuis", "overgenomen", "zodat het dorp een eigen ontmoetingsplek houdt"),
    ("een huiskamer voor ouderen", "de huiskamer", "geopend", "tegen de eenzaamheid in de wijk"),
    ("een kledingbank", "de kledingbank", "opgericht", "voor gezinnen die het niet breed hebben"),
    ("een uitdeelpunt van de voedselbank", "het uitdeelpunt", "opgezet", "zodat gezinnen niet meer naar de stad hoeven"),
    ("een AED-netwerk", "het AED-netwerk", "opgezet", "zodat bij een hartstilstand binnen zes minuten hulp is"),
    ("een buurtpreventiegroep", "de buurtpreventie", "opgericht", "om inbraken in de wijk tegen te gaan"),
    ("een energiecoöperatie", "de coöperatie", "opgericht", "om samen zonnepanelen op daken in het dorp te leggen"),
    ("een zonnepark in eigen beheer", "het zonnepark", "ontwikkeld", "waarvan de opbrengst terugvloeit naar het dorp"),
    ("een dorpswinkel", "de dorpswinkel", "heropend", "nadat de laatste supermarkt was vertrokken"),
    ("een speeltuin", "de speeltuin", "opgeknapt", "zodat de kinderen weer veilig kunnen spelen"),
    ("een zorgcoöperatie", "de zorgcoöperatie", "opgericht", "zodat ouderen langer in hun eigen dorp kunnen blijven wonen"),
    ("een taalcafé", "het taalcafé", "gestart", "waar nieuwkomers Nederlands oefenen met buurtgenoten"),
    ("huiswerkbegeleiding", "de huiswerkklas", "opgezet", "voor kinderen die thuis geen hulp krijgen"),
    ("een computerspreekuur voor senioren", "het spreekuur", "opgezet", "zodat ouderen digitaal mee kunnen doen"),
    ("een knarrenhof", "het knarrenhof", "ontwikkeld", "waar ouderen zelfstandig maar samen wonen"),
    ("een wooncoöperatie", "de wooncoöperatie", "opgericht", "om betaalbare woningen voor starters te bouwen"),
    ("een pluktuin", "de pluktuin", "aangelegd", "met bloemen en kruiden voor de hele buurt"),
    ("een buurtkoelkast", "de buurtkoelkast", "geplaatst", "om voedselverspilling tegen te gaan"),
    ("een ruilwinkel", "de ruilwinkel", "geopend", "waar spullen een tweede leven krijgen"),
    ("een wekelijkse buurtmaaltijd", "de buurtmaaltijd", "opgezet", "zodat alleenstaanden samen aan tafel kunnen"),
    ("een natuurspeelplaats", "de speelplek", "aangelegd", "waar kinderen met water en zand kunnen spelen"),
    ("een zwembad in eigen beheer", "het zwembad", "overgenomen", "nadat sluiting dreigde"),
    ("een dorpsondersteuner", "de dorpsondersteuner", "aangesteld", "die als aanspreekpunt voor hulpvragen dient"),
    ("een warmtenet", "het warmtenet", "ontwikkeld", "om de wijk van het gas af te halen"),
    ("een bibliotheekpunt", "het bibliotheekpunt", "geopend", "nu de bibliotheek in het dorp is verdwenen"),
    ("een jongerenhonk", "het honk", "ingericht", "zodat de jeugd een eigen plek heeft"),
    ("een deelautosysteem", "de deelauto's", "opgezet", "zodat niet iedereen een eigen auto nodig heeft"),
    ("een geveltuinenactie", "de geveltuinen", "aangelegd", "om de straat groener en koeler te maken"),
    ("een dorpsontwikkelingsplan", "het plan", "opgesteld", "met wensen voor wonen, verkeer en voorzieningen"),
    ("een biljart- en kaartclub voor ouderen", "de club", "opgericht", "zodat ouderen elkaar wekelijks zien"),
    ("een hondenlosloopgebied", "het losloopgebied", "ingericht", "dat ze zelf onderhouden"),
    ("een wijkkrant", "de wijkkrant", "opgezet", "om buurtgenoten te informeren over wat er speelt"),
    ("een fietsmaatjesproject", "het fietsmaatjesproject", "gestart", "waarbij vrijwilligers met ouderen op de duofiets gaan"),
    ("een klussendienst", "de klussendienst", "opgericht", "die kleine klussen doet voor ouderen en mensen met een beperking"),
    ("een isolatieteam", "het isolatieteam", "opgezet", "dat buren helpt hun huis te isoleren tegen energiearmoede"),
    ("een muziekfestival voor het dorp", "het festival", "georganiseerd", "waarvan de opbrengst naar het dorpshuis gaat"),
]
ACTOREN = [
    "Bewoners van {wijk}", "Een groep dorpsgenoten in {plaats}", "Vrijwilligers van Stichting {vnaam}",
    "De dorpsraad van {plaats}", "Buurtvereniging {vnaam}", "Twee moeders uit {plaats}", "Een handvol gepensioneerden uit {wijk}",
    "Leden van de protestantse gemeente in {plaats}", "De plaatselijke voetbalclub", "Een bewonerscollectief in {plaats}",
    "Stichting Dorpsbelang {plaats}", "Buurtbewoners rond het {straat}plein", "Vereniging Plaatselijk Belang {plaats}",
    "Een groep jongeren uit {wijk}", "Inwoners van {plaats}", "Ondernemende buurtgenoten in {wijk}",
    "Een werkgroep van het wijkplatform", "De parochie in {plaats}", "Vrijwilligers in {plaats}",
    "Een buurtcomité in {wijk}", "Het bewonersplatform van {plaats}", "De moskeevereniging in {wijk}",
    "Dorpsgenoten in {plaats}", "Een initiatiefgroep van zes bewoners",
]
STRATEN = ["Kerk", "Markt", "Lindeboom", "Molen", "Wilhelmina", "Beatrix", "Eiken", "Schouw", "Zuid"]

INIT_OPENINGEN = [
    "{actor} heeft {project} {verb}, {doel}.",
    "{actor} hebben op eigen initiatief {project} {verb}.",
    "Dankzij {actor_l} heeft {plaats} sinds kort {project}.",
    "{actor} nemen het heft in eigen hand: zij hebben {project} {verb}, {doel}.",
    "Wat begon als een idee aan de keukentafel, is nu {project}: {actor_l} hebben het zelf {verb}.",
    "In {plaats} hebben bewoners zelf {project} {verb}.",
    "{actor} zijn een crowdfunding gestart voor {project}, {doel}.",
    "Het is gelukt: {actor_l} hebben {project} {verb}. Het idee kwam van de bewoners zelf.",
    "Omdat niemand anders het deed, hebben {actor_l} {project} {verb}.",
    "{actor} willen {project} beginnen en zoeken daarvoor nog vrijwilligers.",
    "Na twee jaar voorbereiding openen {actor_l} zaterdag {project}.",
    "{actor} dienen bij de gemeente een plan in voor {project}, {doel}.",
    "{actor} doen een beroep op het uitdaagrecht: zij willen {project_kort} zelf gaan beheren.",
    "Al {jaren} jaar draait {project_kort} in {plaats} volledig op vrijwilligers.",
    "{kort_cap} in {plaats} bestaat {jaren} jaar. Wat begon met een paar buurtbewoners, is uitgegroeid tot een begrip in het dorp.",
    "De vrijwilligers van {project_kort} in {wijk} hebben het druk.",
    "Met een sponsorloop, een rommelmarkt en een veiling hebben dorpsgenoten geld ingezameld voor {project}.",
    "Leden van de vereniging hebben {project} {verb}, {doel}.",
    "Zonder vrijwilligers zou {project_kort} in {plaats} niet bestaan.",
    "Het bestuur van de stichting, allemaal dorpsgenoten, werkt aan een toekomstplan voor {project_kort}.",
    "Omdat de gemeente moest bezuinigen, namen bewoners {project_kort} zelf over.",
    "Inwoners van {plaats} kunnen aandelen kopen in de coöperatie die {project} wil opzetten.",
    "Elke {dag}ochtend staan de vrijwilligers van {project_kort} klaar.",
    "Het was even spannend, maar {project_kort} kan blijven: een groep bewoners heeft het overgenomen.",
    "{actor} organiseren deze zomer voor de tweede keer een buurtfeest voor de hele wijk, helemaal zelf georganiseerd.",
    "Een werkgroep van bewoners heeft een plan gemaakt voor {project}, {doel}.",
    "Het begon met een bericht in de buurtapp; nu hebben {actor_l} samen {project} {verb}.",
    "Twaalf huishoudens in {wijk} hebben de handen ineengeslagen en {project} {verb}.",
    "Vrijwilligers uit {plaats} hebben {project} {verb}. Het initiatief komt volledig uit het dorp zelf.",
    "{actor} hebben een vereniging opgericht om {project} te beheren, {doel}.",
    "Bewoners die het niet eens waren met de sluiting, kwamen met een eigen plan: {project_kort} gaat verder als bewonersinitiatief.",
    "Met steun van tientallen buurtgenoten is {project} {verb}, {doel}.",
]
INIT_BODY = [
    "Initiatiefnemer {naam} vertelt dat het idee ontstond tijdens een buurtbarbecue.",
    "\u201cWe wachtten al jaren op de gemeente, dus toen dachten we: dan doen we het zelf\u201d, zegt {naam}.",
    "Inmiddels draaien zo'n {aantal} vrijwilligers mee.",
    "Er staat nu een vaste kern van {aantal} buurtbewoners die de roosters maakt.",
    "De vrijwilligers zoeken nog mensen die een paar uur per week willen helpen.",
    "Met een crowdfundingactie haalden ze {bedrag} euro op bij dorpsgenoten en lokale ondernemers.",
    "Een bijdrage uit het Oranje Fonds en een kleine subsidie van de gemeente maakten de start mogelijk.",
    "De gemeente stelt de grond voorlopig gratis beschikbaar; het beheer ligt volledig bij de bewoners.",
    "De stichting bestaat volledig uit vrijwilligers en ontvangt geen vaste subsidie.",
    "Iedereen is welkom, jong en oud, met of zonder ervaring.",
    "{naam} en {naam2} zitten in het bestuur van de nieuwe stichting.",
    "Buurtgenoten kunnen zich aanmelden bij de werkgroep via het buurthuis.",
    "Het plan is samen met de buurt gemaakt: er waren drie avonden waarop iedereen mee kon praten.",
    "\u201cHet mooiste is dat mensen elkaar weer leren kennen\u201d, zegt vrijwilliger {naam}.",
    "Elke {dag} zijn de vrijwilligers er van tien tot twaalf uur.",
    "De opbrengst gaat terug naar de buurt.",
    "Wethouder {naam} kwam een kijkje nemen en was onder de indruk van wat de bewoners hebben neergezet.",
    "De coöperatie telt inmiddels {aantal} leden uit het dorp.",
    "Wie mee wil doen, kan langskomen of een berichtje sturen naar de initiatiefnemers.",
    "Voor het onderhoud hebben de bewoners een beheerrooster gemaakt.",
    "Ze hopen dat andere dorpen het voorbeeld volgen.",
    "De bewoners hebben de plannen zelf uitgewerkt en rekenen op de steun van de buurt.",
    "Lokale ondernemers sponsorden het materiaal, de rest deden de buurtbewoners zelf.",
    "Het initiatief is een jaar geleden gestart door {naam}, die zelf in de straat woont.",
    "Het bestuur van de vereniging zoekt nog een penningmeester.",
    "Na de zomer willen de vrijwilligers uitbreiden naar een tweede locatie.",
    "De vereniging wil laten zien dat een dorp zelf veel kan regelen.",
    "Ouderen uit de buurt worden door vrijwilligers thuis opgehaald.",
    "Samen met buurtgenoten hebben ze {aantal} zakken zwerfafval verzameld en bankjes geschilderd.",
    "De initiatiefnemers kregen hulp van een ervaren bestuurder van een energiecoöperatie uit de regio.",
    "De Rabobank Clubsupport-actie leverde {bedrag} euro op.",
    "Ook de kerk en de basisschool doen mee.",
    "Het dorpshuis wordt volledig door vrijwilligers gerund, van de bar tot de schoonmaak.",
    "Met de leden is afgesproken dat de winst in het dorp blijft.",
    "De gemeente wilde het gebouw eerst verkopen, maar de bewoners kwamen met een eigen plan.",
    "De gemeente draagt een deel van de kosten, de bewoners doen het werk.",
    "Van de gemeente kregen ze toestemming om het terrein te gebruiken.",
    "De vrijwilligers doen alles zelf, van de inkoop tot de schoonmaak.",
    "Het bestuur bestaat uit zeven vrijwilligers uit het dorp.",
    "De werkgroep komt elke maand bij elkaar in het dorpshuis.",
    "Er is een wachtlijst van buurtgenoten die willen helpen.",
    "Eén keer per maand is er een werkochtend; iedereen kan aanschuiven.",
    "Het geld komt van donateurs, sponsors en de opbrengst van acties.",
    "De leden betalen een kleine contributie.",
    "Bewoners kunnen ook zelf ideeën aandragen.",
    "Ze werken samen met de school en de kerk in het dorp.",
    "Het succes heeft de vrijwilligers zelf verrast.",
    "Inmiddels hebben ook andere wijken interesse getoond.",
    "De vrijwilligers kregen een opleiding van de EHBO-vereniging.",
    "Een aannemer uit het dorp hielp mee zonder er iets voor te rekenen.",
    "{naam}, een van de oprichters, is trots op wat ze samen hebben bereikt.",
    "Buren die niet meer zo goed ter been zijn, worden thuis opgehaald door vrijwilligers.",
    "De coöperatie is van en voor de inwoners.",
    "In overleg met de gemeente mogen de bewoners het terrein de komende tien jaar gebruiken.",
    "De gemeente is eigenaar van de grond, maar de bewoners hebben het project in handen.",
    "Het project wordt gedragen door de inwoners zelf; de gemeente denkt mee en helpt met vergunningen.",
    "De nieuwe stichting werkt samen met de gemeente, maar bepaalt zelf wat er gebeurt.",
    "De gemeente gaf een startsubsidie, daarna moet het project op eigen benen staan.",
    "Met de opbrengst steunt de coöperatie andere projecten in het dorp.",
    "Het is een project van en voor de wijk, zegt de voorzitter.",
    "De bewoners werken samen met een landelijke organisatie die ervaring heeft met zulke projecten.",
    "Er is een adviseur ingehuurd, betaald door de bewonersvereniging zelf.",
    "In opdracht van het dorpsbelang onderzoekt een werkgroep of het plan haalbaar is.",
    "De initiatiefnemers hebben een ondernemingsplan geschreven en gesprekken gevoerd met de gemeente en de provincie.",
    "Het enthousiasme in het dorp is groot.",
    "Nieuwe vrijwilligers worden ingewerkt door de ervaren leden.",
]
# --- hard negatives: who else does things, and what happens around -------------------------------
NEG_KINDS: dict[str, tuple[list[str], list[str]]] = {
    "gemeente": (
        [
            "De gemeente {plaats} start een nieuw programma tegen eenzaamheid onder ouderen.",
            "Wethouder {naam} opende {dag} het vernieuwde wijkcentrum, dat de gemeente voor {bedrag} euro liet verbouwen.",
            "De gemeente {plaats} legt dit najaar in {wijk} een nieuw park aan.",
            "Het college van burgemeester en wethouders heeft besloten {project_kort} in {plaats} over te nemen van de provincie.",
            "De gemeente zoekt vrijwilligers voor haar eigen programma voor taalondersteuning.",
            "De gemeente {plaats} plaatst in {wijk} twintig nieuwe laadpalen.",
            "In {plaats} start de gemeente met een proef waarbij ambtenaren in de dorpen spreekuur houden.",
            "De gemeente {plaats} verstrekt dit jaar opnieuw een energietoeslag aan huishoudens met een laag inkomen.",
            "De gemeente heeft een nieuw beleid voor het verlenen van subsidies aan verenigingen vastgesteld.",
            "De gemeente bouwt een nieuw sportcomplex aan de rand van {plaats}.",
            "Samen met woningcorporaties en zorgpartijen start de gemeente {plaats} het programma Langer Thuis.",
            "De gemeente {plaats} wil jongeren helpen aan een eigen plek en laat daarvoor een jongerencentrum bouwen.",
            "Vanaf dit voorjaar helpt de gemeente inwoners van {plaats} met gratis energieadvies aan huis, uitgevoerd door een ingehuurd bureau.",
            "De gemeente {plaats} plant deze winter vijfhonderd bomen in {wijk}, in het kader van haar klimaatplan.",
            "De gemeente organiseert samen met de welzijnsorganisatie een week tegen eenzaamheid.",
            "De gemeente {plaats} richt het marktplein opnieuw in; bewoners mochten kiezen uit drie ontwerpen van een bureau.",
            "De gemeente {plaats} opent een nieuw milieustraatje aan de rand van {wijk}.",
            "Het college van {plaats} trekt geld uit voor extra handhavers in het centrum.",
            "De gemeente {plaats} laat de speeltuin in {wijk} vernieuwen door een gespecialiseerd bedrijf.",
            "De gemeente {plaats} start met een wijkaanpak waarin ambtenaren, politie en woningcorporatie samen optrekken.",
            "De gemeente {plaats} geeft inwoners een tegoedbon voor een gratis boom in de tuin.",
        ],
        [
            "De gemeente betaalt het project volledig uit de eigen begroting.",
            "Het programma wordt uitgevoerd door ambtenaren van de afdeling Samenleving.",
            "De wethouder verwacht dat de eerste resultaten na de zomer zichtbaar zijn.",
            "Inwoners kunnen tot {dag} {dagnr} {maand} een zienswijze indienen.",
            "U vindt het aanvraagformulier op de website van de gemeente.",
            "De aanvraag moet uiterlijk acht weken voor de datum binnen zijn.",
            "De gemeente houdt een informatieavond voor omwonenden.",
            "Het college legt het voorstel in {maand} voor aan de gemeenteraad.",
            "De kosten bedragen {bedrag} euro en komen ten laste van het gemeentelijk budget.",
            "De uitvoering ligt bij de buitendienst van de gemeente.",
            "Samen met maatschappelijke partners wil de gemeente inwoners helpen mee te doen.",
            "Inwoners kunnen meedenken tijdens inloopbijeenkomsten, maar de plannen worden gemaakt door de gemeente.",
            "De jongeren mogen meepraten over de inrichting.",
            "De buurt wordt op de hoogte gehouden via een nieuwsbrief van de gemeente.",
            "Vrijwilligers zijn welkom bij de activiteiten die de gemeente organiseert.",
            "Samen met de buurt wil de gemeente kijken wat er verder nodig is.",
            "Voor het project is een projectleider aangesteld die in dienst is van de gemeente.",
            "Bewoners mogen meedenken, maar de gemeente beslist.",
            "Vrijwilligers die willen helpen bij de activiteiten van de gemeente, kunnen zich melden bij het loket.",
            "Het plan is opgesteld door een extern adviesbureau in opdracht van de gemeente.",
        ],
    ),
    "welzijn": (
        [
            "Welzijnsorganisatie {vnaam} Welzijn opent in {wijk} een nieuw ontmoetingspunt, bemand door beroepskrachten.",
            "De ouderenadviseurs van de welzijnsorganisatie houden voortaan spreekuur in {plaats}.",
            "De buurtcoaches van de welzijnsstichting gaan in {wijk} bij eenzame ouderen op bezoek.",
            "De jongerenwerkers van {vnaam} Welzijn organiseren deze zomer activiteiten op het schoolplein.",
            "Thuiszorgorganisatie {vnaam} zoekt vrijwilligers voor haar eigen bezoekdienst.",
            "De ouderenbond houdt in {plaats} een voorlichtingsmiddag over pensioenen en toeslagen.",
            "Het wijkteam van {plaats} verhuist naar het gezondheidscentrum, waar huisarts en maatschappelijk werk samen zitten.",
            "Een zorggroep opent in {plaats} een kleinschalige woonvorm voor ouderen met een zorgindicatie.",
            "De GGD houdt in {wijk} een gratis gezondheidscheck voor vijftigplussers.",
            "Het jongerenwerk van {plaats} krijgt er twee betaalde krachten bij, gefinancierd door de gemeente.",
            "De maatschappelijk werkers van het sociaal wijkteam houden inloopspreekuur in het buurthuis.",
        ],
        [
            "De organisatie werkt met betaalde beroepskrachten en wordt gefinancierd door de gemeente.",
            "Iedereen uit de buurt is welkom om samen koffie te drinken.",
            "De vrijwilligers van de organisatie zijn gekoppeld aan een beroepskracht.",
            "Aanmelden kan via de huisarts of het wijkteam.",
            "De professionals bieden ondersteuning op maat.",
            "De activiteit is onderdeel van het welzijnswerk dat de gemeente inkoopt.",
            "Het steunpunt is bereikbaar op werkdagen tussen negen en vijf.",
            "De kosten worden vergoed vanuit de Wmo.",
            "Een consulent neemt na aanmelding contact met u op.",
            "Samen met vrijwilligers helpen onze professionals inwoners op weg.",
            "De medewerkers kijken samen met u wat er nodig is.",
            "De activiteiten worden betaald uit de subsidie die de organisatie van de gemeente ontvangt.",
            "Ook familieleden kunnen gebruikmaken van het aanbod.",
            "Vrijwilligers ondersteunen de beroepskrachten bij de activiteiten.",
            "Bewoners die hulp nodig hebben, kunnen een afspraak maken.",
            "De organisatie heeft {aantal} medewerkers in dienst.",
        ],
    ),
    "commercieel": (
        [
            "Ondernemer {naam} opent {dag} een nieuwe kapsalon aan de Markt in {plaats}.",
            "Een supermarktketen opent in {wijk} een nieuwe vestiging.",
            "Het nieuwe restaurant aan de haven in {plaats} zit elke avond vol.",
            "Een energiebedrijf bouwt een zonnepark van veertig hectare bij {plaats}.",
            "Tuincentrum {vnaam} houdt dit weekend een open dag met aanbiedingen.",
            "Een ondernemer wil in het leegstaande pand in {plaats} een escaperoom beginnen.",
            "Ondernemers uit {plaats} sponsoren dit jaar de kerstverlichting in ruil voor reclame.",
            "Een landelijke webwinkel opent een afhaalpunt in {plaats}.",
            "Een hotelketen wil aan de rand van {plaats} een hotel met honderd kamers bouwen.",
            "De bakkerij in {plaats} viert haar honderdjarig bestaan met taart voor alle klanten.",
            "Een zonne-energiebedrijf legt een groot zonnedak op de distributiehal bij {plaats} en verkoopt de stroom aan het net.",
            "Een camping bij {plaats} breidt uit met twintig luxe chalets.",
            "Een garagebedrijf in {plaats} stapt over op elektrische deelauto's voor zakelijke klanten.",
        ],
        [
            "De eigenaar verwacht zes nieuwe medewerkers aan te nemen.",
            "Openingstijden: maandag tot en met zaterdag van 9.00 tot 18.00 uur.",
            "Klanten krijgen de eerste week tien procent korting.",
            "De ondernemer huurt het pand voor tien jaar.",
            "Volgens de eigenaar zijn de inwoners van het dorp blij met de nieuwe zaak.",
            "Het bedrijf sponsort ook de plaatselijke voetbalclub.",
            "Aanmelden voor het evenement kan via de website van het bedrijf.",
            "Het bedrijf hoopt er nieuwe klanten mee te trekken.",
            "De prijzen zijn inclusief btw.",
            "Samen met partners wil het bedrijf groeien in de regio.",
        ],
    ),
    "protest": (
        [
            "Ruim {aantal} inwoners van {plaats} tekenden een petitie tegen de sluiting van het zwembad.",
            "Omwonenden maken bezwaar tegen de bouw van een distributiecentrum bij {plaats}.",
            "Buurtbewoners klagen over overlast van hangjongeren bij het winkelcentrum in {wijk}.",
            "Bewoners in {plaats} willen dat de gemeente iets doet aan het sluipverkeer, maar hebben zelf geen plan.",
            "Een actiegroep voert campagne tegen de komst van een azc in {plaats}.",
            "Dorpsbewoners reageren woedend op het besluit om de basisschool te sluiten.",
            "Ouders eisen dat de gemeente de gevaarlijke oversteek bij de school aanpakt.",
            "Inwoners van {plaats} zijn het oneens met het nieuwe parkeerbeleid en overladen de raad met mails.",
            "Een groep boeren uit de omgeving van {plaats} voert actie tegen de nieuwe natuurregels.",
            "Huurders in {wijk} protesteren tegen de huurverhoging van hun woningcorporatie.",
            "Buurtbewoners in {plaats} willen dat de bomen in hun straat blijven staan en hebben een bezwaarschrift ingediend.",
        ],
        [
            "De bewoners hopen dat de gemeenteraad het besluit terugdraait.",
            "De petitie wordt volgende week aangeboden aan de burgemeester.",
            "De gemeente zegt de zorgen serieus te nemen, maar houdt vast aan het plan.",
            "\u201cWij zijn hier nooit over gehoord\u201d, zegt een omwonende.",
            "De actiegroep overweegt naar de rechter te stappen.",
            "Het bezwaar wordt behandeld door de commissie bezwaarschriften.",
            "Een woordvoerder van de projectontwikkelaar wil niet reageren.",
            "De bewoners hebben geen alternatief plan, ze willen vooral dat het niet doorgaat.",
            "Een eigen voorstel hebben de bewoners niet.",
        ],
    ),
    "landelijk": (
        [
            "Het kabinet trekt extra geld uit om gemeenten te helpen met de energietransitie.",
            "Volgens het Centraal Bureau voor de Statistiek voelt een op de tien Nederlanders zich sterk eenzaam.",
            "De regering wil dat er de komende jaren honderdduizend woningen per jaar bij komen.",
            "Het Planbureau voor de Leefomgeving waarschuwt dat de klimaatdoelen buiten bereik raken.",
            "Een landelijk onderzoek laat zien dat dorpen steeds vaker hun laatste winkel verliezen.",
            "Het kabinet wil de regels voor subsidies aan verenigingen vereenvoudigen.",
        ],
        [
            "Over de precieze verdeling van het geld wordt nog overlegd.",
            "Het wetsvoorstel moet nog door de Eerste Kamer.",
            "De oppositie noemt de plannen onvoldoende.",
            "Het onderzoek is uitgevoerd onder ruim tienduizend Nederlanders.",
            "Een woordvoerder van het ministerie bevestigt het bericht.",
            "Gemeenten moeten het beleid de komende jaren zelf uitwerken.",
        ],
    ),
    "ongeval": (
        [
            "Bij een aanrijding op de N{aantal} bij {plaats} is {dag}middag een fietser gewond geraakt.",
            "Een uitslaande brand heeft {dag}nacht een woning in {plaats} verwoest.",
            "Een automobilist is bij {plaats} met zijn auto in de sloot beland.",
            "Bij een botsing tussen twee auto's op de kruising in {plaats} raakten drie mensen gewond.",
            "Een vrachtwagen is {dag}ochtend gekanteld op de snelweg bij {plaats}.",
            "Bij een schoorsteenbrand in {plaats} is niemand gewond geraakt.",
            "Een kind is in {wijk} aangereden door een bestelbus en met spoed naar het ziekenhuis gebracht.",
        ],
        [
            "De brandweer was snel ter plaatse.",
            "Een traumahelikopter landde in de buurt.",
            "De politie doet onderzoek naar de oorzaak.",
            "De weg was urenlang afgesloten.",
            "Het slachtoffer is met onbekend letsel naar het ziekenhuis gebracht.",
            "Vrijwilligers van de brandweer waren tot diep in de nacht bezig.",
            "Omstanders verleenden eerste hulp.",
        ],
    ),
    "misdaad": (
        [
            "Bij een overval op een supermarkt in {plaats} is een medewerker bedreigd.",
            "De politie heeft in {plaats} een man aangehouden die verdacht wordt van oplichting via internet.",
            "In {plaats} is een drugslab ontdekt in een schuur bij een boerderij.",
        ],
        [
            "De politie vraagt getuigen zich te melden.",
            "De verdachte is aangehouden.",
            "Er is nog niemand aangehouden.",
        ],
    ),
    "sport": (
        [
            "De voetballers van vv {vnaam} wonnen zaterdag met 3-1 van de nummer twee.",
            "De handbalsters uit {plaats} hebben het kampioenschap binnen.",
            "Uitslagen amateurvoetbal: {vnaam} - {plaats} Boys 2-2, SV {wijkkort} - Excelsior {aantal}-0.",
            "De zwemmers van de plaatselijke club haalden vijf medailles op het regionaal kampioenschap.",
            "De tennissers van {plaats} verloren in de halve finale van de competitie.",
            "Een atleet uit {plaats} is geselecteerd voor het Europees kampioenschap.",
        ],
        [
            "In de tweede helft scoorde de spits twee keer.",
            "Volgende week speelt de ploeg uit tegen de koploper.",
            "De trainer was tevreden over het spel.",
            "Het publiek zag een spannende wedstrijd.",
            "De club staat nu derde in de competitie.",
        ],
    ),
    "weer": (
        [
            "Het wordt een natte week met af en toe onweer.",
            "Het KNMI heeft code oranje afgegeven voor zware windstoten.",
            "Na dagen van regen staat het water in de uiterwaarden bij {plaats} hoog.",
            "Na een koude nacht wordt het morgen zonnig bij een graad of twaalf.",
            "De hitte houdt aan: vandaag wordt het in het zuiden ruim dertig graden.",
        ],
        [
            "In de middag trekken buien over het land.",
            "Er staat een stevige zuidwestenwind.",
            "In het weekend koelt het af.",
            "Plaatselijk valt meer dan twintig millimeter regen.",
        ],
    ),
    "politiek": (
        [
            "De gemeenteraad van {plaats} heeft de begroting voor volgend jaar aangenomen.",
            "Een motie om het zwembad open te houden haalde in de raad van {plaats} geen meerderheid.",
            "De oppositie in {plaats} wil opheldering over de oplopende kosten van het nieuwe gemeentehuis.",
            "Wethouder {naam} stapt op na kritiek op de aanpak van de jeugdzorg.",
            "De raad van {plaats} debatteerde urenlang over de plannen voor het centrum.",
            "Het college van {plaats} verhoogt de onroerendezaakbelasting met vier procent.",
            "De gemeenteraad van {plaats} praat over een nieuw huisvestingsplan voor arbeidsmigranten.",
            "Een raadslid in {plaats} stapt over naar een andere fractie.",
        ],
        [
            "De coalitiepartijen stemden voor.",
            "De oppositie sprak van een gemiste kans.",
            "Het besluit wordt in de volgende raadsvergadering definitief.",
            "De fractievoorzitter wil dat de wethouder met een nieuw voorstel komt.",
            "Volgens de wethouder is er geen geld voor extra uitgaven.",
        ],
    ),
    "organisatie": (
        [
            "Een landelijk goed doel zoekt in {plaats} collectanten voor zijn jaarlijkse collecteweek.",
            "De Rode Kruis-afdeling regio {plaats} werft vrijwilligers voor de eigen hulpverleningsteams.",
            "Het waterschap zoekt vrijwilligers die helpen met het tellen van vissen in de eigen gemalen.",
            "Staatsbosbeheer houdt een open dag in het bos bij {plaats}.",
            "De landelijke vereniging van huurders roept leden op om te stemmen over de nieuwe koers.",
        ],
        [
            "De organisatie werkt landelijk en heeft afdelingen in elke provincie.",
            "Het geld gaat naar landelijke projecten.",
            "Vrijwilligers krijgen een training van de organisatie.",
            "De organisatie bepaalt zelf waar de vrijwilligers worden ingezet.",
            "Meer informatie staat op de landelijke website.",
        ],
    ),
}
# Neutral sentences: the stuff of any local report. Both labels get them at the same rate, so the
# classifier learns nothing from them; without them it learns 'zegt' or 'vier' as a sign of news.
NEUTRAAL = [
    "{plaats} telt ongeveer {aantal}00 inwoners.",
    "Meer informatie staat op de website.",
    "Het gebeurde in de buurt van de kerk.",
    "De bijeenkomst begint om half acht.",
    "Koffie en thee staan klaar.",
    "Foto: archief.",
    "Het pand aan de {straat}straat staat al een tijd leeg.",
    "De afgelopen jaren is er in {plaats} veel veranderd.",
    "Lees ook: drukte verwacht bij de kermis.",
    "Dit bericht is bijgewerkt om {aantal}:15 uur.",
    "\u201cHet is echt heel mooi om te zien\u201d, zegt {naam}.",
    "{naam} woont al dertig jaar in {plaats}.",
    "Het gaat om een bedrag van ruim {bedrag} euro.",
    "Volgens {voornaam} is het nog te vroeg om conclusies te trekken.",
    "Dat was vier jaar geleden.",
    "Tientallen mensen kwamen een kijkje nemen.",
    "Het is een nieuwe stap, zegt de voorzitter.",
    "Ook de burgemeester was aanwezig.",
    "Het weer werkte gelukkig mee.",
    "De kosten vallen hoger uit dan verwacht.",
    "Op de foto: {naam} bij de ingang.",
    "Dat gaat niet van de ene op de andere dag.",
    "Daarbij komen nog de kosten voor onderhoud.",
    "De eerste reacties zijn positief.",
    "{voornaam} ziet het zonnig in.",
    "Het idee is eenvoudig.",
    "Er is nog veel werk te doen.",
    "Wie meer wil weten, kan contact opnemen.",
    "De komende weken wordt duidelijk hoe het verder gaat.",
    "\u201cIk vind het belangrijk dat we dit goed regelen\u201d, vertelt {voornaam}.",
    "Het is al jaren een bekend probleem in de regio.",
    "In {maand} volgt een evaluatie.",
    "De auto stond geparkeerd voor de deur.",
    "Voor kinderen is er een springkussen.",
    "Om tien uur ging het officieel van start.",
    "Het gebouw dateert uit 1920.",
    "Een woordvoerder bevestigt het nieuws.",
    "Het project loopt tot eind volgend jaar.",
    "Niet iedereen is even enthousiast.",
    "De kans is groot dat het nog drukker wordt.",
    "Ook in de omliggende dorpen wordt het gemerkt.",
    "Het aantal aanmeldingen groeit snel.",
    "Een prijs wordt pas later bekendgemaakt.",
    "Vorige week was dat nog anders.",
    "Het is de bedoeling dat het in {maand} klaar is.",
    "Er werken nu vier mensen.",
    "Een deel van het geld is al binnen.",
    "De nieuwe plannen worden in {maand} gepresenteerd.",
    "Bij slecht weer gaat het binnen door.",
    "Parkeren kan op het plein.",
    "\u201cWe zien wel hoe het loopt\u201d, zegt {voornaam} nuchter.",
    "Ook dit jaar is er weer veel belangstelling.",
    "Het terrein ligt aan de rand van het dorp.",
    "Dat heeft alles te maken met de kosten.",
    "Het werk werd in twee fasen uitgevoerd.",
    "De opening is gepland op {dag} {dagnr} {maand}.",
    "De voorzitter opende de avond met een kort woord.",
    "Er waren ook kritische vragen.",
    "De gemeente is op de hoogte.",
    "Vanwege de drukte werd de weg tijdelijk afgesloten.",
    "Het nieuws ging snel rond in het dorp.",
    "Zijn vrouw en kinderen waren ook aanwezig.",
    "Het is de derde keer dit jaar.",
    "Iedereen kreeg een kopje koffie en een plak cake.",
    "In totaal gaat het om zo'n {aantal} huishoudens.",
]
SOCIAL_INIT = [
    "Wij zoeken nog vrijwilligers voor onze buurtmoestuin! Kom zaterdag langs \U0001f331 #samen #{plaatstag}",
    "Trots op onze straat: vandaag samen de speeltuin opgeknapt. Dank aan alle buren die hielpen! \U0001f4aa",
    "Repair café in het buurthuis: neem je kapotte broodrooster mee, onze vrijwilligers kijken ernaar. #{plaatstag}",
    "Onze energiecoöperatie heeft {aantal} leden! Nog niet aangemeld? Doe mee en leg samen met ons zonnepanelen op het dak van de sporthal.",
    "Buurtmaaltijd aanstaande {dag}: koken doen we samen, iedereen uit de wijk is welkom. Opgeven bij {voornaam}.",
    "Help jij mee? Het dorpshuis wordt door vrijwilligers gerund en we zoeken barvrijwilligers voor de {dag}avond.",
    "Vandaag de eerste rit van onze buurtbus! Chauffeurs zijn allemaal vrijwilligers uit het dorp \U0001f68c #{plaatstag}",
    "Wij willen met de buurt een voedselbos planten op het veldje. Denk je mee? Bijeenkomst {dag} om 20.00 uur.",
    "Onze kledingbank is weer open! Vrijwilligers staan klaar op {dag} van 10 tot 13 uur.",
    "Crowdfunding voor ons AED-kastje loopt hard: nog {bedrag} euro te gaan. Elke bijdrage helpt! #{plaatstag}",
    "Met de bewoners van onze straat hebben we een buurtapp en een preventieteam opgezet. Samen houden we een oogje in het zeil.",
    "Taalmaatjes gezocht! Ons taalcafé koppelt nieuwkomers aan buurtgenoten. Iedereen kan meedoen.",
]
SOCIAL_OTHER = [
    "Wat een storm vannacht, boom om in onze straat \U0001f62e",
    "Weer een fietsendiefstal bij het station. Wanneer gaat de gemeente hier iets aan doen? #{plaatstag}",
    "Zaterdag gewonnen met 2-0, op naar het kampioenschap! \u26bd",
    "Nieuwe bakker op de hoek is echt een aanrader! \U0001f950",
    "Teken de petitie tegen de sluiting van ons zwembad! Laat de gemeente weten dat we het niet eens zijn.",
    "Files op de ring, neem de trein vandaag.",
    "Zojuist onze nieuwe winkel geopend! Kom langs voor 20% openingskorting. #{plaatstag}",
    "De gemeente start een enquête over afval. Vul hem in voor vrijdag.",
    "Ongeluk op de rotonde, ambulance ter plaatse. Rij voorzichtig!",
    "Zo boos dat de raad het buurthuis wil sluiten. Schande! #{plaatstag}",
    "Mooi weer vandaag, lekker naar het strand \u2600\ufe0f",
    "Vacature: wij zoeken een enthousiaste verkoopmedewerker voor onze winkel in {plaats}.",
]
LISTING_INIT = [
    "{project_hoofd} {plaats} \u2013 elke eerste {dag} van de maand, 10.00-13.00 uur, buurthuis {vnaam}. Gerund door vrijwilligers uit de buurt. Toegang gratis, een vrijwillige bijdrage is welkom.",
    "Stichting {vnaam} | {project_hoofd} | Opgericht door bewoners in {jaar} | Vrijwilligers: {aantal} | Contact via het secretariaat.",
    "Over ons: {project_hoofd} {plaats} is een initiatief van buurtbewoners. Wij zijn een vereniging zonder winstoogmerk en alles wat we doen, doen we met vrijwilligers.",
    "Agenda: {dag} {dagnr} {maand} \u2013 ledenvergadering van de coöperatie in het dorpshuis. Alle leden en belangstellende dorpsgenoten zijn welkom.",
]
LISTING_OTHER = [
    "Fietsenmaker {naam} \u2013 reparatie en onderhoud, maandag t/m zaterdag 9.00-18.00 uur. Bel voor een afspraak.",
    "Over ons: {vnaam} Welzijn is de professionele welzijnsorganisatie in {plaats}. Onze medewerkers bieden ondersteuning aan inwoners in opdracht van de gemeente.",
    "Agenda gemeenteraad {plaats}, {dag} {dagnr} {maand}: 1. Opening 2. Vaststelling agenda 3. Begrotingswijziging 4. Rondvraag.",
    "Te koop: vrijstaande woning in {plaats}, vraagprijs {bedrag} euro k.k., vier slaapkamers, energielabel A.",
    "Evenementenvergunning aanvragen: wat moet u doen? Vul het formulier in en lever de stukken aan, de behandeltermijn is acht weken.",
    "Vacature beleidsmedewerker participatie, gemeente {plaats}, 36 uur, schaal 11.",
    "Algemene voorwaarden: op alle aanbiedingen en overeenkomsten van {vnaam} BV zijn deze voorwaarden van toepassing.",
    "Melding openbare ruimte: ziet u een kapotte lantaarnpaal of losliggende tegel? Meld het via het formulier; de gemeente lost het op.",
    "Subsidieregister {plaats}: overzicht van verleende subsidies aan instellingen en verenigingen per beleidsterrein.",
    "Openingstijden Sportcentrum {plaats}: maandag tot vrijdag 7.00-22.00 uur, weekend 8.00-17.00 uur. Beheer: {vnaam} Sport BV.",
]


HARD_KINDS = ["gemeente", "welzijn", "commercieel", "protest", "organisatie"]

# --- page furniture: what scraped excerpts carry around the text, the same for both labels -----------
PAGINA_KOP = [
    "Home | Nieuws | Agenda | Over ons | Contact", "Menu", "Home > Nieuws", "Home \u203a Actueel \u203a {jaar}",
    "Nieuws | Activiteiten | Foto's | Lid worden | Contact", "Zoeken", "Inloggen | Registreren",
    "{dag} {dagnr} {maand} {jaar}", "Geplaatst op {dagnr} {maand} {jaar}", "{dagnr}-{maandnr}-{jaar} {uur}:{minuut}",
    "Laatst bijgewerkt: {dagnr} {maand} {jaar}", "Door redactie | {dagnr} {maand} {jaar}", "Leestijd: 2 minuten",
    "Deel dit bericht: Facebook | X | WhatsApp | E-mail", "Terug naar overzicht",
]
PAGINA_VOET = [
    "Deel dit bericht", "Lees ook:", "Reacties (0)", "Reageer op dit bericht", "Meer nieuws",
    "Tags: {plaats}, nieuws", "Categorie\u00ebn: Algemeen", "\u00a9 {jaar} Alle rechten voorbehouden",
    "Privacyverklaring | Cookies | Disclaimer", "Contact: info@{domein}.nl | 06-{tel}", "Volg ons op Facebook en Instagram",
    "Deze website maakt gebruik van cookies. Akkoord", "Postadres: Postbus {postbus}, {plaats}", "Foto: aangeleverd",
    "Schrijf je in voor de nieuwsbrief", "Vorig bericht | Volgend bericht", "Adverteren? Neem contact op met de redactie.",
]


def _furnish(rng: random.Random, text: str, place: str) -> str:
    """The text with a page header and/or footer around it, as a scraped excerpt has (about half the rows)."""
    if rng.random() < 0.5:
        return text
    slots = {
        "jaar": str(rng.randint(2015, 2025)), "dag": rng.choice(DAGEN), "dagnr": str(rng.randint(1, 28)),
        "maand": rng.choice(MAANDEN), "maandnr": f"{rng.randint(1, 12):02d}", "uur": f"{rng.randint(7, 22):02d}",
        "minuut": f"{rng.randint(0, 59):02d}", "plaats": place, "domein": place.lower().replace(" ", "").replace("'", ""),
        "tel": str(rng.randint(10000000, 99999999)), "postbus": str(rng.randint(1, 999)),
    }
    head = [rng.choice(PAGINA_KOP).format(**slots) for _ in range(rng.choice([0, 1, 1, 2]))]
    foot = [rng.choice(PAGINA_VOET).format(**slots) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    return "\n".join([*head, text, *foot])


def _slots(rng: random.Random, places: list[str]) -> dict[str, str]:
    project, kort, verb, doel = rng.choice(PROJECTEN)
    plaats = rng.choice(places)
    wijk = rng.choice(WIJKEN)
    return {
        "plaats": plaats,
        "plaatstag": plaats.replace(" ", "").replace("'", "").replace("-", ""),
        "wijk": wijk,
        "wijkkort": wijk.split()[-1],
        "naam": f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
        "naam2": f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
        "voornaam": rng.choice(VOORNAMEN),
        "vnaam": rng.choice(VERENIGINGSNAMEN),
        "straat": rng.choice(STRATEN),
        "jaren": str(rng.choice([3, 5, 10, 12, 15, 20, 25, 40])),
        "kort_cap": kort[0].upper() + kort[1:],
        "aantal": str(rng.choice([4, 6, 8, 12, 15, 20, 25, 30, 40, 60, 85, 120, 250])),
        "bedrag": rng.choice(["1.500", "4.000", "12.500", "25.000", "80.000", "349.000"]),
        "dag": rng.choice(DAGEN),
        "dagnr": str(rng.randint(1, 28)),
        "maand": rng.choice(MAANDEN),
        "jaar": str(rng.randint(2008, 2025)),
        "project": project,
        "project_kort": kort,
        "project_hoofd": kort.split(" ", 1)[1].capitalize() if " " in kort else kort.capitalize(),
        "verb": verb,
        "doel": doel,
    }


# Composed neutral sentences spread everyday words ('mensen', 'zegt', 'nieuwe', 'week') evenly over both labels.
_GEWOON = {
    "wie": ["Veel mensen", "De meeste inwoners", "Sommige buurtgenoten", "Tientallen mensen", "Ruim honderd bezoekers", "Een paar omwonenden", "Jong en oud", "De aanwezigen"],
    "deden": ["kwamen kijken", "bleven tot laat", "waren er vroeg bij", "reageerden verrast", "hadden vragen", "maakten foto's", "praatten nog lang na", "stonden in de rij"],
    "wanneer": ["afgelopen week", "vorige maand", "zaterdagmiddag", "de laatste tijd", "vanochtend", "gisteravond", "dit voorjaar", "na de zomer", "eind vorig jaar"],
    "het": ["Het", "Dat", "Dit", "Alles"],
    "is": ["is", "was", "blijft", "wordt", "lijkt"],
    "hoe": ["echt", "best", "heel", "erg", "nogal", "vooral", "ontzettend", "wel"],
    "wat": ["mooi", "groot", "belangrijk", "lastig", "bijzonder", "nieuw", "druk", "rustig", "spannend", "duur", "leuk", "snel geregeld"],
    "zegt": ["zegt", "vindt", "vertelt", "aldus", "denkt", "merkt"],
    "tal": ["Vier", "Vijf", "Tien", "Twintig", "Ruim dertig", "Bijna honderd", "Zo'n veertig", "Een tiental"],
    "eenheid": ["jaar geleden", "weken later", "procent meer dan vorig jaar", "mensen per week", "keer per jaar", "maanden lang"],
    "vervolg": ["begon het allemaal", "was dat nog ondenkbaar", "kwam de eerste reactie", "veranderde er veel", "is het zover", "stond alles stil"],
}
_GEWOON_ZINNEN = [
    "{wie} {deden} {wanneer}.",
    "\u201c{het} {is} {hoe} {wat}\u201d, {zegt} {voornaam}.",
    "{het} {is} {hoe} {wat}, {zegt} {naam}.",
    "{tal} {eenheid} {vervolg}.",
    "{wanneer_cap} {vervolg}.",
    "{het} {is} {wanneer} {hoe} {wat} geweest, {zegt} {voornaam}.",
    "Volgens {naam} {is} het {hoe} {wat}.",
    "{wie} {deden}, {zegt} {voornaam}.",
]


def _gewoon(rng: random.Random, slots: dict[str, str]) -> str:
    pick = {k: rng.choice(v) for k, v in _GEWOON.items()}
    pick["wanneer_cap"] = pick["wanneer"].capitalize()
    return rng.choice(_GEWOON_ZINNEN).format(**pick, voornaam=slots["voornaam"], naam=slots["naam"])


def _fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _news(rng: random.Random, slots: dict[str, str], opening: str, body: list[str], n_body: int) -> str:
    """A news-style text: the opening, `n_body` body sentences and some neutral ones, in paragraphs."""
    actor = _fill(rng.choice(ACTOREN), slots, rng)
    names_an_organisation = actor.startswith(("Stichting", "Buurtvereniging", "Vereniging"))
    slots = {**slots, "actor": actor, "actor_l": actor if names_an_organisation else actor[0].lower() + actor[1:]}
    sentences = [_fill(opening, slots, rng)]
    sentences += [_fill(s, slots, rng) for s in rng.sample(body, min(n_body, len(body)))]
    for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
        sentences.insert(rng.randint(1, len(sentences)), _fill(rng.choice(NEUTRAAL), slots, rng))
    for _ in range(rng.choice([0, 1, 2, 3])):
        sentences.insert(rng.randint(1, len(sentences)), _gewoon(rng, slots))
    paragraphs, current = [], []
    for s in sentences:
        current.append(s)
        if rng.random() < 0.3:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _examples(rng, places, n, label, pick_news, social, listing, cutoffs) -> list[dict]:
    """`n` examples of one label: news (opening and body from `pick_news`), social posts or listings."""
    rows = []
    for i in range(n):
        slots = _slots(rng, places)
        style = rng.random()
        if style < cutoffs[0]:
            openings, body, max_body = pick_news(rng)
            text = _news(rng, slots, rng.choice(openings), body, rng.randint(1, max_body))
        elif style < cutoffs[1]:
            text = _fill(rng.choice(social), slots, rng)
        else:
            text = _fill(rng.choice(listing), slots, rng)
        rows.append({"id": f"g-{label[0]}{i:04d}", "text": text, "label": label, "style": "generated"})
    return rows


def generate(n_init: int = 850, n_other: int = 850, seed: int = SEED) -> list[dict]:
    """The generated examples, balanced, in a fixed order for a given seed."""
    rng = random.Random(seed)
    places = sorted(set(reference.woonplaatsen()["woonplaats"]) | {n.split(" (")[0] for n in reference.gemeenten()["gemeentenaam"]})
    kinds = sorted(NEG_KINDS) + HARD_KINDS  # hard negatives are drawn twice as often
    rows = _examples(
        rng, places, n_init, "initiative", lambda r: (INIT_OPENINGEN, INIT_BODY, 6), SOCIAL_INIT, LISTING_INIT, (0.6, 0.8)
    ) + _examples(
        rng, places, n_other, "other", lambda r: (*NEG_KINDS[r.choice(kinds)], 4), SOCIAL_OTHER, LISTING_OTHER, (0.65, 0.83)
    )
    furniture = random.Random(seed + 1)  # its own stream, so the texts themselves do not change
    return [{**row, "text": _furnish(furniture, row["text"], furniture.choice(places))} for row in rows]


def main() -> None:
    rows = generate()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} voorbeelden geschreven naar {OUT}")


if __name__ == "__main__":
    main()
