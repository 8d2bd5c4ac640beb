// An editable list of rows (member households, approved markets): a fieldset per row, add and remove.
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { field, uid } from "./form_fields.js";

/**
 * The list as a <fieldset>. `rows` (plain objects of text) is changed in place as the officer types,
 * adds and removes; `columns` are [{name, label, hint, attrs}] (attrs of the <input>); `legend` titles
 * the list, `itemLabel(n)` each row ("Hộ 2"), `blank()` makes a new row. Each input carries
 * `data-path` = `${path}.${index}.${column}`, so a problem can focus it.
 */
export function rowList({ rows, columns, legend, itemLabel, addLabel, blank, path, empty }) {
  const list = el("div", { class: "gisapp-rows" });
  const add = el("button", { type: "button", class: "gisapp-button gisapp-add-row" }, addLabel);
  const box = el("fieldset", { class: `gisapp-row-list gisapp-rows-${path}` }, [el("legend", {}, legend), list, add]);

  const row = (item, index) => {
    const remove = el("button", { type: "button", class: "gisapp-link-button gisapp-remove-row" }, `${t("remove")} ${itemLabel(index + 1).toLowerCase()}`);
    remove.addEventListener("click", () => {
      rows.splice(index, 1);
      draw();
      (list.querySelectorAll(".gisapp-remove-row")[Math.min(index, rows.length - 1)] ?? add).focus();
    });
    const inputs = columns.map((column) => {
      const input = el("input", { id: uid(`${path}-${column.name}`), type: "text", value: item[column.name], "data-path": `${path}.${index}.${column.name}`, ...column.attrs });
      input.addEventListener("input", () => {
        item[column.name] = input.value;
      });
      return field(column.label, input, column.hint ?? "");
    });
    return el("fieldset", { class: "gisapp-row", "data-row": index }, [el("legend", {}, itemLabel(index + 1)), ...inputs, remove]);
  };

  const draw = () => {
    list.replaceChildren(...(rows.length ? rows.map(row) : [el("p", { class: "gisapp-field-hint" }, empty)]));
  };

  add.addEventListener("click", () => {
    rows.push(blank());
    draw();
    list.lastElementChild?.querySelector("input")?.focus();
  });
  draw();
  return box;
}
