"""A tile-grid map of Hessen's 26 districts: one equal square per district, placed roughly where
the district lies (north at the top: Kassel region first row, Bergstraße/Odenwald last).

Used when no district geometry is configured; equal tiles also keep small cities as visible as
large Landkreise, which a real choropleth does not.
"""

from __future__ import annotations

# district_ags -> (column, row, short label); column 0 = west, row 0 = north
TILE_POSITIONS: dict[str, tuple[int, int, str]] = {
    "06635": (1, 0, "Waldeck-\nFrankenberg"),
    "06633": (2, 0, "LK\nKassel"),
    "06611": (3, 0, "Kassel"),
    "06636": (4, 0, "Werra-\nMeißner"),
    "06534": (1, 1, "Marburg-\nBiedenkopf"),
    "06634": (2, 1, "Schwalm-\nEder"),
    "06632": (3, 1, "Hersfeld-\nRotenburg"),
    "06532": (0, 2, "Lahn-Dill"),
    "06531": (1, 2, "Gießen"),
    "06535": (2, 2, "Vogels-\nberg"),
    "06631": (3, 2, "Fulda"),
    "06533": (0, 3, "Limburg-\nWeilburg"),
    "06434": (1, 3, "Hoch-\ntaunus"),
    "06440": (2, 3, "Wetterau"),
    "06435": (3, 3, "Main-\nKinzig"),
    "06439": (0, 4, "Rheingau-\nTaunus"),
    "06436": (1, 4, "Main-\nTaunus"),
    "06412": (2, 4, "Frankfurt"),
    "06413": (3, 4, "Offenbach\n(Stadt)"),
    "06414": (0, 5, "Wiesbaden"),
    "06433": (1, 5, "Groß-\nGerau"),
    "06438": (2, 5, "Kreis\nOffenbach"),
    "06411": (1, 6, "Darmstadt"),
    "06432": (2, 6, "Darmstadt-\nDieburg"),
    "06431": (1, 7, "Bergstraße"),
    "06437": (2, 7, "Odenwald"),
}


def tile_rows() -> list[dict[str, object]]:
    """One dict per tile (district_ags, tile_col, tile_row, tile_label) for joining with data."""
    return [
        {"district_ags": ags, "tile_col": col, "tile_row": row, "tile_label": label}
        for ags, (col, row, label) in TILE_POSITIONS.items()
    ]
