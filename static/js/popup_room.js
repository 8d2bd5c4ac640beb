// Where an opening popup may sit. Leaflet pans a popup inside the map less its autopan padding; on a
// phone the buttons along the top (zoom, language, report, sign-in, layers) and the finder's message
// leave no room beside a popup, so without more padding its title opened under them.

const EDGE = 16; // px kept free along the map's edges, as before
const GAP = 8; // px between a popup and the controls it clears
const POPUP_CHROME = 48; // Leaflet's margins around the content (.leaflet-popup-content) and its border
const ALONG_TOP = ".leaflet-top .leaflet-control, .gisapp-finder-drop";
const ALONG_BOTTOM = ".leaflet-bottom .leaflet-control";

/** Boxes of the visible elements matching `selector`, in page coordinates. */
function boxes(selector) {
  return [...document.querySelectorAll(selector)]
    .map((node) => node.getBoundingClientRect())
    .filter((box) => box.width > 0 && box.height > 0);
}

/** The widest stretch of [left, right] that none of `covers` spans. */
function widestGap(left, right, covers) {
  let widest = 0;
  let from = left;
  for (const box of [...covers].sort((a, b) => a.left - b.left)) {
    widest = Math.max(widest, box.left - from);
    from = Math.max(from, box.right);
  }
  return Math.max(widest, right - from);
}

/** How far from one edge a popup must stay: clear of `covers` only when it cannot fit beside them. */
function clearance(map, covers, width, reach) {
  const frame = map.getContainer().getBoundingClientRect();
  const inside = covers.filter((box) => box.right > frame.left && box.left < frame.right);
  if (!inside.length || widestGap(frame.left, frame.right, inside) >= width + 2 * GAP) return EDGE;
  return Math.max(EDGE, ...inside.map((box) => reach(frame, box) + GAP));
}

/** Autopan padding for a popup of at most `maxWidth` px of content, measured as it opens. */
export function popupPadding(map, maxWidth) {
  const width = Math.min(maxWidth + POPUP_CHROME, map.getSize().x);
  const top = clearance(map, boxes(ALONG_TOP), width, (frame, box) => box.bottom - frame.top);
  const bottom = clearance(map, boxes(ALONG_BOTTOM), width, (frame, box) => frame.bottom - box.top);
  return { autoPanPaddingTopLeft: [EDGE, top], autoPanPaddingBottomRight: [EDGE, bottom] };
}
