"""The country an outlet is based in, from the article's URL: a weak prior for resolution.

A newsroom writes about its own country without naming it: "Manchester" in a story from
thesun.co.uk is the English city, "Perth" on abc.net.au the Australian one.  The prior only
tips close calls (see ``resolve``); what the text says about a place always weighs more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # host or parent domain → (alpha-3, first-level division's name as GeoNames gives it)
    regional: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class OutletHome:
    """Where an outlet is based: its country and, for a regional paper, its division."""

    country: str | None = None
    division: str | None = None  # "Georgia", "Ontario": a name to look up at admin1 level


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
    regional: dict[str, tuple[str, str]] = {}
    for host, value in (document.get("regional_outlets") or {}).items():
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
            raise KnowledgeError(f"regional outlet {host!r} needs [country, division]",
                                 path="newsevents/data/geo/outlet_home.yaml",
                                 hint="write `ajc.com: [USA, Georgia]`")
        regional[str(host).lower()] = (value[0], value[1])
    for host, code in {**outlets, **exceptions, **{h: c for h, (c, _) in regional.items()}}.items():
        if pycountry.countries.get(alpha_3=code) is None:
            raise KnowledgeError(f"{host!r} maps to {code!r}, not an ISO 3166-1 alpha-3 code",
                                 path="newsevents/data/geo/outlet_home.yaml", hint="use a code such as GBR")
    return OutletHomes(outlets, exceptions,
                       frozenset(str(t).lower() for t in document["generic_use"]),
                       str(document["source"]), regional)


def home_country(url: str | None) -> str | None:
    """ISO alpha-3 of the country the outlet behind ``url`` is based in, or None."""
    return outlet_home(url).country


def outlet_home(url: str | None) -> OutletHome:
    """The country (and, for a known regional paper, the division) of ``url``'s outlet."""
    if not url:
        return OutletHome()
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return OutletHome()
    homes = load_outlet_homes()
    labels = host.split(".")
    for start in range(len(labels) - 1):  # www.news.bbc.co.uk → news.bbc.co.uk → bbc.co.uk …
        domain = ".".join(labels[start:])
        if domain in homes.regional:
            return OutletHome(*homes.regional[domain])
        known = homes.outlets.get(domain)
        if known is not None:
            return OutletHome(known)
    suffix = labels[-1]
    if suffix in homes.exceptions:
        return OutletHome(homes.exceptions[suffix])
    if len(suffix) != 2 or suffix in homes.generic_use:
        return OutletHome()
    record = pycountry.countries.get(alpha_2=suffix.upper())
    return OutletHome(record.alpha_3 if record is not None else None)
