// How registry values read on screen: status badges, hectares, metres, dates, in the current language.
import { getLang, t } from "./i18n.js";
import { el } from "./dom.js";

const KNOWN_STATUSES = new Set(["draft", "submitted", "issued", "suspended", "revoked"]);

function locale() {
  return getLang() === "vi" ? "vi-VN" : "en-GB";
}

/** "Còn hiệu lực" / "Valid" for "issued"; an unknown status is shown as sent. */
export function statusLabel(status) {
  return KNOWN_STATUSES.has(status) ? t(`status.${status}`) : String(status ?? "");
}

/** A coloured badge for a status (colour is never the only cue: the label is always written). */
export function statusBadge(status) {
  const known = KNOWN_STATUSES.has(status) ? status : "unknown";
  return el("span", { class: `gisapp-status gisapp-status-${known}`, "data-status": status ?? "" }, statusLabel(status));
}

function number(value, digits) {
  return Number(value).toLocaleString(locale(), { maximumFractionDigits: digits });
}

/** "12,35 ha" (vi) / "12.35 ha" (en). */
export function formatHa(value) {
  return value == null || value === "" ? "" : `${number(value, 2)} ha`;
}

/** "1.234 m²" (vi) / "1,234 m²" (en). */
export function formatM2(value) {
  return value == null || value === "" ? "" : `${number(value, 0)} m²`;
}

/** "35 m"; under ten metres with one decimal. */
export function formatMetres(value) {
  if (value == null || value === "") return "";
  return `${number(value, Number(value) < 10 ? 1 : 0)} m`;
}

/** "05/03/2025" (vi) / "5 Mar 2025" (en) for "2025-03-05" or an ISO timestamp; other text as is. */
export function formatDate(value) {
  if (!value) return "";
  const text = String(value);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text);
  if (Number.isNaN(date.getTime())) return text;
  const options = getLang() === "vi" ? { day: "2-digit", month: "2-digit", year: "numeric" } : { dateStyle: "medium" };
  return date.toLocaleDateString(locale(), options);
}

/** Date and time of an ISO timestamp, e.g. "05/03/2025 14:20". */
export function formatDateTime(value) {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const time = date.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
  return `${formatDate(value)} ${time}`;
}

/** Today as "YYYY-MM-DD" in the device's time zone (the default document date). */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "YYYY-MM-DD" of an ISO timestamp in the device's time zone. */
export function isoDay(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value ?? "").slice(0, 10);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
