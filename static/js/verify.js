// The verification page's map: the growing area's boundary over its commune's outline, drawn from the
// GeoJSON embedded in the page (no basemap, no request), coloured like the map layer for its status.

import { L } from "./leaflet.js";

function readData() {
  const element = document.getElementById("verify-data");
  return element ? JSON.parse(element.textContent) : null;
}

function areaStyle(style) {
  return {
    color: style.stroke_color,
    weight: Math.max(2, style.stroke_width || 0),
    opacity: style.stroke_opacity,
    fillColor: style.fill_color,
    fillOpacity: Math.max(0.35, style.fill_opacity || 0),
  };
}

const COMMUNE_STYLE = { color: "#546e7a", weight: 1.5, dashArray: "6 4", fill: false, interactive: false };

function drawMap(data) {
  const map = L.map("verify-map", {
    attributionControl: false,
    scrollWheelZoom: false,
    zoomSnap: 0.25,
  });
  if (data.commune) {
    L.geoJSON(data.commune, { style: COMMUNE_STYLE, interactive: false }).addTo(map);
  }
  const area = L.geoJSON(data.area, { style: areaStyle(data.style), interactive: false }).addTo(map);
  map.fitBounds(area.getBounds(), { padding: [24, 24], maxZoom: 18 });
  return map;
}

// The legend's swatch takes the same colours as the drawn area (CSSOM, which the page's CSP allows).
function paintSwatch(style) {
  const swatch = document.querySelector(".swatch-area");
  if (swatch) {
    swatch.style.background = style.fill_color;
    swatch.style.borderColor = style.stroke_color;
  }
}

const data = readData();
if (data && data.area) {
  paintSwatch(data.style);
  window.gisappVerify = { map: drawMap(data) };
}
document.body.dataset.state = "ready";
