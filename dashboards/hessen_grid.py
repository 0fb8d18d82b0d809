"""A tile-grid map of Hessen's 26 districts: one equal square per district, placed roughly where
the district lies (north at the top: Kassel region first row, Bergstraße/Odenwald last).

Used when no district geometry is configured; equal tiles also keep small cities as visible as
large Landkreise, which a real choropleth does not.
"""

from __future__ import annotations

# district_ags -> (column, row, label, abbreviation); column 0 = west, row 0 = north. The
# abbreviation (the district's vehicle registration code, "LK" for the Landkreis beside a city
# of the same code) stands in for the label when tiles are too narrow for it (a 320 px screen);
# the full name is always in the tile's tooltip and accessible description.
TILE_POSITIONS: dict[str, tuple[int, int, str, str]] = {
    "06635": (1, 0, "Waldeck-\nFrankenberg", "KB"),
    "06633": (2, 0, "LK\nKassel", "KS\nLK"),
    "06611": (3, 0, "Kassel", "KS"),
    "06636": (4, 0, "Werra-\nMeißner", "ESW"),
    "06534": (1, 1, "Marburg-\nBiedenkopf", "MR"),
    "06634": (2, 1, "Schwalm-\nEder", "HR"),
    "06632": (3, 1, "Hersfeld-\nRotenburg", "HEF"),
    "06532": (0, 2, "Lahn-Dill", "LDK"),
    "06531": (1, 2, "Gießen", "GI"),
    "06535": (2, 2, "Vogels-\nberg", "VB"),
    "06631": (3, 2, "Fulda", "FD"),
    "06533": (0, 3, "Limburg-\nWeilburg", "LM"),
    "06434": (1, 3, "Hoch-\ntaunus", "HG"),
    "06440": (2, 3, "Wetterau", "FB"),
    "06435": (3, 3, "Main-\nKinzig", "MKK"),
    "06439": (0, 4, "Rheingau-\nTaunus", "RÜD"),
    "06436": (1, 4, "Main-\nTaunus", "MTK"),
    "06412": (2, 4, "Frankfurt", "F"),
    "06413": (3, 4, "Offenbach\n(Stadt)", "OF"),
    "06414": (0, 5, "Wiesbaden", "WI"),
    "06433": (1, 5, "Groß-\nGerau", "GG"),
    "06438": (2, 5, "Kreis\nOffenbach", "OF\nLK"),
    "06411": (1, 6, "Darmstadt", "DA"),
    "06432": (2, 6, "Darmstadt-\nDieburg", "DA\nLK"),
    "06431": (1, 7, "Bergstraße", "HP"),
    "06437": (2, 7, "Odenwald", "ERB"),
}


def tile_rows() -> list[dict[str, object]]:
    """One dict per tile (district_ags, tile_col, tile_row, tile_label, tile_short) for joining
    with data."""
    return [
        {
            "district_ags": ags,
            "tile_col": col,
            "tile_row": row,
            "tile_label": label,
            "tile_short": short,
        }
        for ags, (col, row, label, short) in TILE_POSITIONS.items()
    ]
