"""Word lists the demo draws from: names, places, employers, titles, interests, needs, offers."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class Region:
    """Names that go together, and where people with them tend to live."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(",") if w.strip())


REGIONS = (
    Region(
        14,
        _words(
            "Emily, Sarah, Hannah, Olivia, Zoë, Siobhán, Grace, Charlotte, Megan, Rachel, Imani"
        ),
        _words("James, Oliver, Daniel, Ryan, Liam, Patrick, Michael, Tom, Ben, Jamal, Malik"),
        _words(
            "Smith, Johnson, Brown, Williams, O'Brien, Murphy, Walsh, Kelly, Byrne, Campbell, "
            "Cooper, Hughes, Bennett, Reed, Foster, Price, Hart, Washington, Robinson, Fletcher"
        ),
        _words("London, Dublin, New York, San Francisco, Boston, Seattle, Austin, Sydney"),
    ),
    Region(
        6,
        _words("María, Lucía, Inés, Carmen, Sofía, Valentina, Elena, Paula, María José"),
        _words("José, Javier, Diego, Mateo, Andrés, Pablo, Álvaro, Tomás, Juan Pablo"),
        _words(
            "Álvarez, García, Rodríguez, Fernández, López, Martínez, Núñez, Ortega, "
            "Jiménez, Herrera, Castillo, Vargas, Muñoz, Ibáñez"
        ),
        _words("Madrid, Barcelona, Mexico City, Buenos Aires, Bogotá, Santiago, Valencia"),
    ),
    Region(
        5,
        _words("Ana, Beatriz, Mariana, Joana, Leonor, Camila, Inês"),
        _words("João, Tiago, Rui, Gonçalo, Rafael, Bruno, Luís"),
        _words(
            "Silva, Santos, Ferreira, Gonçalves, Costa, Oliveira, Pereira, Sousa, "
            "Almeida, Carvalho, Magalhães, Araújo"
        ),
        _words("Lisbon, Porto, São Paulo, Rio de Janeiro, Lisbon"),
    ),
    Region(
        5,
        _words("Chloé, Camille, Léa, Manon, Élodie, Margaux, Amélie"),
        _words("Julien, Théo, Hugo, Mathieu, Rémi, Étienne, Antoine"),
        _words(
            "Dubois, Lefèvre, Moreau, Girard, Laurent, Rousseau, Fontaine, Mercier, "
            "Chevalier, Bérubé"
        ),
        _words("Paris, Lyon, Montréal, Brussels, Bordeaux, Geneva"),
    ),
    Region(
        5,
        _words("Lena, Katharina, Franziska, Johanna, Greta, Miriam"),
        _words("Jürgen, Lukas, Felix, Jonas, Matthias, Tobias, Maximilian"),
        _words(
            "Müller, Schmidt, Schneider, Fischer, Weber, Becker, Hoffmann, Krüger, "
            "Schäfer, Böhm, Wagner, Zimmermann"
        ),
        _words("Berlin, Munich, Hamburg, Vienna, Zürich"),
    ),
    Region(
        4,
        _words("Ingrid, Astrid, Freja, Sigrid, Maja, Linnea, Saga"),
        _words("Søren, Björn, Lars, Magnus, Mikkel, Erik, Oskar, Anders"),
        _words(
            "Nielsen, Andersson, Johansson, Lindqvist, Hansen, Larsen, Søndergaard, "
            "Bergström, Virtanen, Halvorsen, Lindgren, Ødegaard"
        ),
        _words("Copenhagen, Stockholm, Oslo, Helsinki, Aarhus"),
    ),
    Region(
        4,
        _words("Agnieszka, Małgorzata, Zofia, Katarzyna, Tereza, Alena"),
        _words("Łukasz, Piotr, Tomasz, Michał, Jakub, Ondřej, Marek"),
        _words("Nowak, Wójcik, Kowalczyk, Mazur, Krawczyk, Dvořák, Novák, Horvat, Kovač, Nagy"),
        _words("Warsaw, Kraków, Prague, Budapest, Wrocław, Zagreb"),
    ),
    Region(
        3,
        _words("Olena, Kateryna, Iryna, Anastasia, Daria"),
        _words("Oleksandr, Dmytro, Andriy, Mykola, Ivan"),
        _words("Shevchenko, Kovalenko, Bondarenko, Tkachenko, Melnyk, Petrenko, Boyko"),
        _words("Kyiv, Lviv, Warsaw, Berlin, Tallinn"),
    ),
    Region(
        4,
        _words("Giulia, Chiara, Francesca, Eleni, Martina, Sofia"),
        _words("Luca, Matteo, Giorgos, Marco, Nikos, Alessandro"),
        _words("Rossi, Bianchi, Romano, Esposito, Ricci, Greco, Conti, Papadopoulos, Georgiou"),
        _words("Milan, Rome, Turin, Athens, Bologna"),
    ),
    Region(
        4,
        _words("Zoë, Sanne, Femke, Lotte, Eva, Fleur"),
        _words("Daan, Bram, Joost, Sem, Pieter, Ruben"),
        _words("de Vries, van Dijk, Bakker, Visser, Janssen, Peeters, de Jong, Smit, Mulder"),
        _words("Amsterdam, Rotterdam, Utrecht, Antwerp, Ghent, Eindhoven"),
    ),
    Region(
        3,
        _words("Zeynep, Elif, Çağla, Ayşe, Defne"),
        _words("Emre, Mehmet, Can, Burak, Oğuz"),
        _words("Yılmaz, Öztürk, Demir, Kaya, Şahin, Çelik, Aydın, Arslan"),
        _words("Istanbul, Ankara, Izmir, Berlin"),
    ),
    Region(
        4,
        _words("Layla, Yasmin, Nour, Farah, Ayesha, Leila, Salma"),
        _words("Omar, Karim, Youssef, Imran, Tariq, Hamza, Rami"),
        _words("Haddad, Khalil, Mansour, Khan, Rahman, Hossain, Siddiqui, Nasser, Saleh, Farouk"),
        _words("Dubai, Cairo, Amman, Dhaka, London, Toronto"),
    ),
    Region(
        2,
        _words("Noa, Tamar, Maya, Yael"),
        _words("Itai, Noam, Eitan, Amit"),
        _words("Cohen, Levi, Mizrahi, Friedman, Katz, Shapiro, Ben-David"),
        _words("Tel Aviv, Haifa, New York"),
    ),
    Region(
        4,
        _words("Adaeze, Chiamaka, Ama, Abena, Fatou, Aminata, Ngozi"),
        _words("Chinedu, Kwame, Kofi, Oluwaseun, Tunde, Emeka, Mamadou"),
        _words(
            "Okafor, Adeyemi, Mensah, Boateng, Diallo, Ndiaye, Traoré, Okonkwo, Balogun, "
            "Asante, Eze, Owusu"
        ),
        _words("Lagos, Accra, Dakar, Abuja, London"),
    ),
    Region(
        3,
        _words("Wanjiru, Achieng, Nomvula, Thandiwe, Lindiwe, Makena, Hiwot"),
        _words("Kamau, Otieno, Sipho, Thabo, Tendai, Dawit, Baraka"),
        _words("Mwangi, Ochieng, Njoroge, Dlamini, Nkosi, Moyo, Abebe, Tesfaye, Mutua, Banda"),
        _words("Nairobi, Cape Town, Johannesburg, Addis Ababa, Kigali"),
    ),
    Region(
        7,
        _words("Priya, Ananya, Kavya, Aditi, Sneha, Nisha, Meera"),
        _words("Arjun, Rahul, Vikram, Rohan, Karthik, Siddharth, Aarav"),
        _words(
            "Patel, Sharma, Iyer, Reddy, Nair, Gupta, Mukherjee, Kapoor, Desai, Rao, "
            "Chatterjee, Menon, Krishnan"
        ),
        _words("Bangalore, Mumbai, Hyderabad, Pune, Delhi, San Francisco, London, Toronto"),
    ),
    Region(
        5,
        _words("Mei, Xin, Lin, Jia, Yiting, Ying"),
        _words("Wei, Hao, Jun, Zhi, Yang, Bo"),
        _words("Chen, Wang, Li, Zhang, Liu, Huang, Zhou, Wu, Xu"),
        _words("Shanghai, Taipei, Singapore, Hong Kong, Vancouver, San Francisco"),
    ),
    Region(
        3,
        _words("Yuki, Hana, Aiko, Sakura, Haruka"),
        _words("Hiroshi, Kenji, Takumi, Haruto, Daisuke"),
        _words("Tanaka, Sato, Suzuki, Takahashi, Nakamura, Watanabe, Kobayashi, Yamamoto"),
        _words("Tokyo, Osaka, Fukuoka, San Francisco"),
    ),
    Region(
        3,
        _words("Ji-woo, Seo-yeon, Min-ji, Soo-ah, Hye-jin"),
        _words("Min-jun, Jae-won, Ji-hoon, Dong-hyun, Sung-min"),
        _words("Kim, Park, Choi, Lee, Jung, Kang, Yoon, Han"),
        _words("Seoul, Busan, Seattle"),
    ),
    Region(
        2,
        _words("Linh, Mai, Thảo, Hương"),
        _words("Minh, Đức, Tuấn, Quang"),
        _words("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ"),
        _words("Ho Chi Minh City, Hanoi, Singapore, Melbourne"),
    ),
    Region(
        3,
        _words("Siti, Putri, Angelica, Nurul, Bea"),
        _words("Budi, Rizal, Paolo, Andi, Miguel"),
        _words("Santoso, Wijaya, Reyes, Cruz, Bautista, Tan, Lim, Halim"),
        _words("Jakarta, Manila, Kuala Lumpur, Singapore"),
    ),
)
REGION_CUM = list(accumulate(r.weight for r in REGIONS))
NEUTRAL = _words("Alex, Jordan, Taylor, Casey, Morgan, Riley, Robin, Kai, Sasha, Charlie")

