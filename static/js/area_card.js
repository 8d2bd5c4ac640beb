// A growing area's public facts as DOM: the lines of a search result, and the popup with the verification link.
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { formatHa, formatMetres, statusBadge } from "./format.js";

/** The public verification page of a code ("/v/<code>"), or null when the area holds no code. */
export function verifyUrl(properties) {
  if (properties?.verify_url) return properties.verify_url;
  return properties?.code ? `/v/${encodeURIComponent(properties.code)}` : null;
}

/** "Phường B'Lao, Lâm Đồng" from the lookup's names, else the commune code. */
export function placeText(properties) {
  const names = [properties?.commune_name, properties?.province_name].filter(Boolean);
  if (names.length) return names.join(", ");
  return properties?.commune_code ? `${t("communeCode")} ${properties.commune_code}` : "";
}

/** "Sầu riêng (Ri6) · 12,5 ha · Phường B'Lao, Lâm Đồng". */
export function detailsText(properties) {
  const crop = properties?.variety ? `${properties.crop} (${properties.variety})` : properties?.crop;
  return [crop, formatHa(properties?.area_ha), placeText(properties)].filter(Boolean).join(" · ");
}

/** How far the position was from an area it is not inside ("Cách 35 m"); "" when inside or unknown. */
export function distanceText(properties) {
  const distance = Number(properties?.distance_m);
  if (!Number.isFinite(distance) || distance <= 0) return "";
  return t("distanceAway").replace("{distance}", formatMetres(distance));
}

/** The lines of one result: code and status, name, crop/area/commune, distance. */
export function resultLines(properties) {
  const code = properties?.code || properties?.export_code || t("noCode");
  const distance = distanceText(properties);
  return [
    el("span", { class: "gisapp-result-head" }, [el("span", { class: "gisapp-result-code" }, code), statusBadge(properties?.status)]),
    el("span", { class: "gisapp-result-name" }, properties?.name ?? ""),
    el("span", { class: "gisapp-result-details" }, detailsText(properties)),
    distance ? el("span", { class: "gisapp-result-distance" }, distance) : null,
  ];
}

/** Popup body for a public area: name, code, status, facts and the link to its verification page. */
export function areaPopup(properties) {
  const url = verifyUrl(properties);
  const rows = [
    [t("code"), properties?.code],
    [t("exportCode"), properties?.export_code],
    [t("statusTitle"), statusBadge(properties?.status)],
    [t("details"), detailsText(properties)],
    [t("distance"), distanceText(properties)],
  ].filter(([, value]) => value);
  return el("div", { class: "gisapp-popup-body gisapp-area-popup" }, [
    el("h2", {}, properties?.name ?? t("growingArea")),
    el("table", {}, el("tbody", {}, rows.map(([title, value]) => el("tr", {}, [el("th", { scope: "row" }, title), el("td", {}, value)])))),
    url ? el("p", {}, el("a", { class: "gisapp-verify-link", href: url }, t("openVerify"))) : null,
  ]);
}
