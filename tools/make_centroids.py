"""Build src/newsevents/data/places/centroids.tsv: country and first-level region centroids.

Countries: the area-weighted centroid of the country's largest polygon in Natural Earth's 1:10m
admin-0 countries, as the npm package world-atlas ships them (countries-10m.json, TopoJSON). The
largest polygon, so that France is placed in France rather than pulled towards French Guiana, and
the USA in the contiguous states. Ids are ISO 3166-1 numeric codes, mapped to alpha-3 by pycountry.
Regions: the `latLng` of each first-level subdivision in the PyPI package iso3166-2 (ISO 3166-2 codes).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz     # -> package/countries-10m.json
    pip install iso3166-2==1.8.4                                    # in a scratch virtualenv
    python tools/make_centroids.py package/countries-10m.json > src/newsevents/data/places/centroids.tsv
"""
from __future__ import annotations

import json
import sys

import pycountry


def arcs_of(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        decoded.append(points)
    return decoded


def ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring without jumps across the antimeridian (Russia, Fiji): each longitude within 180 of the last."""
    out = [points[0]]
    for x, y in points[1:]:
        last = out[-1][0]
        while x - last > 180:
            x -= 360
        while last - x > 180:
            x += 360
        out.append((x, y))
    return out


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a closed ring, on the plane of longitude and latitude."""
    points = unwrapped(points)
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    return (area, cx / (6 * area), cy / (6 * area)) if area else (0.0, points[0][0], points[0][1])


def main(path: str) -> None:
    topology = json.load(open(path, encoding="utf-8"))
    arcs = arcs_of(topology)
    print("# code\tkind\tlat\tlon: ISO 3166-1 alpha-3 countries (Natural Earth 1:10m via world-atlas 2.0.2, "
          "centroid of the largest polygon) and ISO 3166-2 first-level regions (iso3166-2 1.8.4 latLng); "
          "made by tools/make_centroids.py")
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", ""))) if geometry.get("id") else None
        if country is None or not geometry.get("arcs"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        best = max((area_centroid(ring(polygon[0], arcs)) for polygon in polygons), key=lambda a: abs(a[0]))
        rows.append((country.alpha_3, "country", best[2], (best[1] + 180) % 360 - 180))
    import iso3166_2

    for code, subdivisions in iso3166_2.Subdivisions().all.items():
        for sub_code, sub in subdivisions.items():
            if sub.get("parentCode") is None and sub.get("latLng"):
                rows.append((sub_code, "adm1", float(sub["latLng"][0]), float(sub["latLng"][1])))
    for code, kind, lat, lon in sorted(rows, key=lambda r: (r[1] != "country", r[0])):
        print(f"{code}\t{kind}\t{lat:.4f}\t{lon:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
