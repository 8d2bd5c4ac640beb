// The crop catalogue (GET /api/crops), asked once per page, and a crop as the record form lists it.
import { fetchCrops } from "./api.js";
import { getLang, t } from "./i18n.js";
import { formatHa } from "./format.js";

let pending = null;

/** The crops [{name, name_en, lifecycle, min_area_ha}]; a failed request is asked again next time. */
export function loadCrops() {
  pending ??= fetchCrops().catch((error) => {
    pending = null;
    throw error;
  });
  return pending;
}

/** "sầu riêng (lâu năm, từ 1 ha)" / "durian – sầu riêng (perennial, at least 1 ha)". */
export function cropLabel(crop) {
  const name = getLang() === "vi" || !crop.name_en || crop.name_en === crop.name ? crop.name : `${crop.name_en} – ${crop.name}`;
  const rule = t("cropRule").replace("{lifecycle}", t(`lifecycle.${crop.lifecycle}`)).replace("{min}", formatHa(crop.min_area_ha));
  return `${name} (${rule})`;
}

/** The crops sorted by their label in the current language. */
export function sortedCrops(crops) {
  const locale = getLang() === "vi" ? "vi" : "en";
  return [...crops].sort((a, b) => cropLabel(a).localeCompare(cropLabel(b), locale));
}
