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

/** A number in the current language's digits, e.g. "1.234,5" (vi) / "1,234.5" (en). */
export function formatNumber(value, digits = 3) {
  return value == null || value === "" ? "" : number(value, digits);
}

/** A file size: "850 B", "12 KB", "2,4 MB" (vi) / "2.4 MB" (en). */
export function formatBytes(bytes) {
  if (bytes == null) return "";
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes / (1024 * 1024), 1)} MB`;
}

/** "12,35 ha" (vi) / "12.35 ha" (en). */
export function formatHa(value) {
  return value == null || value === "" ? "" : `${number(value, 2)} ha`;
}

/** "25.000 kg" (vi) / "25,000 kg" (en), to the gram. */
export function formatKg(value) {
  return value == null || value === "" ? "" : `${number(value, 3)} kg`;
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

const REGISTRY_ZONE = "Asia/Ho_Chi_Minh";

/**
 * "05/03/2025" (vi) / "5 Mar 2025" (en) for "2025-03-05", or for an ISO timestamp its day in Vietnam
 * (the registry's days); other text as is.
 */
export function formatDate(value) {
  if (!value) return "";
  const text = String(value);
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = new Date(plain ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) return text;
  const options = getLang() === "vi" ? { day: "2-digit", month: "2-digit", year: "numeric" } : { dateStyle: "medium" };
  return date.toLocaleDateString(locale(), { ...options, timeZone: plain ? "UTC" : REGISTRY_ZONE });
}

/** Date and time of an ISO timestamp in Vietnam, e.g. "05/03/2025 14:20". */
export function formatDateTime(value) {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const time = date.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit", timeZone: REGISTRY_ZONE });
  return `${formatDate(value)} ${time}`;
}

/** The registry's days end in Vietnam's time zone (the server's `?at=` day). */
const REGISTRY_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: REGISTRY_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** "YYYY-MM-DD" of an ISO timestamp as a day of the registry (Vietnam time). */
export function isoDay(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value ?? "").slice(0, 10);
  return REGISTRY_DAY.format(date);
}

/** Today as "YYYY-MM-DD" in the registry's days (the default document date, the latest day to view). */
export function today() {
  return REGISTRY_DAY.format(new Date());
}
