// The one module that touches the global L, so a move to Leaflet 2 (ES modules, no global) changes only this file.

const L = window.L;
if (!L || !L.vectorGrid) {
  throw new Error("Leaflet and Leaflet.VectorGrid must be loaded (classic <script> tags) before the modules");
}

// VectorGrid 1.3.0's canvas tile renderer calls L.DomEvent.fakeStop(e) when a feature is clicked, but
// Leaflet 1.8 removed fakeStop, so the click would throw. Leaflet 1.7's fakeStop told the map to ignore
// that DOM event; here we stop it reaching the map container (so the map fires no preclick that would
// close the popup just opened) and set the flag Leaflet 1.9 checks to stop propagating among its layers.
if (typeof L.DomEvent.fakeStop !== "function") {
  L.DomEvent.fakeStop = function fakeStop(e) {
    L.DomEvent.stopPropagation(e);
    e._stopped = true;
    return this;
  };
}

// beside this module, so it comes from the same build path (api/static_assets.py)
const GEOMAN = new URL("../vendor/leaflet-geoman/leaflet-geoman", import.meta.url).href;
let geoman = null;

function load(tag, attrs) {
  return new Promise((resolve, reject) => {
    const node = Object.assign(document.createElement(tag), attrs);
    node.addEventListener("load", resolve, { once: true });
    node.addEventListener("error", () => reject(new Error(`could not load ${attrs.src ?? attrs.href}`)), { once: true });
    document.head.append(node);
  });
}

/**
 * Leaflet-Geoman (drawing and editing), loaded on first use: only officers who draw pay for its
 * 290 kB. It runs opt-in, so only layers made with `pmIgnore: false` become editable or snappable
 * and the map's other layers (tiles, highlights, problems) stay out of its way.
 */
export function loadGeoman(map) {
  geoman ??= Promise.all([
    load("link", { rel: "stylesheet", href: `${GEOMAN}.css` }),
    load("script", { src: `${GEOMAN}.min.js` }),
  ]).then(() => {
    L.PM.setOptIn(true);
  }).catch((error) => {
    geoman = null;
    throw error;
  });
  return geoman.then(() => {
    if (!map.pm) {
      map.options.pmIgnore = false;
      L.PM.reInitLayer(map);
    }
    return L;
  });
}

export { L };
