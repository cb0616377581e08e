"""The community graph from the connections log, initiatives and activities (``graph.py``), its
measures with igraph (``metrics.py``), ``NetworkAnalysis`` run in the background, the sigma.js
page and network pictures. How the graph is built, measured, sampled and drawn is described with
the map in the docstring of ``kring/maps/__init__.py`` ("Map and network")."""
