// What covers the map, so that what is fitted, panned to or opened on it stays in the part left free:
// the side panels (record, environment), a sheet over the bottom on a phone, and for popups the
// buttons along the top (zoom, language, report, sign-in, layers) and the finder's message, which on
// a phone leave no room beside a popup (its title opened under them).

const PANELS = ["#gisapp-record", "#gisapp-env"];

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

/** How much of the map's left, right and bottom edges the open panels cover, in px. */
function panelCover() {
  const cover = { left: 0, right: 0, bottom: 0 };
  for (const selector of PANELS) {
    const panel = document.querySelector(selector);
    if (!panel || panel.hidden) continue;
    const box = panel.getBoundingClientRect();
    if (box.width >= window.innerWidth - 1) cover.bottom = Math.max(cover.bottom, box.height); // a sheet
    else if (box.left <= 1) cover.left = Math.max(cover.left, box.width);
    else cover.right = Math.max(cover.right, box.width);
  }
  return cover;
}

/**
 * Padding for fitBounds and panInside that keeps features clear of the open panels: beside a panel
 * on wide screens, above it where it is a sheet over the bottom of the map.
 */
export function clearOfPanels(extra = 24) {
  const { left, right, bottom } = panelCover();
  return { paddingTopLeft: [extra + left, extra], paddingBottomRight: [extra + right, extra + bottom] };
}

/** Show `latlng` at the middle of what the panels leave free of the map, at `zoom` or closer. */
export function centreInView(map, latlng, zoom) {
  const { left, right, bottom } = panelCover();
  const level = Math.max(map.getZoom(), zoom);
  const middle = map.project(latlng, level).add([(right - left) / 2, bottom / 2]);
  map.setView(map.unproject(middle, level), level, { animate: false });
}

/** Autopan padding for a popup of at most `maxWidth` px of content, measured as it opens. */
export function popupPadding(map, maxWidth) {
  const panels = panelCover();
  const width = Math.min(maxWidth + POPUP_CHROME, map.getSize().x - panels.left - panels.right);
  const top = clearance(map, boxes(ALONG_TOP), width, (frame, box) => box.bottom - frame.top);
  const bottom = clearance(map, boxes(ALONG_BOTTOM), width, (frame, box) => frame.bottom - box.top);
  return {
    autoPanPaddingTopLeft: [EDGE + panels.left, top],
    autoPanPaddingBottomRight: [EDGE + panels.right, Math.max(bottom, EDGE + panels.bottom)],
  };
}
