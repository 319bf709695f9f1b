"""Links from a place's coordinates to a map (OpenStreetMap): a plain URL, opened only when the reader clicks."""

from __future__ import annotations

_ZOOM = {"continent": 3, "country": 5, "region": 6, "feature": 6, "city": 11}


def map_url(lat: float, lon: float, kind: str | None = None) -> str:
    zoom = _ZOOM.get(kind or "", 9)
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"
