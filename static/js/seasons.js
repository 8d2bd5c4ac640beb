// The record panel's seasons: the list, a new season's plan, and the actual yield recorded at its end.
import { fetchSeasons, patchSeason, postSeason } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, formatHa, formatNumber, today } from "./format.js";
import { failureMessage } from "./form_fields.js";
import { cropLabel, loadCrops, sortedCrops } from "./crops.js";
import { sendForm, showProblems } from "./field_problems.js";
import { areaField, controlsOf, dateField, messageBox, numberField, numberProblems, readNumber, readText, selectField, textField } from "./record_inputs.js";
import { foldable, line, recordsList } from "./record_list.js";

const tonnes = (value) => t("seasons.tonnes").replace("{n}", formatNumber(value));

/** One season: its plan, and its end (or a button to record it). */
function seasonItem(season, { canWrite, onSaved }) {
  const title = season.label || [season.crop, season.variety].filter(Boolean).join(" – ");
  const plan = [
    line(t("seasons.crop"), [season.crop, season.variety].filter(Boolean).join(" – ")),
    line(t("seasons.area"), formatHa(season.area_ha)),
    line(t("seasons.started"), formatDate(season.started_on)),
    line(t("seasons.expectedYield"), t("seasons.perHa").replace("{n}", formatNumber(season.expected_yield_t_per_ha))),
    line(t("seasons.expectedTotal"), tonnes(season.expected_total_t)),
    line(t("seasons.expectedHarvest"), formatDate(season.expected_harvest_on)),
    line(t("seasons.market"), season.expected_market),
  ];
  const ended = season.harvested_on
    ? [line(t("seasons.harvested"), formatDate(season.harvested_on)), line(t("seasons.actualYield"), tonnes(season.actual_yield_t))]
    : [el("p", { class: "gisapp-records-pending" }, t("seasons.notHarvested"))];
  const item = el("li", { class: "gisapp-records-item gisapp-season", "data-season": season.id }, [
    el("p", { class: "gisapp-records-title" }, title),
    ...plan,
    ...ended,
    line(t("seasons.note"), season.note),
    line(t("records.by"), season.recorded_by),
  ]);
  if (canWrite && !season.harvested_on) item.append(foldable(t("seasons.recordEnd"), (close) => endForm(season, { onSaved, close })));
  return item;
}

/** Harvest date, actual yield and note of a season that has ended. */
function endForm(season, { onSaved, close }) {
  const box = messageBox();
  const save = el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, t("seasons.saveEnd"));
  const form = el("form", { class: "gisapp-records-form", novalidate: true, "aria-label": t("seasons.recordEnd") }, [
    dateField(t("seasons.harvested"), "harvested_on", { max: today(), min: season.started_on, required: true }),
    numberField(t("seasons.actualYield"), "actual_yield_t", { required: true }),
    areaField(t("seasons.note"), "note", { maxlength: 2000 }),
    box,
    save,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const controls = controlsOf(form);
    const body = { harvested_on: controls.harvested_on.value || null, actual_yield_t: readNumber(controls.actual_yield_t) };
    const problems = numberProblems({ actual_yield_t: body.actual_yield_t }, { required: ["actual_yield_t"] });
    if (!body.harvested_on) problems.unshift({ field: "harvested_on", message: t("records.required") });
    else if (body.harvested_on > today()) problems.unshift({ field: "harvested_on", message: t("records.future") });
    else if (body.harvested_on < season.started_on) problems.unshift({ field: "harvested_on", message: t("records.beforeStart") });
    if (problems.length) return showProblems(form, box, problems);
    if (readText(controls.note)) body.note = readText(controls.note);
    await sendForm(form, box, save, () => patchSeason(season.growing_area_id, season.id, body), () => {
      close();
      onSaved(t("seasons.endSaved"));
    });
  });
  return form;
}

