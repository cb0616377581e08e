// The member map: Leaflet with one marker per member. The list under the map has the same
// members, for keyboard and screen-reader users and for when this script does not run.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("member-map");
    var data = document.getElementById("member-points");
    if (!element || !data || !window.L) { return; }
    var points = JSON.parse(data.textContent);
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tiles) {
      // Without a network the tiles do not load; the markers still show.
      L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: element.dataset.attribution
      }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (point) {
      var popup = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = point.name;
      popup.appendChild(title);
      if (point.place) { popup.appendChild(document.createElement("br")); popup.appendChild(document.createTextNode(point.place)); }
      popup.appendChild(document.createElement("br"));
      var link = document.createElement("a");
      link.href = element.dataset.memberUrl.replace("SLUG", point.slug);
      link.textContent = element.dataset.more;
      popup.appendChild(link);
      L.marker([point.lat, point.lon], { title: point.name, alt: point.name }).addTo(map).bindPopup(popup);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
    } else {
      map.setView([52.2, 5.3], 7);  // the Netherlands
    }
  });
})();
