"""How each asset category looks on maps and pictures: the Okabe–Ito palette (distinct for the
common kinds of colour blindness) plus a shape per category, so colour is never the only cue."""

from kring.assets.models import Category

# Categories that have a place of their own. Gifts belong to a resident (never on a map, only
# counted per buurt) and stories have no coordinates.
MAPPED = [Category.ASSOCIATION, Category.INSTITUTION, Category.PLACE, Category.ECONOMY]

STYLES = {
    Category.ASSOCIATION: {"colour": "#E69F00", "shape": "circle"},
    Category.INSTITUTION: {"colour": "#0072B2", "shape": "square"},
    Category.PLACE: {"colour": "#009E73", "shape": "triangle"},
    Category.ECONOMY: {"colour": "#D55E00", "shape": "diamond"},
    Category.GIFT: {"colour": "#56B4E9", "shape": "circle"},
    Category.STORY: {"colour": "#CC79A7", "shape": "circle"},
}

# The same shapes as SVG paths in a 20×20 box, used by the browser map, the legend and exports.
SHAPE_PATHS = {
    "circle": "M10 2a8 8 0 1 0 0.001 0z",
    "square": "M3 3h14v14H3z",
    "triangle": "M10 2l8.5 15h-17z",
    "diamond": "M10 1l9 9-9 9-9-9z",
}


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