PRONOUNS = {"f": ("she", "her", "her"), "m": ("he", "him", "his"), "n": ("they", "them", "their")}
GENDER_OF = {n: "f" for r in REGIONS for n in r.female}
GENDER_OF.update({n: "m" for r in REGIONS for n in r.male})
GENDER_OF.update(dict.fromkeys(NEUTRAL, "n"))

HUB_CITIES = _words(
    "San Francisco, New York, London, Berlin, Lisbon, Toronto, Amsterdam, Singapore, "
    "Paris, Barcelona, Seattle, Austin, Dublin, Stockholm, Bangalore, Sydney"
)
COUNTRY = {
    **dict.fromkeys(_words("London, Manchester, Edinburgh"), "UK"),
    **dict.fromkeys(_words("Dublin"), "Ireland"),
    "New York": "NY",
    "San Francisco": "CA",
    "Boston": "MA",
    "Seattle": "WA",
    "Austin": "TX",
    **dict.fromkeys(_words("Sydney, Melbourne"), "Australia"),
    **dict.fromkeys(_words("Toronto, Vancouver, Montréal"), "Canada"),
    **dict.fromkeys(_words("Madrid, Barcelona, Valencia"), "Spain"),
    "Mexico City": "Mexico",
    "Buenos Aires": "Argentina",
    "Bogotá": "Colombia",
    "Santiago": "Chile",
    **dict.fromkeys(_words("Lisbon, Porto"), "Portugal"),
    **dict.fromkeys(_words("São Paulo, Rio de Janeiro"), "Brazil"),
    **dict.fromkeys(_words("Paris, Lyon, Bordeaux"), "France"),
    "Brussels": "Belgium",
    "Geneva": "Switzerland",
    "Zürich": "Switzerland",
    **dict.fromkeys(_words("Berlin, Munich, Hamburg"), "Germany"),
    "Vienna": "Austria",
    "Copenhagen": "Denmark",
    "Aarhus": "Denmark",
    "Stockholm": "Sweden",
    "Oslo": "Norway",
    "Helsinki": "Finland",
    **dict.fromkeys(_words("Warsaw, Kraków, Wrocław"), "Poland"),
    "Prague": "Czechia",
    "Budapest": "Hungary",
    "Zagreb": "Croatia",
    **dict.fromkeys(_words("Kyiv, Lviv"), "Ukraine"),
    "Tallinn": "Estonia",
    **dict.fromkeys(_words("Milan, Rome, Turin, Bologna"), "Italy"),
    "Athens": "Greece",
    **dict.fromkeys(_words("Amsterdam, Rotterdam, Utrecht, Eindhoven"), "Netherlands"),
    **dict.fromkeys(_words("Antwerp, Ghent"), "Belgium"),
    **dict.fromkeys(_words("Istanbul, Ankara, Izmir"), "Türkiye"),
    "Dubai": "UAE",
    "Cairo": "Egypt",
    "Amman": "Jordan",
    "Dhaka": "Bangladesh",
    **dict.fromkeys(_words("Tel Aviv, Haifa"), "Israel"),
    **dict.fromkeys(_words("Lagos, Abuja"), "Nigeria"),
    "Accra": "Ghana",
    "Dakar": "Senegal",
    "Nairobi": "Kenya",
    **dict.fromkeys(_words("Cape Town, Johannesburg"), "South Africa"),
    "Addis Ababa": "Ethiopia",
    "Kigali": "Rwanda",
    **dict.fromkeys(_words("Bangalore, Mumbai, Hyderabad, Pune, Delhi"), "India"),
    "Shanghai": "China",
    "Taipei": "Taiwan",
    "Singapore": "",
    "Hong Kong": "",
    **dict.fromkeys(_words("Tokyo, Osaka, Fukuoka"), "Japan"),
    **dict.fromkeys(_words("Seoul, Busan"), "South Korea"),
    **dict.fromkeys(_words("Ho Chi Minh City, Hanoi"), "Vietnam"),
    "Jakarta": "Indonesia",
    "Manila": "Philippines",
    "Kuala Lumpur": "Malaysia",
}
# Fictional-number ranges only: NANP 555-01xx, Ofcom drama numbers, ACMA 0491 570 xxx.
US_AREA = {
    "New York": "212",
    "San Francisco": "415",
    "Boston": "617",
    "Seattle": "206",
    "Austin": "512",
    "Toronto": "416",
    "Vancouver": "604",
    "Montréal": "514",
}


