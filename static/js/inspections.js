// The record panel's inspections: the records, newest first, and the form to add one from the field.
import { fetchInspections, postInspection } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, formatHa, formatNumber } from "./format.js";
import { failureMessage } from "./form_fields.js";
import { sendForm, showProblems } from "./field_problems.js";
import { PESTICIDE_LISTS, blankLists, inFormPaths, inspectionControls, inspectionProblems, readInspection } from "./inspection_form.js";
import { messageBox } from "./record_inputs.js";
import { line, recordsList } from "./record_list.js";
import { getUser } from "./session.js";

const yesNo = (value) => (value == null ? null : t(value ? "records.yes" : "records.no"));

function conclusionBadge(conclusion) {
  return el("span", { class: `gisapp-conclusion gisapp-conclusion-${conclusion}`, "data-conclusion": conclusion }, t(`conclusion.${conclusion}`));
}

function listBlock(title, items, describe) {
  if (!items?.length) return null;
  return el("div", { class: "gisapp-records-block" }, [el("p", { class: "gisapp-records-label" }, title), el("ul", {}, items.map((item) => el("li", {}, describe(item))))]);
}

const pesticideText = (use) => [use.product, use.active_ingredient, use.dose, formatDate(use.applied_on)].filter(Boolean).join(" · ");
const pestText = (pest) => [pest.pest, pest.density != null ? `${formatNumber(pest.density)} ${pest.unit ?? ""}`.trim() : null].filter(Boolean).join(": ");
const sampleText = (sample) => [sample.sample, sample.analysis, sample.lab, sample.result].filter(Boolean).join(" · ");

/** One inspection: date, inspector and conclusion always shown; the findings folded under "Details". */
function inspectionItem(inspection) {
  const details = el("details", { class: "gisapp-records-details" }, [
    el("summary", {}, t("inspections.details")),
    line(t("inspections.area"), formatHa(inspection.area_ha)),
    line(t("inspections.households"), inspection.households),
    line(t("inspections.treeAge"), inspection.tree_age_years),
    line(t("inspections.stage"), inspection.growth_stage),
    line(t("inspections.expectedHarvest"), formatDate(inspection.expected_harvest_on)),
    line(t("inspections.expectedYield"), inspection.expected_yield_t_per_ha),
    ...PESTICIDE_LISTS.map((name) => listBlock(t(`inspections.${name}`), inspection[name], pesticideText)),
    line(t("inspections.diaryPresent"), yesNo(inspection.farm_diary_present)),
    line(t("inspections.diaryComplete"), yesNo(inspection.farm_diary_complete)),
    listBlock(t("inspections.pests"), inspection.pests, pestText),
    line(t("inspections.pestManagement"), inspection.pest_management),
    listBlock(t("inspections.samples"), inspection.samples, sampleText),
    line(t("inspections.weeds"), yesNo(inspection.weeds_residue_cleared)),
    line(t("inspections.packaging"), yesNo(inspection.packaging_collected)),
    line(t("records.by"), inspection.recorded_by),
  ]);
  return el("li", { class: "gisapp-records-item gisapp-inspection", "data-inspection": inspection.id }, [
    el("p", { class: "gisapp-records-title" }, [formatDate(inspection.inspected_on), " ", conclusionBadge(inspection.conclusion)]),
    line(t("inspections.inspector"), [inspection.inspector_name, inspection.inspector_position].filter(Boolean).join(", ")),
    line(t("inspections.conclusionNote"), inspection.conclusion_note),
    line(t("inspections.nextDue"), formatDate(inspection.next_inspection_due)),
    details,
  ]);
}

/** The form; a saved inspection may move the area's last inspection date, so the record is reloaded. */
function addForm(feature, { close, onAreaChanged }) {
  const lists = blankLists();
  const box = messageBox();
  const save = el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, t("inspections.save"));
  const form = el("form", { class: "gisapp-records-form", novalidate: true, "aria-label": t("inspections.add") }, [
    ...inspectionControls(feature, getUser(), lists),
    box,
    el("div", { class: "gisapp-edit-actions" }, save),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { body, renames } = readInspection(form, lists);
    const problems = inspectionProblems(body);
    if (problems.length) return showProblems(form, box, inFormPaths(problems, renames));
    await sendForm(
      form,
      box,
      save,
      () => postInspection(feature.id, body),
      () => {
        close();
        onAreaChanged(t("inspections.saved"));
      },
      (sent) => inFormPaths(sent, renames),
    );
  });
  return form;
}

/**
 * The inspections section of `feature`'s record; `canWrite` adds the form, `onAreaChanged(message)`
 * reloads the record after an inspection (its last inspection date and version may have changed).
 */
export function inspectionsSection(feature, { canWrite, onAreaChanged }) {
  return recordsList({
    name: "inspections",
    title: t("inspections.title"),
    empty: t("inspections.none"),
    load: () => fetchInspections(feature.id),
    item: (inspection) => inspectionItem(inspection),
    adder: canWrite ? { label: t("inspections.add"), form: (close) => addForm(feature, { close, onAreaChanged }) } : null,
    failed: (error) => failureMessage(error, "records.failed"),
  });
}
