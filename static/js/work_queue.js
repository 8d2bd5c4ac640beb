// "Waiting for me" (Chờ tôi xử lý): the dossiers, inspections and returns the signed-in officer has to act on.
import { fetchWorkQueue } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { failureMessage } from "./form_fields.js";
import { formatDate, formatDateTime, formatHa, statusBadge } from "./format.js";

/** The line under an item that says why it waits: who submitted or returned it, or since when it is due. */
function reasonLine(queue, item) {
  const when = formatDateTime(item.last_step_at ?? item.updated_at);
  if (queue === "decisions") {
    if (!item.last_step_by) return t("queue.submittedWhen").replace("{when}", when); // loaded in bulk: no step recorded
    return t("queue.submitted").replace("{who}", item.last_step_by).replace("{when}", when);
  }
  if (queue === "returned") {
    return t("queue.returnedBy").replace("{who}", item.last_step_by ?? "?").replace("{when}", when).replace("{reason}", item.last_step_reason ?? "");
  }
  const overdue = t(`overdue.${item.overdue_reason}`);
  if (item.next_inspection_due) return `${overdue} · ${t("queue.dueSince").replace("{day}", formatDate(item.next_inspection_due))}`;
  if (item.last_inspected_on) return `${overdue} · ${t("queue.lastInspected").replace("{day}", formatDate(item.last_inspected_on))}`;
  return overdue;
}

export class WorkQueue {
  /** `onPick(item)`: open the item's record; `onLoaded(total)`: after each load, with the number waiting. */
  constructor({ onPick, onLoaded = () => {} }) {
    this.onPick = onPick;
    this.onLoaded = onLoaded;
    this.answer = null;
    this.error = "";
    this.root = el("div", { class: "gisapp-work-queue", "aria-live": "polite" });
  }

  /** How many things wait in all (null before the first answer). */
  get total() {
    return this.answer ? this.answer.queues.reduce((sum, queue) => sum + queue.count, 0) : null;
  }

  async load() {
    const request = (this.request = fetchWorkQueue());
    try {
      const answer = await request;
      if (request !== this.request) return;
      this.answer = answer;
      this.error = "";
    } catch (error) {
      if (request !== this.request) return;
      this.error = failureMessage(error, "queue.loadFailed");
    }
    this.render();
    this.onLoaded(this.total);
  }

  clear() {
    this.request = null;
    this.answer = null;
    this.error = "";
    this.render();
  }

  item(queue, item) {
    const open = el("button", { type: "button", class: "gisapp-queue-open", title: t("tbl.open") }, [
      el("span", { class: "gisapp-queue-name" }, item.name),
      el("span", { class: "gisapp-queue-meta" }, [
        statusBadge(item.status),
        el("span", { class: "gisapp-code" }, item.code ?? t("tbl.noCode")),
        el("span", {}, `${item.commune_name ?? item.commune_code ?? ""} · ${formatHa(item.area_ha)}`),
      ]),
      el("span", { class: "gisapp-queue-reason" }, reasonLine(queue, item)),
    ]);
    open.addEventListener("click", () => this.onPick(item));
    return el("li", { class: "gisapp-queue-item", "data-id": item.id }, open);
  }

  section(queue) {
    const more = queue.count - queue.items.length;
    return el("section", { class: "gisapp-queue", "data-queue": queue.id }, [
      el("h3", {}, [t(`queue.${queue.id}`), " ", el("span", { class: "gisapp-count" }, String(queue.count))]),
      el("p", { class: "gisapp-queue-hint" }, t(`queueHint.${queue.id}`)),
      queue.items.length
        ? el("ul", { class: "gisapp-queue-list" }, queue.items.map((item) => this.item(queue.id, item)))
        : el("p", { class: "gisapp-queue-empty" }, t("queue.empty")),
      more > 0 ? el("p", { class: "gisapp-queue-more" }, t("queue.more").replace("{n}", more)) : null,
    ]);
  }

  render() {
    const { answer, error } = this;
    if (error) return this.root.replaceChildren(el("p", { class: "gisapp-form-error", role: "alert" }, error));
    if (!answer) return this.root.replaceChildren(el("p", { role: "status" }, t("loading")));
    if (!answer.queues.length) return this.root.replaceChildren(el("p", { class: "gisapp-queue-empty" }, t("queue.noneForRole")));
    this.root.replaceChildren(...answer.queues.map((queue) => this.section(queue)));
  }
}
