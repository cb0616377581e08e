// Placing an asset: click on the map, or search the typed address, to fill in latitude and
// longitude. Without this script the number fields still work as they are.
(function () {
  "use strict";
  var config = document.getElementById("place-picker");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  if (!config || !lat || !lon || !window.L) { return; }
  var data = config.dataset;
  var address = document.getElementById("id_address");
  var field = lon.closest(".field") || lon.parentNode;

  var box = document.createElement("div");
  var search = document.createElement("div");
  search.className = "place-search";
  var label = document.createElement("label");
  label.setAttribute("for", "place-search-input");
  label.textContent = data.searchLabel;
  var input = document.createElement("input");
  input.type = "search";
  input.id = "place-search-input";
  input.autocomplete = "off";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button-secondary";
  button.textContent = data.searchButton;
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  var results = document.createElement("ul");
  results.className = "geocode-results";
  search.appendChild(label); search.appendChild(input); search.appendChild(button);
  search.appendChild(status); search.appendChild(results);
  var mapElement = document.createElement("div");
  mapElement.className = "place-picker";
  mapElement.setAttribute("role", "region");
  mapElement.setAttribute("aria-label", data.mapLabel);
  box.appendChild(search); box.appendChild(mapElement);
  field.parentNode.insertBefore(box, field.nextSibling);
  if (address && address.value) { input.value = address.value; }

  var map = L.map(mapElement);
  if (data.tiles) { L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map); }
  var marker = null;

  function number(value) { return parseFloat(String(value).replace(",", ".")); }

  function put(latitude, longitude, zoom) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (marker) { marker.setLatLng([latitude, longitude]); }
    else { marker = L.marker([latitude, longitude], { keyboard: false }).addTo(map); }
    map.setView([latitude, longitude], zoom || Math.max(map.getZoom(), 16));
    status.textContent = data.placed;
  }

  var start = [number(lat.value), number(lon.value)];
  if (!isNaN(start[0]) && !isNaN(start[1])) { put(start[0], start[1], 17); status.textContent = ""; }
  else { map.setView([52.1, 5.3], 7); }

  fetch(data.boundaries, { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (collection) {
      if (!collection || !collection.features.length) { return; }
      var layer = L.geoJSON(collection, {
        style: function () { return { color: "#3d4a45", weight: 2, fillOpacity: 0.05 }; },
        interactive: false
      }).addTo(map);
      if (!marker) { map.fitBounds(layer.getBounds(), { padding: [8, 8] }); }
    });

  map.on("click", function (event) { put(event.latlng.lat, event.latlng.lng); });

  function find() {
    var query = input.value.trim();
    results.innerHTML = "";
    if (query.length < 3) { return; }
    fetch(data.geocode + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        var found = answer.results || [];
        status.textContent = found.length ? data.found : data.none;
        found.forEach(function (result) {
          var item = document.createElement("li");
          var choose = document.createElement("button");
          choose.type = "button";
          choose.className = "button-secondary";
          choose.textContent = result.label;
          choose.addEventListener("click", function () {
            put(result.lat, result.lon, 17);
            if (address && !address.value) { address.value = result.label; }
            results.innerHTML = "";
          });
          item.appendChild(choose);
          results.appendChild(item);
        });
      });
  }
  button.addEventListener("click", find);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); find(); }
  });
})();
