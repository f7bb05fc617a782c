"""Build the offline gazetteer index; same as ``newsevents gazetteer build``.

    python tools/build_gazetteer.py [--from-geonames allCountries.txt
        [--alternate-names alternateNamesV2.txt]] [--out PATH]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from newsevents.knowledge.gazetteer import default_index_path
from newsevents.knowledge.gazetteer_build import build_gazetteer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-geonames", type=Path, help="GeoNames allCountries.txt")
    parser.add_argument("--alternate-names", type=Path, help="GeoNames alternateNamesV2.txt")
    parser.add_argument("--out", type=Path, help="index file (default: data dir)")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = build_gazetteer(
        arguments.out or default_index_path(),
        geonames_dump=arguments.from_geonames,
        alternate_names=arguments.alternate_names,
    )
    print(path)


if __name__ == "__main__":
    main()
