// The record panel's attached files: scans of decisions, lab reports, photos; download links and an
// upload form that shows the file's size and the upload's progress.
import { fetchAttachments, fetchInspections, fetchTransitions, uploadAttachment } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { formatBytes, formatDate, formatDateTime } from "./format.js";
import { failureMessage, field, uid } from "./form_fields.js";
import { sendForm, showProblems } from "./field_problems.js";
import { messageBox, selectField, textField } from "./record_inputs.js";
import { line, recordsList } from "./record_list.js";

const KINDS = ["photo", "lab_report", "decision_scan", "other"];
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,.tif,.tiff,.heic,.heif,application/pdf,image/*";

function attachmentItem(file) {
  const link = el("a", { href: file.url, target: "_blank", rel: "noopener", class: "gisapp-attachment-link" }, file.original_filename);
  const publicLink = file.public_url ? el("a", { href: file.public_url, target: "_blank", rel: "noopener" }, t("attachments.publicCopy")) : null;
  return el("li", { class: "gisapp-records-item gisapp-attachment", "data-attachment": file.id }, [
    el("p", { class: "gisapp-records-title" }, [link, ` · ${formatBytes(file.size_bytes)}`]),
    line(t("attachments.kind"), t(`kind.${file.kind}`)),
    line(t("attachments.caption"), file.caption),
    publicLink ? el("p", {}, publicLink) : null,
    line(t("records.by"), `${file.uploaded_by} · ${formatDateTime(file.created_at)}`),
  ]);
}

/** "area", "transition:12" or "inspection:7": what the file belongs to, from the area's own records. */
async function ownerOptions(areaId) {
  const [decisions, inspections] = await Promise.allSettled([fetchTransitions(areaId), fetchInspections(areaId)]);
  const options = [["", t("attachments.ownerArea")]];
  for (const item of decisions.status === "fulfilled" ? decisions.value : []) {
    if (item.id == null) continue;
    options.push([`transition:${item.id}`, t("attachments.ownerDecision").replace("{action}", t(`action.${item.action}`)).replace("{date}", formatDate(item.document_date ?? item.at))]);
  }
  for (const item of inspections.status === "fulfilled" ? inspections.value : []) {
    options.push([`inspection:${item.id}`, t("attachments.ownerInspection").replace("{date}", formatDate(item.inspected_on))]);
  }
  return options;
}

function fileInput(chosen) {
  const input = el("input", { id: uid("attachment-file"), type: "file", name: "file", accept: ACCEPT, "data-path": "file" });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    chosen.textContent = file ? t("attachments.chosen").replace("{name}", file.name).replace("{size}", formatBytes(file.size)) : "";
  });
  return input;
}

/** The FormData sent: the file and the text fields the API reads. */
function formData(form, input) {
  const data = new FormData();
  data.append("file", input.files[0]);
  const value = (path) => form.querySelector(`[data-path="${path}"]`);
  data.append("kind", value("kind").value);
  if (value("caption").value.trim()) data.append("caption", value("caption").value.trim());
  const [owner, id] = value("owner").value.split(":");
  if (owner === "transition") data.append("transition_id", id);
  if (owner === "inspection") data.append("inspection_id", id);
  if (value("public").checked) data.append("public", "true");
  return data;
}

async function uploadForm(areaId, { close, onSaved }) {
  const chosen = el("p", { class: "gisapp-field-hint gisapp-attachment-chosen", "aria-live": "polite" });
  const input = fileInput(chosen);
  const progress = el("progress", { class: "gisapp-attachment-progress", max: 100, value: 0, hidden: true });
  const progressText = el("p", { class: "gisapp-field-hint", "aria-live": "polite" });
  const publicBox = el("input", { id: uid("attachment-public"), type: "checkbox", "data-path": "public", disabled: true });
  const box = messageBox();
  const send = el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, t("attachments.upload"));
  const form = el("form", { class: "gisapp-records-form", novalidate: true, "aria-label": t("attachments.upload") }, [
    field(t("attachments.file"), input, t("attachments.fileHint")),
    chosen,
    selectField(t("attachments.kind"), "kind", KINDS.map((kind) => [kind, t(`kind.${kind}`)])),
    textField(t("attachments.caption"), "caption", { maxlength: 500 }),
    selectField(t("attachments.owner"), "owner", await ownerOptions(areaId)),
    el("div", { class: "gisapp-field gisapp-checkbox-field" }, [el("label", { for: publicBox.id }, [publicBox, ` ${t("attachments.public")}`]), el("p", { class: "gisapp-field-hint" }, t("attachments.publicHint"))]),
    progress,
    progressText,
    box,
    send,
  ]);
  const kind = form.querySelector('[data-path="kind"]');
  kind.addEventListener("change", () => {
    publicBox.disabled = kind.value !== "photo";
    if (publicBox.disabled) publicBox.checked = false;
  });
  publicBox.disabled = kind.value !== "photo";
  const showProgress = (fraction) => {
    const percent = Math.round(fraction * 100);
    progress.hidden = false;
    progress.value = percent;
    progressText.textContent = t("attachments.uploading").replace("{percent}", percent);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return showProblems(form, box, [{ field: "file", message: t("attachments.chooseFile") }]);
    showProgress(0);
    await sendForm(form, box, send, () => uploadAttachment(areaId, formData(form, input), showProgress), () => {
      close();
      onSaved(t("attachments.uploaded").replace("{name}", file.name));
    });
    progress.hidden = true;
    progressText.textContent = "";
  });
  return form;
}

/** The attachments section of `feature`'s record; `canWrite` adds the upload form. */
export function attachmentsSection(feature, { canWrite }) {
  return recordsList({
    name: "attachments",
    title: t("attachments.title"),
    empty: t("attachments.none"),
    load: () => fetchAttachments(feature.id),
    item: (file) => attachmentItem(file),
    adder: canWrite ? { label: t("attachments.upload"), form: (close, onSaved) => uploadForm(feature.id, { close, onSaved }) } : null,
    failed: (error) => failureMessage(error, "records.failed"),
  });
}
