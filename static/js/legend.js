// A legend control for the visible overlays: one swatch and label per style class, in the current language.
import { L } from "./leaflet.js";
import { pick, t } from "./i18n.js";
import { el, svgEl } from "./dom.js";
import { geometryKind, mergeStyle } from "./layers.js";

/** [{label, spec}] for an entry: its `legend.items`, or else derived from its style classes. */
export function legendItems(entry) {
  const style = entry.style ?? {};
  const base = style.default ?? {};
  if (entry.legend?.items?.length) {
    return entry.legend.items.map((item) => ({ label: pick(item.label), spec: mergeStyle(base, item) }));
  }
  const items = (style.property ? style.classes ?? [] : []).map((cls) => ({
    label: pick(cls.label ?? String(cls.value)),
    spec: mergeStyle(base, cls),
  }));
  items.push({ label: items.length ? t("other") : pick(entry.title), spec: mergeStyle(base, {}) });
  return items;
}

function swatch(spec, kind) {
  const svg = svgEl("svg", { class: "gisapp-swatch", width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true" });
  const paint = {
    fill: kind === "line" ? "none" : spec.fill_color ?? "#3388ff",
    "fill-opacity": spec.fill_opacity ?? 0.2,
    stroke: spec.stroke_color ?? "#3388ff",
    "stroke-width": Math.min(spec.stroke_width ?? 1, 4),
    "stroke-opacity": spec.stroke_opacity ?? 1,
  };
  if (kind === "line") svg.append(svgEl("line", { x1: 2, y1: 14, x2: 16, y2: 4, ...paint }));
  else if (kind === "point") svg.append(svgEl("circle", { cx: 9, cy: 9, r: Math.min(spec.radius ?? 5, 7), ...paint }));
  else svg.append(svgEl("rect", { x: 2, y: 2, width: 14, height: 14, ...paint }));
  return svg;
}

function section(entry) {
  const kind = geometryKind(entry.geometry_type);
  const subtitle = entry.legend?.title ? pick(entry.legend.title) : "";
  const items = legendItems(entry).map((item) =>
    el("li", {}, [swatch(item.spec, kind), el("span", {}, item.label)]),
  );
  return el("section", { class: "gisapp-legend-layer", "data-layer": entry.id }, [
    el("h3", {}, pick(entry.title)),
    subtitle && subtitle !== pick(entry.title) ? el("p", { class: "gisapp-legend-subtitle" }, subtitle) : null,
    el("ul", {}, items),
  ]);
}

export const Legend = L.Control.extend({
  options: { position: "bottomright", open: true },

  onAdd() {
    this._entries = this._entries ?? [];
    this._open = this._open ?? this.options.open;
    this._container = el("div", { class: "gisapp-legend leaflet-control" });
    L.DomEvent.disableClickPropagation(this._container);
    L.DomEvent.disableScrollPropagation(this._container);
    this._render();
    return this._container;
  },

  /** Show these catalog entries (top-most first) and relabel in the current language. */
  setEntries(entries) {
    this._entries = entries;
    if (this._container) this._render();
    return this;
  },

  _render() {
    const container = this._container;
    container.replaceChildren();
    container.hidden = this._entries.length === 0;
    const details = el("details", { open: this._open }, [el("summary", {}, t("legend")), ...this._entries.map(section)]);
    details.addEventListener("toggle", () => {
      this._open = details.open;
    });
    container.append(details);
  },
});
