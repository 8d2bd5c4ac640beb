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

export { L };