# --------------------------------------------------------------------------- careers

ORGS = _words(
    "Globex, Initech, Acme Robotics, Northwind Health, Contoso, Fabrikam, Tailspin Toys, "
    "Brightline Labs, Halcyon Bio, Kestrel Payments, Meridian Bank, Nimbus Cloud, "
    "Orbital Freight, Parallax Games, Quill Learning, Redwood Energy, Saltmarsh Studio, "
    "Tessellate, Vantage Mobility, Wavelength Audio, Yarrow Foods, Zephyr Air, "
    "Cobalt Security, Driftwood Travel, Evergreen Grid, Foxglove Design, Granite Insurance, "
    "Harbor & Pine, Ironbark Systems, Moonrise Media, Lumen Analytics, Solstice Retail"
)
VC_ORGS = _words("Larkspur Ventures, Tidewater Capital, Seedling Partners, Northstar Ventures")
# Big employers first and heavier: group interactions need colleagues to share an org.
ORG_CUM = list(accumulate(max(1, 12 - i // 2) for i in range(len(ORGS))))


TRACKS = _words("engineering, product, design, data, sales, recruiting, marketing, venture")
TRACK_CUM = list(accumulate((34, 15, 12, 10, 10, 7, 6, 6)))
TITLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "engineering": (
        _words("Software Engineer, Backend Engineer, Frontend Developer, Mobile Engineer"),
        _words("Senior Software Engineer, Senior Backend Engineer, Site Reliability Engineer"),
        _words("Staff Engineer, Engineering Manager, Tech Lead"),
        _words("Principal Engineer, Director of Engineering"),
        _words("VP of Engineering, CTO"),
    ),
    "product": (
        _words("Associate Product Manager"),
        _words("Product Manager"),
        _words("Senior Product Manager"),
        _words("Group Product Manager, Principal Product Manager"),
        _words("Head of Product, VP of Product"),
    ),
    "design": (
        _words("Product Designer, UX Designer"),
        _words("Senior Product Designer, UX Researcher"),
        _words("Lead Designer, Design Manager"),
        _words("Head of Design, Design Director"),
        _words("VP of Design"),
    ),
    "data": (
        _words("Data Analyst, Research Assistant"),
        _words("Data Scientist, ML Engineer"),
        _words("Senior Data Scientist, Research Scientist"),
        _words("Staff Research Scientist, Head of Data"),
        _words("Director of Research, Chief Data Officer"),
    ),
    "sales": (
        _words("Sales Development Representative"),
        _words("Account Executive"),
        _words("Senior Account Executive, Solutions Engineer"),
        _words("Sales Manager, Head of Partnerships"),
        _words("VP of Sales, Chief Revenue Officer"),
    ),
    "recruiting": (
        _words("Recruiting Coordinator"),
        _words("Technical Recruiter"),
        _words("Senior Technical Recruiter, Talent Partner"),
        _words("Head of Talent, Recruiting Manager"),
        _words("VP of People"),
    ),
    "marketing": (
        _words("Marketing Associate, Content Marketer"),
        _words("Product Marketing Manager, Growth Marketer"),
        _words("Senior Product Marketing Manager, Developer Advocate"),
        _words("Head of Marketing, Director of Growth"),
        _words("CMO"),
    ),
    "venture": (
        _words("Analyst"),
        _words("Associate"),
        _words("Principal, Founder"),
        _words("Partner, Co-founder & CEO"),
        _words("General Partner, Managing Partner"),
    ),
}
OPENINGS = _words(
    "Staff Engineer, Head of Product, Senior Designer, Data Scientist, Engineering Manager, "
    "Founding Engineer, Product Manager, Account Executive, Developer Advocate, SRE"
)


# --------------------------------------------------------------------------- facets

INTERESTS = _words(
    "distributed systems, product strategy, climate tech, trail running, sourdough baking, "
    "jazz, chess, open source, machine learning, developer experience, typography, "
    "urban cycling, board games, photography, rock climbing, design systems, early-stage startups, "
    "angel investing, public speaking, mentoring, remote work, cooking, natural wine, "
    "specialty coffee, science fiction, podcasting, yoga, marathons, sailing, gardening, "
    "ceramics, history, language learning, accessibility, data visualization, security, "
    "health tech, fintech, education, music production, football, tennis, hiking, "
    "behavioural economics"
)
GENERAL_NEEDS = (
    "moving to Lisbon",
    "relocating to Berlin",
    "moving back to Toronto",
    "looking for a co-founder",
    "raising a seed round",
    "raising a Series A",
    "looking for a mentor",
    "finding a good accountant for freelancing",
    "looking for speaking slots at conferences",
    "getting into angel investing",
    "looking for beta testers",
    "finding an immigration lawyer",
    "looking for a flat in Amsterdam",
    "needs a UX designer for a side project",
    "looking for a part-time advisor role",
    "wants intros to climate-tech founders",
    "planning a sabbatical",
    "looking for podcast guests",
    "needs feedback on a book draft",
    "looking for a first board seat",
)
NEEDS: dict[str, tuple[str, ...]] = {
    "engineering": (
        "looking for a backend role",
        "looking for a remote Staff Engineer role",
        "hiring Python engineers",
        "hiring an SRE",
        "needs a Rust mentor",
        "wants to move into engineering management",
        "hiring a founding engineer",
        "looking for a security audit partner",
        "needs help scaling Postgres",
        "looking for an open-source maintainer grant",
    ),
    "product": (
        "looking for a Head of Product role",
        "hiring a senior PM",
        "moving from engineering into product",
        "needs customer interviews with CFOs",
        "looking for design partners in healthcare",
        "needs a fractional CPO",
        "wants advice on product-led growth",
        "wants to meet PMs in fintech",
    ),
    "design": (
        "looking for a design systems role",
        "hiring a product designer",
        "needs a UX researcher for a two-month project",
        "looking for freelance illustration work",
        "wants portfolio feedback",
        "looking for accessibility experts",
        "hiring a brand designer",
        "looking for a design lead role in climate tech",
    ),
    "data": (
        "hiring ML engineers",
        "looking for labelled medical imaging data",
        "needs GPU credits for a research project",
        "looking for an NLP research collaborator",
        "looking for a data science role in Europe",
        "needs an analytics engineer",
        "looking for a PhD internship",
        "wants to publish a first paper",
    ),
    "sales": (
        "hiring account executives in EMEA",
        "needs intros to hospital procurement teams",
        "looking for channel partners in Brazil",
        "looking for a VP Sales role",
        "needs warm intros to CTOs at mid-size banks",
        "wants to meet RevOps leaders",
        "building a partner programme",
        "looking for a sales coach",
    ),
    "recruiting": (
        "filling three senior backend roles",
        "looking for strong data engineers",
        "hiring a Head of Design",
        "building a pipeline of engineering managers",
        "running a CTO search",
        "wants referrals for a remote SRE role",
    ),
    "marketing": (
        "looking for developer advocates",
        "needs customers for case studies",
        "looking for podcast sponsors",
        "hiring a content marketer",
        "wants intros to tech journalists",
        "looking for a growth role at a Series B",
    ),
    "venture": (
        "looking for pre-seed climate deals",
        "sourcing AI infrastructure startups",
        "raising Fund II",
        "looking for operators to join as venture partners",
        "wants intros to founders in Lagos",
        "looking for a co-investor on a health-tech round",
    ),
}
GENERAL_OFFERS = (
    "knows everyone in Lisbon's startup scene",
    "can review résumés",
    "happy to mentor first-time managers",
    "can host meetups in the office",
    "knows the German visa process inside out",
    "can give feedback on pitch decks",
    "offers mock interviews",
    "can intro to the PyCon organisers",
    "speaks Portuguese, Spanish and French",
    "happy to do reference calls",
    "great at salary negotiation advice",
    "can lend a spare desk in London",
    "knows the Toronto tech scene well",
    "intros to journalists at tech outlets",
    "can advise on remote-team rituals",
    "has a large newsletter audience",
    "can help with grant applications",
    "knows good immigration lawyers in the US",
    "can share a library of hiring rubrics",
)
OFFERS: dict[str, tuple[str, ...]] = {
    "engineering": (
        "can review system designs",
        "Postgres performance expert",
        "happy to pair on Rust",
        "can review code for security issues",
        "knows Kubernetes deeply",
        "can mentor junior engineers",
        "can explain how open-source release processes work",
        "has migrated two monoliths to services",
        "intros to Staff+ engineers",
        "can help set up on-call and incident reviews",
    ),
    "product": (
        "can review product specs and roadmaps",
        "knows pricing strategy well",
        "can intro to product leaders at Globex",
        "offers PM interview practice",
        "runs a product book club",
        "can advise on B2B onboarding",
        "has launched products in Latin America",
    ),
    "design": (
        "can critique portfolios",
        "design systems expertise",
        "can run a quick usability test",
        "knows accessibility audits",
        "can intro to design agencies",
        "offers illustration for side projects",
        "can help with brand naming",
    ),
    "data": (
        "can review ML papers",
        "knows LLM evaluation well",
        "can share spare GPU credits",
        "experienced with A/B testing",
        "can advise on data privacy",
        "intros to academic labs",
        "teaches SQL workshops",
    ),
    "sales": (
        "intros to enterprise buyers",
        "can coach on discovery calls",
        "knows healthcare procurement",
        "can share sales playbooks",
        "network in Brazilian fintech",
        "can advise on pricing negotiations",
    ),
    "recruiting": (
        "knows who is hiring across the Bay Area",
        "can review job descriptions",
        "can share salary benchmarks",
        "can fast-track interviews at Initech",
        "knows hiring managers at Northwind Health",
        "can advise on visa sponsorship for hires",
    ),
    "marketing": (
        "can help with launch announcements",
        "knows developer-marketing channels",
        "can review landing pages",
        "has podcast production gear",
        "can intro to conference organisers",
    ),
    "venture": (
        "intros to VCs",
        "writes angel checks for pre-seed founders",
        "can review cap tables",
        "knows seed-stage term sheets",
        "can intro to LPs",
        "holds office hours for first-time founders",
    ),
}
NOTES = (
    "Has two kids; loves trail running.",
    "Vegetarian — pick restaurants accordingly.",
    "Prefers Signal over email.",
    "Ex-founder; sold the company to Globex.",
    "Always up for a game of chess.",
    "Better one-on-one than at big events.",
    "Speaks four languages.",
    "Runs a monthly book club.",
    "Training for a marathon this year.",
    "Big on sourdough; bring bread.",
    "Don't schedule anything before 10am.",
    "Volunteers at a coding bootcamp.",
    "Collects vinyl; ask about jazz.",
    "Recently became a parent.",
    "Moved countries twice in three years.",
    "Writes a popular newsletter on engineering leadership.",
    "Allergic to nuts.",
    "Huge football fan (Benfica).",
    "Prefers calls to long emails.",
    "Plays five-a-side on Sundays.",
    "Mentors at a women-in-tech programme.",
    "Quiet on social media; email works best.",
    "Has a dog called Miso.",
    "Bouldering most Thursdays.",
    "Learning Japanese.",
    "Coffee snob: knows every roaster in town.",
    "Open to advisory roles.",
    "Usually eight hours ahead; mornings work best.",
    "Hosts board-game nights.",
    "Took a sabbatical to sail across the Atlantic.",
)


# --------------------------------------------------------------------------- how we met

CONFERENCES = _words(
    "PyCon US, EuroPython, Web Summit, KubeCon, SaaStr Annual, UX London, NeurIPS, Config, "
    "Collision, Slush, JSConf EU, RustConf, Mind the Product, Grace Hopper Celebration, "
    "QCon London, LeadDev London, DjangoCon Europe, FOSDEM, GOTO Amsterdam, SXSW, Data Council"
)
MEETUPS = _words(
    "the Lisbon Python meetup, Berlin Product Circle, a London CTO breakfast, "
    "the SF Design Systems meetup, Toronto Women in Data, the Amsterdam Rust meetup, "
    "Nairobi Tech Week, a founders' dinner in Lisbon, the Bangalore ML reading group, "
    "a climate-tech hackathon, Startup Weekend Porto, the NYC Product Hunt meetup"
)
UNIVERSITIES = _words(
    "University of Porto, TU Delft, UC Berkeley, University of Edinburgh, ETH Zürich, "
    "University of Toronto, IIT Bombay, University of Lagos, KTH Stockholm, Sciences Po, "
    "Jagiellonian University, University of Nairobi, Seoul National University, "
    "University of Melbourne, Georgia Tech, Universidad de Buenos Aires"
)
PROJECTS = _words(
    "the payments migration, the mobile app relaunch, the data platform rebuild, "
    "the onboarding redesign, the EU expansion, the SOC 2 audit, the pricing overhaul, "
    "the search relevance project, the 2.0 launch, the internal hackathon"
)
SUBJECTS = _words("computer science, economics, physics, design, mathematics, linguistics")


# --------------------------------------------------------------------------- meeting places, topics

CAFES = _words(
    "Blue Bottle, Fábrica Coffee Roasters, The Barn, Monmouth, Stumptown, Workshop Coffee, "
    "Café Kitsuné, Tim Wendelboe, Ritual, Flat White, Origin, Sightglass"
)
RESTAURANTS = _words(
    "Dishoom, Tasca do Chico, Nopa, Barrafina, Cervejaria Ramiro, Frenchie, Ottolenghi, "
    "the ramen place on Valencia, Zaytinya, a tapas bar near the office, Bao, Ikoyi, Padella"
)
CHAT_TOPICS = _words(
    "career plans, the job market, team structure, hiring, a side project, burnout and "
    "boundaries, AI tools at work, moving cities, conference talks, management, fundraising, "
    "the reorg"
)
