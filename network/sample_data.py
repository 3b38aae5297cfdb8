"""The demonstration data set, generated deterministically (pure: plain dicts, no database).

Anchor institutions are the real bodies of the West Midlands under their real names and head-office
postcodes; their people, champions and the supplier organisations are generated and marked as sample.
"""

import random

SEED = 2026
EMAIL_DOMAIN = "anchorhub.example"  # reserved for examples (RFC 2606): never a real inbox

ANCHORS = [
    # name, kind, postcode, sectors, what they buy
    (
        "Birmingham City Council",
        "council",
        "B1 1BB",
        ["social-care", "construction", "low-carbon", "transport"],
        "Adult and children's social care, highways, housing repairs, waste and city services for England's largest local authority.",
    ),
    (
        "Coventry City Council",
        "council",
        "CV1 5RR",
        ["social-care", "low-carbon", "transport", "construction"],
        "Social care, highways, energy and regeneration for the city of Coventry.",
    ),
    (
        "City of Wolverhampton Council",
        "council",
        "WV1 1SH",
        ["social-care", "construction", "education"],
        "Social care, housing, schools support and city services for Wolverhampton.",
    ),
    (
        "Dudley Metropolitan Borough Council",
        "council",
        "DY1 1HF",
        ["social-care", "construction", "waste"],
        "Social care, highways, waste and leisure services for the borough of Dudley.",
    ),
    (
        "Sandwell Metropolitan Borough Council",
        "council",
        "B69 3DE",
        ["social-care", "construction", "facilities"],
        "Social care, council housing repairs and facilities for the borough of Sandwell.",
    ),
    (
        "Solihull Metropolitan Borough Council",
        "council",
        "B91 3QB",
        ["social-care", "transport", "low-carbon"],
        "Social care, transport and net-zero programmes for the borough of Solihull.",
    ),
    (
        "Walsall Council",
        "council",
        "WS1 1TP",
        ["social-care", "education", "construction"],
        "Social care, schools support and regeneration for the borough of Walsall.",
    ),
    (
        "West Midlands Combined Authority",
        "combined_authority",
        "B19 3SD",
        ["transport", "low-carbon", "education", "digital"],
        "Regional transport, adult skills, housing and net-zero programmes for the West Midlands.",
    ),
    (
        "University of Birmingham",
        "university",
        "B15 2TT",
        ["digital", "facilities", "low-carbon", "healthcare"],
        "Research equipment, estates, energy and digital services for a large research university.",
    ),
    (
        "Aston University",
        "university",
        "B4 7ET",
        ["digital", "facilities", "education"],
        "Estates, digital and student services.",
    ),
    (
        "Birmingham City University",
        "university",
        "B4 7XG",
        ["digital", "culture", "facilities"],
        "Estates, digital, creative and student services.",
    ),
    (
        "University of Warwick",
        "university",
        "CV4 7AL",
        ["digital", "low-carbon", "facilities", "manufacturing"],
        "Research equipment, estates and energy for a large research university.",
    ),
    (
        "Coventry University",
        "university",
        "CV1 5FB",
        ["digital", "facilities", "education"],
        "Estates, digital and student services.",
    ),
    (
        "University of Wolverhampton",
        "university",
        "WV1 1LY",
        ["construction", "education", "digital"],
        "Estates, digital and student services.",
    ),
    (
        "University Hospitals Birmingham NHS Foundation Trust",
        "nhs_trust",
        "B15 2GW",
        ["healthcare", "facilities", "digital", "food"],
        "Medical equipment, clinical consumables, digital health, catering and estates for one of England's largest trusts.",
    ),
    (
        "Birmingham Women's and Children's NHS Foundation Trust",
        "nhs_trust",
        "B4 6NH",
        ["healthcare", "facilities", "digital"],
        "Clinical supplies, digital health and estates for women's and children's services.",
    ),
    (
        "Sandwell and West Birmingham Hospitals NHS Trust",
        "nhs_trust",
        "B18 7QH",
        ["healthcare", "construction", "facilities"],
        "Clinical supplies, estates and facilities, including a new acute hospital.",
    ),
    (
        "The Royal Wolverhampton NHS Trust",
        "nhs_trust",
        "WV10 0QP",
        ["healthcare", "facilities", "digital"],
        "Clinical supplies, digital health and estates.",
    ),
    (
        "University Hospitals Coventry and Warwickshire NHS Trust",
        "nhs_trust",
        "CV2 2DX",
        ["healthcare", "facilities", "low-carbon"],
        "Clinical supplies, estates and energy.",
    ),
    (
        "The Dudley Group NHS Foundation Trust",
        "nhs_trust",
        "DY1 2HQ",
        ["healthcare", "facilities"],
        "Clinical supplies and facilities.",
    ),
    (
        "Walsall Healthcare NHS Trust",
        "nhs_trust",
        "WS2 9PS",
        ["healthcare", "facilities", "social-care"],
        "Clinical supplies, community health services and facilities.",
    ),
]

FIRST_NAMES = [
    "Amina",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Farhan",
    "Grace",
    "Harpreet",
    "Imran",
    "Jade",
    "Kwame",
    "Leah",
    "Mohammed",
    "Niamh",
    "Owen",
    "Priya",
    "Rhys",
    "Sana",
    "Tom",
    "Yusuf",
]
LAST_NAMES = [
    "Ahmed",
    "Begum",
    "Clarke",
    "Davies",
    "Evans",
    "Foster",
    "Gill",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mistry",
    "Noor",
    "Patel",
    "Roberts",
    "Singh",
    "Taylor",
    "Walker",
    "Young",
]
CHAMPION_TITLES = [
    "Innovation Procurement Lead",
    "Head of Commercial",
    "Category Manager",
    "Social Value and Innovation Officer",
    "Strategic Procurement Manager",
]

