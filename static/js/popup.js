// Opens a popup listing a clicked feature's public properties, ordered and titled by its catalog entry
// (with the link to a growing area's verification page when it holds a code).
import { L } from "./leaflet.js";
import { pick, t } from "./i18n.js";
import { el } from "./dom.js";
import { verifyUrl } from "./area_card.js";
import { pollutionDetails } from "./pollution_popup.js";
import { popupPadding } from "./map_room.js";

const POPUP_WIDTH = 320;

/** A value as text; the styled property's values read as their legend labels ("issued" → "Còn hiệu lực…"). */
function formatValue(entry, name, value) {
  if (typeof value === "boolean") return t(value ? "yes" : "no");
  if (name === entry.style?.property) {
    const styleClass = (entry.style.classes ?? []).find((cls) => String(cls.value) === String(value));
    if (styleClass?.label) return pick(styleClass.label);
  }
  return String(value);
}

function isEmpty(value) {
  return value == null || value === "" || value === "[]"; // an empty JSON list comes as text in tiles
}

/** At low zoom a tile holds cells (count, total area, main class) instead of features. */
function listedProperties(entry, properties) {
  const overview = entry.overview;
  if (overview && properties && "plots" in properties) {
    const main = (entry.properties ?? []).filter((p) => p.name === overview.class_property);
    return [...main, ...overview.properties];
  }
  return entry.properties ?? [];
}

/**
 * [title, text] rows: the entry's listed properties in catalog order, then any other property the
 * tile carried under its own name. Null and empty values are skipped.
 */
export function propertyRows(entry, properties) {
  const rows = [];
  const listed = new Set();
  for (const prop of listedProperties(entry, properties)) {
    listed.add(prop.name);
    const value = properties?.[prop.name];
    if (!isEmpty(value)) rows.push([pick(prop.title) || prop.name, formatValue(entry, prop.name, value)]);
  }
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (!listed.has(name) && !isEmpty(value)) rows.push([name, formatValue(entry, name, value)]);
  }
  return rows;
}

/** Popup body as DOM nodes: values are text nodes, so nothing from the data is parsed as HTML. */
export function popupContent(entry, properties, featureId = null, map = null) {
  const rows = propertyRows(entry, properties).map(([title, text]) =>
    el("tr", {}, [el("th", { scope: "row" }, title), el("td", {}, text)]),
  );
  const url = entry.id === "growing_areas" ? verifyUrl(properties) : null;
  return el("div", { class: "gisapp-popup-body", "data-layer": entry.id }, [
    el("h2", {}, pick(entry.title)),
    el("table", {}, el("tbody", {}, rows)),
    url ? el("p", {}, el("a", { class: "gisapp-verify-link", href: url }, t("openVerify"))) : null,
    entry.id === "pollution_sources" && featureId != null ? pollutionDetails(featureId, map) : null,
  ]);
}

/** Open the popup for a VectorGrid click event (`event.layer.properties` holds the feature's properties). */
export function openFeaturePopup(map, entry, event) {
  const latlng = event.latlng ?? map.mouseEventToLatLng(event.originalEvent);
  L.popup({ className: "gisapp-popup", maxWidth: POPUP_WIDTH, ...popupPadding(map, POPUP_WIDTH) })
    .setLatLng(latlng)
    .setContent(popupContent(entry, event.layer?.properties ?? {}, event.layer?.featureId ?? null, map))
    .openOn(map);
}
