// The citizen's report form (point by map tap or GPS, description, kind, photo with its size, private
// contact) with the receipt shown after sending, and the "check my report" box by receipt number.
import { L } from "./leaflet.js";
import { localise, t } from "./i18n.js";
import { el } from "./dom.js";
import { formatBytes, formatNumber } from "./format.js";
import { failureMessage, field, textInput, uid } from "./form_fields.js";
import { fetchReportStatus, fileReport } from "./api_environment.js";
import { centreInView } from "./map_room.js";

const CATEGORIES = ["", "water", "air", "waste", "noise", "odour", "other"];

function problemsOf(error) {
  const listed = (error.problems ?? []).map((problem) => el("li", {}, `${problem.field}: ${localise(problem.message)}`));
  return listed.length ? el("ul", { class: "gisapp-problems" }, listed) : null;
}

function errorBox(error) {
  return el("div", { class: "gisapp-env-error", role: "alert" }, [el("p", {}, failureMessage(error)), problemsOf(error)]);
}

/** The receipt check: a number in, the status label and staff note out. */
export function receiptCheck() {
  const input = textInput("receipt", "receipt", { autocomplete: "off", autocapitalize: "characters", maxlength: 20 });
  const result = el("div", { class: "gisapp-receipt-result", "aria-live": "polite" });
  const button = el("button", { type: "submit" }, t("checkButton"));
  const form = el("form", { class: "gisapp-receipt-check" }, [el("h3", {}, t("checkTitle")), field(t("checkReceipt"), input), button, result]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.replaceChildren();
    try {
      const status = await fetchReportStatus(input.value);
      result.replaceChildren(
        el("p", {}, [`${t("checkStatus")}: `, el("strong", { class: "gisapp-receipt-status", "data-status": status.status }, localise(`${status.status_label.vi} / ${status.status_label.en}`))]),
        status.public_note ? el("p", { class: "gisapp-receipt-note" }, `${t("checkNote")}: ${status.public_note}`) : null,
      );
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  });
  return form;
}

export class ReportForm {
  constructor({ map }) {
    this.map = map;
    this.key = "report";
    this.point = null; // L.LatLng
    this.marker = null;
    this.receipt = null;
    this.picking = false;
    this.onPick = (event) => this.setPoint(event.latlng);
  }

  title() {
    return t("reportTitle");
  }

  setPoint(latlng) {
    this.point = latlng;
    this.marker?.remove();
    this.marker = L.circleMarker(latlng, { radius: 9, color: "#e65100", fillColor: "#ff9800", fillOpacity: 0.9 }).addTo(this.map);
    this.stopPicking();
    if (this.pointText) this.pointText.textContent = this.pointLabel();
  }

  startPicking() {
    this.picking = true;
    this.map.getContainer().classList.add("gisapp-picking");
    document.body.classList.add("gisapp-env-picking"); // the panel steps aside so the whole map can be tapped
    this.map.once("click", this.onPick);
    if (this.pointText) this.pointText.textContent = t("reportPickHint");
  }

  stopPicking() {
    this.picking = false;
    this.map.off("click", this.onPick);
    this.map.getContainer().classList.remove("gisapp-picking");
    document.body.classList.remove("gisapp-env-picking");
  }

  useGps() {
    if (!navigator.geolocation) return this.showGpsFailure();
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const latlng = L.latLng(position.coords.latitude, position.coords.longitude);
        this.setPoint(latlng);
        centreInView(this.map, latlng, 15);
      },
      () => this.showGpsFailure(),
      { enableHighAccuracy: true, timeout: 15000 },
    );
  }

  showGpsFailure() {
    if (this.pointText) this.pointText.textContent = t("reportGpsFailed");
  }

  pointLabel() {
    if (!this.point) return t("reportNoPoint");
    return `${t("reportPoint")}: ${formatNumber(this.point.lat, 5)}, ${formatNumber(this.point.lng, 5)}`;
  }

  onClose() {
    this.stopPicking();
    this.marker?.remove();
    this.marker = null;
  }

  render(body) {
    body.replaceChildren(this.receipt ? this.thanks() : this.form(), receiptCheck());
  }

  thanks() {
    const again = el("button", { type: "button" }, t("reportAnother"));
    again.addEventListener("click", () => {
      this.receipt = null;
      this.onClose();
      this.point = null;
      this.render(again.closest(".gisapp-env-body"));
    });
    return el("section", { class: "gisapp-report-done", role: "status" }, [
      el("p", {}, t("reportThanks")),
      el("p", { class: "gisapp-receipt" }, this.receipt),
      el("p", {}, t("reportKeepReceipt")),
      again,
    ]);
  }

  form() {
    const pick = el("button", { type: "button", class: "gisapp-report-pick" }, t("reportPickOnMap"));
    pick.addEventListener("click", () => this.startPicking());
    const gps = el("button", { type: "button", class: "gisapp-report-gps" }, t("reportUseGps"));
    gps.addEventListener("click", () => this.useGps());
    this.pointText = el("p", { class: "gisapp-report-point", "aria-live": "polite" }, this.pointLabel());
    const description = el("textarea", { id: uid("description"), name: "description", rows: 4, required: true, minlength: 10, maxlength: 2000 });
    const category = el("select", { id: uid("category"), name: "category" }, CATEGORIES.map((value) => el("option", { value }, t(`category.${value}`))));
    const photo = el("input", { id: uid("photo"), name: "photo", type: "file", accept: "image/jpeg,image/png,image/webp" });
    const size = el("p", { class: "gisapp-photo-size", "aria-live": "polite" });
    photo.addEventListener("change", () => {
      const file = photo.files?.[0];
      size.textContent = file ? `${t("reportPhotoSize")}: ${formatBytes(file.size)}` : "";
    });
    const contact = textInput("contact", "contact", { maxlength: 200, autocomplete: "tel" });
    const message = el("div", { class: "gisapp-report-message" });
    const send = el("button", { type: "submit", class: "gisapp-report-send" }, t("reportSend"));
    const form = el("form", { class: "gisapp-report-form", novalidate: true }, [
      el("p", {}, t("reportIntro")),
      el("div", { class: "gisapp-report-where" }, [pick, gps]),
      this.pointText,
      field(t("reportDescription"), description),
      field(t("reportCategory"), category),
      field(t("reportPhoto"), photo, t("reportPhotoNote")),
      size,
      field(t("reportContact"), contact),
      message,
      send,
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(form, { description, category, photo, contact }, message, send);
    });
    return form;
  }

  async send(form, inputs, message, button) {
    message.replaceChildren();
    if (!this.point) {
      message.replaceChildren(el("p", { class: "gisapp-env-error", role: "alert" }, `${t("reportNoPoint")}: ${t("reportPickOnMap")} / ${t("reportUseGps")}`));
      return;
    }
    const data = new FormData();
    data.append("lon", this.point ? String(this.point.lng) : "");
    data.append("lat", this.point ? String(this.point.lat) : "");
    data.append("description", inputs.description.value);
    data.append("category", inputs.category.value);
    data.append("contact", inputs.contact.value);
    const file = inputs.photo.files?.[0];
    if (file) data.append("photo", file, file.name);
    button.disabled = true;
    button.textContent = t("reportSending");
    try {
      const answer = await fileReport(data);
      this.receipt = answer.receipt;
      this.render(form.closest(".gisapp-env-body"));
    } catch (error) {
      message.replaceChildren(errorBox(error));
      button.disabled = false;
      button.textContent = t("reportSend");
    }
  }
}