SUPPLIER_STEMS = [
    "Digbeth",
    "Jewellery Quarter",
    "Black Country",
    "Tame Valley",
    "Bournville",
    "Canalside",
    "Spon End",
    "Brindleyplace",
    "Hockley",
    "Edgbaston",
    "Stourbridge",
    "Willenhall",
    "Bilston",
    "Moseley",
    "Kings Heath",
    "Tipton",
    "Erdington",
    "Foleshill",
]
SUPPLIER_TRADES = [
    (
        "Care Co-operative",
        "cic",
        ["social-care"],
        "Home care and reablement run by its own care workers.",
    ),
    (
        "Retrofit",
        "company",
        ["low-carbon", "construction"],
        "Insulation, heat pumps and solar for homes and public buildings.",
    ),
    (
        "Health Tech",
        "company",
        ["healthcare", "digital"],
        "Remote monitoring software for community health teams.",
    ),
    (
        "Community Kitchen",
        "charity",
        ["food", "social-care"],
        "Fresh meals for schools, care homes and hospitals, training local people.",
    ),
    (
        "Data Studio",
        "company",
        ["digital"],
        "User research, data engineering and accessible web services.",
    ),
    (
        "Fleet Electric",
        "company",
        ["transport", "low-carbon"],
        "Electric vehicle charging and fleet conversion.",
    ),
    (
        "Facilities Services",
        "company",
        ["facilities"],
        "Cleaning and building maintenance with a Real Living Wage workforce.",
    ),
    (
        "Youth Skills Trust",
        "charity",
        ["education"],
        "Apprenticeships and employability programmes for young people.",
    ),
    (
        "Engineering",
        "partnership",
        ["manufacturing"],
        "Precision engineering and rapid prototyping.",
    ),
    ("Recycling", "cic", ["waste", "low-carbon"], "Furniture reuse and commercial recycling."),
]
SIZE_BANDS = ["micro", "micro", "small", "small", "small", "medium", "large"]
SUPPLIER_POSTCODES = [
    "B5 5SE",
    "B18 6NF",
    "B9 4AA",
    "B30 2JL",
    "B12 0TJ",
    "CV1 2DX",
    "WV1 3EQ",
    "DY8 1YU",
    "WS1 2EP",
    "B70 9LT",
    "B23 6RF",
    "CV6 5HY",
]


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def generate(seed: int = SEED) -> dict:
    """Return {'anchors': [...], 'champions': [...], 'suppliers': [...], 'people': [...]}."""
    rng = random.Random(seed)
    people_names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(people_names)
    names = iter(people_names)

    anchors, champions = [], []
    for name, kind, postcode, sectors, buys in ANCHORS:
        anchors.append(
            {
                "name": name,
                "kind": kind,
                "registered_postcode": postcode,
                "sectors": sectors,
                "description": buys,
                "is_network_member": True,
            }
        )
        for n in range(rng.choice([1, 1, 2])):
            person = next(names)
            focus = sectors[n : n + 2] or sectors[:1]
            if "healthcare" in sectors and n == 0 and "healthcare" not in focus:
                focus = ["healthcare", *focus[:1]]
            champions.append(
                {
                    "organisation": name,
                    "name": person,
                    "job_title": rng.choice(CHAMPION_TITLES),
                    "email": f"{_slug(person)}@{EMAIL_DOMAIN}",
                    "phone": f"0121 496 {rng.randrange(0, 1000):04d}",  # Ofcom's drama range: not real
                    "sectors": focus,
                    "about": "Talk to me before you bid, or if you have an idea that could help with "
                    + ", ".join(focus).replace("-", " ")
                    + ".",
                }
            )

    suppliers = []
    for i, (trade, kind, sectors, what) in enumerate(SUPPLIER_TRADES * 2):
        stem = SUPPLIER_STEMS[i % len(SUPPLIER_STEMS)]
        suffix = {"company": " Ltd", "cic": " CIC", "charity": "", "partnership": " LLP"}[kind]
        band = rng.choice(SIZE_BANDS)
        postcode = SUPPLIER_POSTCODES[i % len(SUPPLIER_POSTCODES)]
        suppliers.append(
            {
                "name": f"{stem} {trade}{suffix}",
                "kind": kind,
                "sectors": sectors,
                "description": what,
                "size_band": band,
                "is_vcse": kind in {"cic", "charity"},
                "registered_postcode": postcode,
                "sites": []
                if i % 3
                else [
                    {
                        "name": "Workshop",
                        "postcode": SUPPLIER_POSTCODES[(i + 5) % len(SUPPLIER_POSTCODES)],
                    }
                ],
            }
        )

    return {"anchors": anchors, "champions": champions, "suppliers": suppliers}


# The sign-in accounts `make demo` prints, one per role. (email local part, full name, organisation, admin?)
DEMO_ACCOUNTS = [
    ("coordinator", "Network Coordinator", None, False, True),
    ("anchor-admin", "Anchor Administrator (Birmingham)", "Birmingham City Council", True, False),
    ("buyer", "Buyer (Birmingham)", "Birmingham City Council", False, False),
    ("buyer-coventry", "Buyer (Coventry)", "Coventry City Council", False, False),
    ("supplier", "Supplier (Digbeth Care)", "Digbeth Care Co-operative CIC", True, False),
    ("newcomer", "Newcomer Without Organisation", None, False, False),
]
