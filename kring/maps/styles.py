"""How each asset category looks on maps and pictures: the Okabe–Ito palette (distinct for the
common kinds of colour blindness) plus a shape per category, so colour is never the only cue."""

from kring.assets.models import MAPPED, Category
from kring.core.shapes import SHAPE_PATHS

STYLES = {
    Category.ASSOCIATION: {"colour": "#E69F00", "shape": "circle"},
    Category.INSTITUTION: {"colour": "#0072B2", "shape": "square"},
    Category.PLACE: {"colour": "#009E73", "shape": "triangle"},
    Category.ECONOMY: {"colour": "#D55E00", "shape": "diamond"},
    Category.GIFT: {"colour": "#56B4E9", "shape": "circle"},
    Category.STORY: {"colour": "#CC79A7", "shape": "circle"},
}

__all__ = ["MAPPED", "SHAPE_PATHS", "STYLES", "legend"]


def legend() -> list[dict]:
    return [
        {
            "category": str(category),
            "label": category.label,
            "colour": STYLES[category]["colour"],
            "shape": STYLES[category]["shape"],
            "path": SHAPE_PATHS[STYLES[category]["shape"]],
        }
        for category in MAPPED
    ]
