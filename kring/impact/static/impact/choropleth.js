// The buurten of the gemeente, each filled with the pattern of its class and labelled with
// its figure. The table under the map holds the same figures; this script only draws.
(function () {
  "use strict";
  var node = document.getElementById("impact-map-config");
  var element = document.getElementById("impact-map");
  if (!node || !element || !window.L) { return; }
  var config = JSON.parse(node.textContent);
  var map = L.map(element, { keyboard: true, zoomControl: true });
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.attribution }).addTo(map);
  }
  var layer = L.geoJSON(config.areas, {
    style: function (feature) {
      return {
        className: "choro-" + feature.properties["class"],
        color: "#1b2a26", weight: 1.5, fillOpacity: 0.85
      };
    },
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      shape.bindTooltip(p.name + ": " + p.value, {
        permanent: true, direction: "center", className: "impact-label"
      });
    }
  }).addTo(map);
  if (config.areas.features.length) { map.fitBounds(layer.getBounds(), { padding: [12, 12] }); }
  else { map.setView([52.1, 5.3], 7); }
})();
