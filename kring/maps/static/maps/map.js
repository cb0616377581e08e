// The asset map: buurt boundaries, then clusters from the server for what is in view. The page
// works without this script: the list beside the map has the same information.
(function () {
  "use strict";
  var node = document.getElementById("map-config");
  var element = document.getElementById("map");
  if (!node || !element || !window.L) { return; }
  var config = JSON.parse(node.textContent);
  var form = document.getElementById("map-filter");
  var status = document.getElementById("map-status");
  var styles = {};
  config.legend.forEach(function (entry) { styles[entry.category] = entry; });

  var map = L.map(element, { keyboard: true, zoomControl: true });
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.attribution }).addTo(map);
  }
  if (config.bounds) { map.fitBounds(config.bounds, { padding: [12, 12] }); }
  else { map.setView([52.1, 5.3], 7); }

  var clusters = L.layerGroup().addTo(map);
  var request = 0;

  function format(text, n) { return text.replace("%(n)s", String(n)); }

  function chosen() {
    var boxes = form ? form.querySelectorAll("input[name=category]:checked") : [];
    return Array.prototype.map.call(boxes, function (box) { return box.value; });
  }

  function shape(category) {
    var style = styles[category];
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", "22");
    svg.setAttribute("height", "22");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", style.path);
    path.setAttribute("fill", style.colour);
    path.setAttribute("stroke", "#1b2a26");
    path.setAttribute("stroke-width", "1.5");
    svg.appendChild(path);
    return svg;
  }

  function popup(point) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.title;
    var kind = document.createElement("div");
    kind.textContent = point.label;
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = config.text.open;
    box.appendChild(title); box.appendChild(kind); box.appendChild(link);
    return box;
  }

  function draw(answer) {
    clusters.clearLayers();
    answer.clusters.forEach(function (item) {
      var size = item.count < 10 ? 32 : item.count < 100 ? 38 : item.count < 1000 ? 46 : 54;
      var icon = L.divIcon({
        className: "map-cluster",
        html: String(item.count),
        iconSize: [size, size]
      });
      var marker = L.marker([item.lat, item.lon], {
        icon: icon, title: format(config.text.cluster, item.count), keyboard: true
      });
      marker.on("click", function () {
        map.setView([item.lat, item.lon], Math.min(map.getZoom() + 2, 19));
      });
      clusters.addLayer(marker);
    });
    answer.points.forEach(function (point) {
      var holder = document.createElement("div");
      holder.appendChild(shape(point.category));
      var icon = L.divIcon({ className: "map-point", html: holder.innerHTML, iconSize: [22, 22] });
      var marker = L.marker([point.lat, point.lon], {
        icon: icon, title: point.title + " (" + point.label + ")", keyboard: true
      });
      marker.bindPopup(popup(point));
      clusters.addLayer(marker);
    });
    element.setAttribute("data-clusters", String(answer.clusters.length));
    element.setAttribute("data-points", String(answer.points.length));
    element.setAttribute("data-total", String(answer.total));
    element.setAttribute("data-loading", "false");
    if (status) { status.textContent = format(config.text.assets, answer.total); }
  }

  function load() {
    var b = map.getBounds();
    var params = new URLSearchParams();
    params.set("zoom", String(map.getZoom()));
    params.set("bbox", [
      Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()),
      Math.min(180, b.getEast()), Math.min(90, b.getNorth())
    ].map(function (v) { return v.toFixed(6); }).join(","));
    var categories = chosen();
    if (!categories.length) { clusters.clearLayers(); draw({ clusters: [], points: [], total: 0 }); return; }
    categories.forEach(function (c) { params.append("category", c); });
    var mine = ++request;
    element.setAttribute("data-loading", "true");
    fetch(config.clusters + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer && mine === request) { draw(answer); } });
  }

  // Buurt labels never overlap: the buurten with most gifts keep theirs, a label that would
  // cover one already placed waits until zooming in makes room, or shows while the pointer is
  // on its buurt. The table under the map lists every buurt anyway.
  var labels = [];
  function placeLabels() {
    var placed = [];
    labels.forEach(function (entry) {
      var element = entry.tooltip.getElement();
      if (!element) { return; }
      element.classList.remove("buurt-label-hidden");
      var r = element.getBoundingClientRect();
      var clash = placed.some(function (p) {
        return r.left < p.right + 4 && r.right + 4 > p.left && r.top < p.bottom + 2 && r.bottom + 2 > p.top;
      });
      if (clash) { element.classList.add("buurt-label-hidden"); } else { placed.push(r); }
    });
  }
  function showLabel(entry) {
    var element = entry.tooltip.getElement();
    if (element) { element.classList.remove("buurt-label-hidden"); element.classList.add("buurt-label-hover"); }
  }
  function hideHovered(entry) {
    var element = entry.tooltip.getElement();
    if (element) { element.classList.remove("buurt-label-hover"); }
    placeLabels();
  }

  fetch(config.boundaries, { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (collection) {
      if (!collection) { return; }
      collection.features.forEach(function (feature) {
        var layer = L.geoJSON(feature, {
          style: function () { return { color: "#3d4a45", weight: 2, fillColor: "#ffffff", fillOpacity: 0.15, className: "buurt-shape" }; }
        }).addTo(map);
        layer.bringToBack();
        var centre = layer.getBounds().getCenter();
        var label = document.createElement("span");
        label.textContent = feature.properties.name + " · " + format(config.text.gifts, feature.properties.gifts);
        var entry = {
          gifts: feature.properties.gifts || 0,
          tooltip: L.tooltip({ permanent: true, direction: "center", className: "buurt-label" })
            .setLatLng(centre)
            .setContent(label)
            .addTo(map)
        };
        labels.push(entry);
        layer.on("mouseover", function () { showLabel(entry); });
        layer.on("mouseout", function () { hideHovered(entry); });
      });
      labels.sort(function (a, b) { return b.gifts - a.gifts; });
      placeLabels();
    });

  map.on("zoomend moveend resize", placeLabels);
  map.on("moveend", load);
  if (form) {
    form.addEventListener("change", load);
  }
  load();
})();
