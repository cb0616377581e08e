"""The marker shapes of Kring's pictures as SVG paths in a 20×20 box, used by the browser map,
its legend, the map and network pictures and exports (kring.maps, kring.network)."""

SHAPE_PATHS = {
    "circle": "M10 2a8 8 0 1 0 0.001 0z",
    "square": "M3 3h14v14H3z",
    "triangle": "M10 2l8.5 15h-17z",
    "diamond": "M10 1l9 9-9 9-9-9z",
}
