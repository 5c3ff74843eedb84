"""Centroids of countries and first-level regions, so that a place named only by its country or
region has coordinates (GDELT's geo type 1 and 5 places), from `data/places/centroids.tsv`
(Natural Earth countries via world-atlas, iso3166-2 regions; built by tools/make_centroids.py).

    >>> centroid("FRA")
    (46.6205, 2.4522)
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "places" / "centroids.tsv"


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    table: dict[str, tuple[float, float]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _kind, lat, lon = line.split("\t")
            table[code] = (float(lat), float(lon))
    return table


def centroid(code: str | None) -> tuple[float, float] | None:
    """(lat, lon) of a country (ISO 3166-1 alpha-3, "FRA") or first-level region (ISO 3166-2, "FR-IDF");
    None when unknown."""
    return _centroids().get(code) if code else None
