// The live area of the boundary being drawn or edited, in hectares as the registry keeps them (4 decimals).
import { getLang, t } from "./i18n.js";
import { el } from "./dom.js";

/** "0,7712 ha (7.712 m²)" in Vietnamese, "0.7712 ha (7,712 m²)" in English. */
export function formatArea(m2) {
  const locale = getLang() === "vi" ? "vi-VN" : "en-GB";
  const ha = (m2 / 10000).toLocaleString(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const square = Math.round(m2).toLocaleString(locale);
  return `${ha} ha (${square} m²)`;
}

export class AreaMeter {
  constructor() {
    this.node = el("p", { class: "gisapp-area-meter", role: "status", "aria-live": "polite" });
    this.m2 = null;
  }

  /** Show `m2` (null: nothing drawn yet); `vertices` placed so far explains an empty meter. */
  show(m2, vertices = 0) {
    this.m2 = m2;
    const none = !m2 || m2 <= 0;
    this.node.dataset.areaHa = none ? "" : (m2 / 10000).toFixed(4);
    const value = none ? t(vertices > 0 && vertices < 3 ? "areaNeedsThree" : "areaNone") : formatArea(m2);
    this.node.replaceChildren(el("span", { class: "gisapp-area-label" }, `${t("areaLive")}: `), el("strong", {}, value));
    return this.node;
  }
}
