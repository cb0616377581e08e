// Draws the stored layout with sigma.js (WebGL). The tables on the page carry the same figures.
(function () {
  "use strict";
  var container = document.getElementById("network");
  if (!container || !window.Sigma || !window.graphology) { return; }
  // Okabe–Ito without yellow, cycled over the communities found by Leiden.
  var colours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];
  var ties = { bonding: "#9aa5a0", bridging: "#D55E00", linking: "#0072B2" };
  fetch(container.getAttribute("data-graph"), { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) { return; }
      var graph = new window.graphology.Graph({ type: "undirected", multi: false });
      data.nodes.forEach(function (node) {
        graph.addNode(node.key, {
          x: node.x, y: node.y, size: node.size, label: node.label,
          color: colours[node.community % colours.length]
        });
      });
      data.edges.forEach(function (edge) {
        var a = data.nodes[edge[0]].key, b = data.nodes[edge[1]].key;
        if (!graph.hasEdge(a, b)) { graph.addEdge(a, b, { color: ties[edge[2]], size: 1 }); }
      });
      var renderer = new window.Sigma(graph, container, {
        labelRenderedSizeThreshold: 5, allowInvalidContainer: true
      });
      container.setAttribute("data-nodes", String(graph.order));
      container.setAttribute("data-drawn", "true");
      window.kringNetwork = renderer;
    });
})();
