"""The ILO's regions: which region each country (ISO 3166-1 alpha-2) belongs to.

The regional groupings of the ILO's member States, as the ILO reports by
them: the Arab States are the Gulf states, Iraq, Jordan, Lebanon, Syria,
Yemen and the occupied Palestinian territory; the Arab countries of North
Africa count in Africa. Kept as data so a report can group by region in SQL
(a CASE over the country column) and a reader can check one table.
"""

from __future__ import annotations

AFRICA = "africa"
AMERICAS = "americas"
ARAB_STATES = "arab_states"
ASIA_PACIFIC = "asia_pacific"
EUROPE_CENTRAL_ASIA = "europe_central_asia"
REGIONS = (AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, EUROPE_CENTRAL_ASIA)

_MEMBERS = {
    AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS "
        "LY MA MG ML MR MU MW MZ NA NE NG RW SC SD SL SN SO SS ST SZ TD TG TN TZ UG ZA "
        "ZM ZW EH"
    ),
    AMERICAS: (
        "AG AR BB BO BR BS BZ CA CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA "
        "PE PY SR SV TT US UY VC VE PR AI AW BM CW KY MS SX TC VG VI"
    ),
    ARAB_STATES: "AE BH IQ JO KW LB OM PS QA SA SY YE",
    ASIA_PACIFIC: (
        "AF AU BD BN BT CK CN FJ FM ID IN IR JP KH KI KP KR LA LK MH MM MN MV MY NP NR "
        "NZ PG PH PK PW SB SG TH TL TO TV VU VN WS HK MO TW NC PF"
    ),
    EUROPE_CENTRAL_ASIA: (
        "AD AL AM AT AZ BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IL IS "
        "IT KG KZ LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM TJ TM TR "
        "UA UZ VA XK GI"
    ),
}

# Country code -> region; a country missing here (or none given) has no region.
REGION_OF: dict[str, str] = {
    country: region for region, members in _MEMBERS.items() for country in members.split()
}
