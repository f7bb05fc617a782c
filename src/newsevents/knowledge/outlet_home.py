"""The country an outlet is based in, from the article's URL: a weak prior for resolution.

A newsroom writes about its own country without naming it: "Manchester" in a story from
thesun.co.uk is the English city, "Perth" on abc.net.au the Australian one.  The prior only
tips close calls (see ``resolve``); what the text says about a place always weighs more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import pycountry

from newsevents.errors import KnowledgeError
from newsevents.knowledge.datafiles import read_data_file


@dataclass(frozen=True)
class OutletHomes:
    outlets: dict[str, str]  # host or parent domain → ISO 3166-1 alpha-3
    exceptions: dict[str, str]  # ccTLD → alpha-3 where the code is not the alpha-2
    generic_use: frozenset[str]
    source: str


@lru_cache(maxsize=1)
def load_outlet_homes() -> OutletHomes:
    document = read_data_file("geo", "outlet_home.yaml")
    for key in ("outlets", "country_code_exceptions", "generic_use"):
        if not document.get(key):
            raise KnowledgeError(f"outlet_home.yaml needs a non-empty `{key}`",
                                 path="newsevents/data/geo/outlet_home.yaml",
                                 hint="compare it with the schema in its header comment")
    outlets = {str(k).lower(): str(v) for k, v in document["outlets"].items()}
    exceptions = {str(k).lower(): str(v) for k, v in document["country_code_exceptions"].items()}
    for host, code in {**outlets, **exceptions}.items():
        if pycountry.countries.get(alpha_3=code) is None:
            raise KnowledgeError(f"{host!r} maps to {code!r}, not an ISO 3166-1 alpha-3 code",
                                 path="newsevents/data/geo/outlet_home.yaml", hint="use a code such as GBR")
    return OutletHomes(outlets, exceptions,
                       frozenset(str(t).lower() for t in document["generic_use"]),
                       str(document["source"]))


def home_country(url: str | None) -> str | None:
    """ISO alpha-3 of the country the outlet behind ``url`` is based in, or None."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return None
    homes = load_outlet_homes()
    labels = host.split(".")
    for start in range(len(labels) - 1):  # www.news.bbc.co.uk → news.bbc.co.uk → bbc.co.uk …
        known = homes.outlets.get(".".join(labels[start:]))
        if known is not None:
            return known
    suffix = labels[-1]
    if suffix in homes.exceptions:
        return homes.exceptions[suffix]
    if len(suffix) != 2 or suffix in homes.generic_use:
        return None
    country = pycountry.countries.get(alpha_2=suffix.upper())
    return country.alpha_3 if country is not None else None
