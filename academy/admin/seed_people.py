"""Synthetic learners for `academy dev seed`: who takes SSE Academy courses, roughly.

The shares are plausible, not measured: most participants come from Africa,
then the Americas, Europe and Asia and the Pacific, fewer from the Arab
States; a little more women than men, a few who describe themselves
otherwise, some who prefer not to say and some who never answered. The
interface language follows the country, among the four the site speaks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Region -> (share, countries as (ISO code, weight, interface languages by weight)).
REGIONS: dict[str, tuple[float, tuple[tuple[str, int, str], ...]]] = {
    "africa": (
        0.36,
        (
            ("SN", 8, "fr"), ("CI", 6, "fr"), ("CM", 6, "fr fr en"), ("CD", 4, "fr"),
            ("ML", 3, "fr"), ("BF", 3, "fr"), ("MA", 5, "fr fr ar"), ("TN", 3, "fr ar"),
            ("NG", 7, "en"), ("KE", 7, "en"), ("GH", 5, "en"), ("ZA", 6, "en"),
            ("ET", 4, "en"), ("UG", 4, "en"), ("TZ", 4, "en"), ("RW", 3, "en fr"),
            ("EG", 4, "ar en"), ("MZ", 2, "en"),
        ),
    ),
    "americas": (
        0.21,
        (
            ("CO", 7, "es"), ("MX", 7, "es"), ("PE", 5, "es"), ("AR", 5, "es"),
            ("CL", 3, "es"), ("EC", 3, "es"), ("BO", 3, "es"), ("GT", 2, "es"),
            ("BR", 6, "es en"), ("US", 3, "en es"), ("CA", 2, "en fr"), ("HT", 2, "fr"),
        ),
    ),
    "arab_states": (
        0.08,
        (
            ("JO", 5, "ar ar en"), ("LB", 4, "ar fr en"), ("PS", 3, "ar"), ("IQ", 3, "ar"),
            ("SA", 2, "ar en"), ("OM", 2, "ar"), ("YE", 2, "ar"), ("QA", 1, "ar en"),
        ),
    ),
    "asia_pacific": (
        0.16,
        (
            ("IN", 8, "en"), ("PH", 6, "en"), ("ID", 5, "en"), ("BD", 4, "en"),
            ("NP", 3, "en"), ("VN", 3, "en"), ("KH", 2, "en fr"), ("LK", 2, "en"),
            ("PK", 3, "en"), ("CN", 2, "en"), ("JP", 1, "en"), ("AU", 1, "en"), ("FJ", 1, "en"),
        ),
    ),
    "europe": (
        0.19,
        (
            ("IT", 8, "en fr es"), ("FR", 6, "fr"), ("ES", 6, "es"), ("BE", 3, "fr en"),
            ("DE", 3, "en"), ("PT", 3, "es en"), ("GB", 3, "en"), ("CH", 2, "fr en"),
            ("TR", 3, "en"), ("UA", 2, "en"), ("GR", 2, "en"), ("PL", 2, "en"),
        ),
    ),
}  # fmt: skip

# (given names of women, of men, family names) by region.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "africa": (
        ("Aminata", "Fatou", "Awa", "Grace", "Amina", "Chiamaka", "Wanjiru", "Nomvula",
         "Adjoa", "Mariama", "Esther", "Thandiwe", "Rokia", "Halima"),
        ("Moussa", "Ibrahima", "Kwame", "Chinedu", "Oluwaseun", "Tendai", "Jean-Baptiste",
         "Mamadou", "Kofi", "Samuel", "Abdoulaye", "Baraka", "Sipho", "Yao"),
        ("Diop", "Ndiaye", "Traoré", "Okafor", "Mensah", "Kamau", "Otieno", "Nkosi",
         "Diallo", "Kouassi", "Banda", "Mwangi", "Sow", "Adeyemi", "Mbeki", "Tshabalala"),
    ),
    "americas": (
        ("María", "Ana", "Lucía", "Gabriela", "Fernanda", "Jennifer", "Camila", "Valentina",
         "Rosa", "Daniela", "Adriana", "Marie-Claire"),
        ("José", "Carlos", "Juan", "Luis", "Diego", "Michael", "Andrés", "Jorge", "Mateo",
         "Rafael", "Pedro", "Jean-Robert"),
        ("García", "Rodríguez", "Martínez", "López", "Silva", "Santos", "Pérez", "Gómez",
         "Quispe", "Mamani", "Oliveira", "Smith", "Johnson", "Pierre", "Hernández"),
    ),
    "arab_states": (
        ("Fatima", "Layla", "Mariam", "Noor", "Huda", "Rania", "فاطمة", "ليلى", "مريم",
         "نور", "هدى", "رانيا"),
        ("Ahmed", "Mohammed", "Omar", "Khaled", "Youssef", "Ali", "أحمد", "محمد", "عمر",
         "خالد", "يوسف", "علي"),
        ("Haddad", "Khoury", "Al-Masri", "Nasser", "Hamdan", "Saleh", "حداد", "خوري",
         "المصري", "ناصر", "حمدان", "صالح"),
    ),
    "asia_pacific": (
        ("Priya", "Ananya", "Siti", "Mei", "Yuki", "Maricel", "Lakshmi", "Nguyen Thi Lan",
         "Sunita", "Dewi", "Farzana", "Ana"),
        ("Rahul", "Arjun", "Budi", "Wei", "Hiroshi", "Jose", "Tariq", "Nguyen Van Minh",
         "Rajesh", "Agus", "Kamal", "Sione"),
        ("Sharma", "Patel", "Singh", "Reyes", "Cruz", "Wang", "Tanaka", "Rahman", "Hossain",
         "Wijaya", "Perera", "Khan", "Shrestha", "Li"),
    ),
    "europe": (
        ("Giulia", "Marie", "Sofia", "Anna", "Elena", "Olga", "Chiara", "Lucía", "Inês",
         "Katarzyna", "Ayşe", "Eleni"),
        ("Marco", "Pierre", "Javier", "Thomas", "Lukas", "Andriy", "Luca", "João", "Mehmet",
         "Piotr", "Nikos", "Hugo"),
        ("Rossi", "Bianchi", "Dubois", "Martin", "Fernández", "Müller", "Kowalski", "Novak",
         "Papadopoulos", "Yılmaz", "Costa", "Peeters", "Esposito", "Moreau"),
    ),
}  # fmt: skip

# None: the question was never answered (an old account, a skipped field).
SEX_SHARES = (
    ("woman", 0.52),
    ("man", 0.40),
    ("another", 0.01),
    ("undisclosed", 0.04),
    (None, 0.03),
)
GROUP_SHARES = (
    ("sse_entity", 0.30),
    ("government", 0.20),
    ("workers", 0.15),
    ("training_research", 0.12),
    ("employers", 0.10),
    ("other", 0.08),
    (None, 0.05),
)
ORGANISATIONS = (
    "",
    "",
    "",
    "Cooperative union",
    "Ministry of Labour",
    "Trade union confederation",
    "Employers' federation",
    "Women's savings group",
    "University",
)


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    region: str
    locale: str
    sex: str | None
    constituent_group: str | None
    organization: str


def _table(pairs):
    values = [value for value, _share in pairs]
    weights = [share for _value, share in pairs]
    return values, weights


class People:
    """Draws persons from one random generator, so a seed gives the same people."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.regions = list(REGIONS)
        self.region_weights = [REGIONS[r][0] for r in self.regions]
        self.countries = {
            region: ([c for c, _w, _l in entries], [w for _c, w, _l in entries], entries)
            for region, (_share, entries) in REGIONS.items()
        }
        self.sexes = _table(SEX_SHARES)
        self.groups = _table(GROUP_SHARES)

    def person(self) -> Person:
        rng = self.rng
        region = rng.choices(self.regions, self.region_weights)[0]
        codes, weights, entries = self.countries[region]
        index = rng.choices(range(len(codes)), weights)[0]
        country, _weight, languages = entries[index]
        locale = rng.choice(languages.split())
        sex = rng.choices(*self.sexes)[0]
        women, men, families = NAMES[region]
        if sex == "woman" or (sex != "man" and rng.random() < 0.5):
            given = rng.choice(women)
        else:
            given = rng.choice(men)
        return Person(
            name=f"{given} {rng.choice(families)}",
            country=country,
            region=region,
            locale=locale,
            sex=sex,
            constituent_group=rng.choices(*self.groups)[0],
            organization=rng.choice(ORGANISATIONS),
        )
