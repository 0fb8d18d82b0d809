"""A tile-grid map of Hessen's districts: one equal square per district, placed roughly where
the district lies (north at the top: Kassel region first row, Bergstraße/Odenwald last).

Used when no district geometry is configured; equal tiles also keep small cities as visible as
large Landkreise, which a real choropleth does not.
"""

from __future__ import annotations

from pipelines.reference import district_tiles

# district_ags -> (column, row, label, abbreviation); column 0 = west, row 0 = north, from the
# district reference data (pipelines/reference/data/district_tiles.csv). The abbreviation (the
# district's vehicle registration code, "LK" for the Landkreis beside a city of the same code)
# stands in for the label when tiles are too narrow for it (a 320 px screen); the full name is
# always in the tile's tooltip and accessible description.
TILE_POSITIONS: dict[str, tuple[int, int, str, str]] = district_tiles()


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
