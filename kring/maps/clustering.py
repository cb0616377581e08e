"""Grid clustering in Web Mercator pixels, the way map libraries cluster markers, but on the
server and with numpy, so a map of 100,000 assets sends a few hundred clusters, not 100,000 points.

A cell is ``CELL_PX`` screen pixels wide at the asked zoom level; every cell with points becomes
one cluster placed at the mean of its points, or one single point when it holds only one."""

import math
from dataclasses import dataclass

import numpy as np

TILE_PX = 256
CELL_PX = 64
MAX_ZOOM = 19
# Beyond this zoom every point is shown on its own (cells are a few metres wide).
SINGLES_ZOOM = 17
LAT_LIMIT = 85.05112878  # Web Mercator ends here


@dataclass(frozen=True)
class Points:
    ids: np.ndarray  # int64
    lat: np.ndarray  # float64
    lon: np.ndarray  # float64
    category: np.ndarray  # int8, index into the category list

    def __len__(self):
        return len(self.ids)

    @classmethod
    def from_array(cls, rows: np.ndarray) -> "Points":
        """From an n×4 array of id, latitude, longitude and category number."""
        rows = rows.reshape(-1, 4)
        return cls(
            rows[:, 0].astype(np.int64),
            rows[:, 1].copy(),
            rows[:, 2].copy(),
            rows[:, 3].astype(np.int8),
        )


def mercator_px(lat: np.ndarray, lon: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    scale = TILE_PX * (2**zoom)
    lat = np.clip(lat, -LAT_LIMIT, LAT_LIMIT)
    x = (lon + 180.0) / 360.0 * scale
    rad = np.radians(lat)
    y = (1.0 - np.log(np.tan(rad) + 1.0 / np.cos(rad)) / math.pi) / 2.0 * scale
    return x, y


def cluster(
    points: Points,
    *,
    zoom: float,
    bbox: tuple[float, float, float, float] | None,
    n_categories: int,
    selected: np.ndarray | None = None,
) -> tuple[list[dict], np.ndarray]:
    """Clusters of the points inside ``bbox`` (west, south, east, north) at ``zoom``.

    Returns the clusters (count, centre, count per category index) and the positions (into
    ``points``) of the points that stand alone, for which the caller adds titles."""
    keep = np.ones(len(points), dtype=bool) if selected is None else selected.copy()
    if bbox is not None:
        west, south, east, north = bbox
        keep &= (points.lat >= south) & (points.lat <= north)
        keep &= (points.lon >= west) & (points.lon <= east)
    positions = np.flatnonzero(keep)
    if positions.size == 0:
        return [], positions
    lat, lon, cat = points.lat[positions], points.lon[positions], points.category[positions]
    if zoom >= SINGLES_ZOOM:
        return [], positions
    x, y = mercator_px(lat, lon, zoom)
    cells = (np.floor(x / CELL_PX).astype(np.int64) << 32) | np.floor(y / CELL_PX).astype(np.int64)
    unique, inverse, counts = np.unique(cells, return_inverse=True, return_counts=True)
    sum_lat = np.bincount(inverse, weights=lat, minlength=unique.size)
    sum_lon = np.bincount(inverse, weights=lon, minlength=unique.size)
    per_category = np.zeros((unique.size, n_categories), dtype=np.int64)
    np.add.at(per_category, (inverse, cat.astype(np.int64)), 1)
    single_cells = counts == 1
    singles = positions[single_cells[inverse]]
    clusters = [
        {
            "lat": round(float(sum_lat[i] / counts[i]), 6),
            "lon": round(float(sum_lon[i] / counts[i]), 6),
            "count": int(counts[i]),
            "categories": per_category[i].tolist(),
        }
        for i in np.flatnonzero(~single_cells)
    ]
    return clusters, singles