function cropOptions(feature, crops) {
  const known = sortedCrops(crops).map((crop) => [crop.name, cropLabel(crop)]);
  const own = feature.properties?.crop;
  if (own && !known.some(([name]) => name === own)) known.unshift([own, own]);
  return known;
}

/** A new season's plan; the area's crop, variety and area are offered as defaults. */
function addForm(feature, crops, { onSaved, close }) {
  const properties = feature.properties ?? {};
  const areaHa = Number(properties.area_ha);
  const box = messageBox();
  const save = el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, t("seasons.save"));
  const form = el("form", { class: "gisapp-records-form", novalidate: true, "aria-label": t("seasons.add") }, [
    textField(t("seasons.label"), "label", { maxlength: 100, hint: t("seasons.labelHint") }),
    selectField(t("seasons.crop"), "crop", cropOptions(feature, crops), { value: properties.crop ?? "" }),
    textField(t("seasons.variety"), "variety", { maxlength: 100, value: properties.variety ?? "" }),
    numberField(t("seasons.area"), "area_ha", { value: properties.area_ha ?? "", hint: t("seasons.areaHint").replace("{area}", formatHa(areaHa)) }),
    dateField(t("seasons.started"), "started_on", { value: today(), required: true }),
    numberField(t("seasons.expectedYield"), "expected_yield_t_per_ha", { required: true }),
    dateField(t("seasons.expectedHarvest"), "expected_harvest_on"),
    textField(t("seasons.market"), "expected_market", { maxlength: 200 }),
    areaField(t("seasons.note"), "note", { maxlength: 2000 }),
    box,
    save,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = readPlan(controlsOf(form));
    const problems = planProblems(body, areaHa);
    if (problems.length) return showProblems(form, box, problems);
    await sendForm(form, box, save, () => postSeason(feature.id, body), () => {
      close();
      onSaved(t("seasons.saved"));
    });
  });
  return form;
}

function readPlan(controls) {
  const body = {
    crop: controls.crop.value,
    area_ha: readNumber(controls.area_ha),
    started_on: controls.started_on.value || null,
    expected_yield_t_per_ha: readNumber(controls.expected_yield_t_per_ha),
  };
  for (const name of ["label", "variety", "expected_market", "note"]) if (readText(controls[name])) body[name] = readText(controls[name]);
  if (controls.expected_harvest_on.value) body.expected_harvest_on = controls.expected_harvest_on.value;
  return body;
}

/** The form's own checks; the server checks the rest (crop catalogue, dates too far ahead). */
function planProblems(body, areaHa) {
  const problems = numberProblems(
    { area_ha: body.area_ha, expected_yield_t_per_ha: body.expected_yield_t_per_ha },
    { required: ["area_ha", "expected_yield_t_per_ha"], positive: ["area_ha"] },
  );
  if (body.area_ha > areaHa) problems.push({ field: "area_ha", message: t("seasons.areaTooLarge").replace("{area}", formatHa(areaHa)) });
  if (!body.crop) problems.push({ field: "crop", message: t("records.required") });
  if (!body.started_on) problems.push({ field: "started_on", message: t("records.required") });
  if (body.expected_harvest_on && body.started_on && body.expected_harvest_on < body.started_on) {
    problems.push({ field: "expected_harvest_on", message: t("records.beforeStart") });
  }
  return problems;
}

/** The seasons section of `feature`'s record; `canWrite` adds the forms. It fills itself in. */
export function seasonsSection(feature, { canWrite }) {
  return recordsList({
    name: "seasons",
    title: t("seasons.title"),
    empty: t("seasons.none"),
    load: () => fetchSeasons(feature.id),
    item: (season, onSaved) => seasonItem(season, { canWrite, onSaved }),
    adder: canWrite ? { label: t("seasons.add"), form: async (close, onSaved) => addForm(feature, await loadCrops().catch(() => []), { onSaved, close }) } : null,
    failed: (error) => failureMessage(error, "records.failed"),
  });
}
