// The "Boundary" section of the officer's forms (new area, record edit): draw, edit vertices, cut a hole,
// split along a line, add a vertex from GPS, walk the boundary; live area and snapping to neighbours.
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { failureMessage } from "./form_fields.js";
import { formatMetres } from "./format.js";
import { AreaMeter } from "./area_meter.js";
import { Sketch } from "./sketch.js";
import { NeighbourLayer } from "./snapping.js";
import { FixMarker, accuracyLevel, freshFix } from "./gps_vertex.js";
import { BoundaryWalk, WALK_MAX_ACCURACY_M } from "./gps_walk.js";
import { selfCrossings } from "./geo_math.js";
import { clearOfPanels } from "./map_room.js";

const HINTS = { draw: "hintDraw", cut: "hintCut", line: "hintLine" };
// On the body while vertices are being placed (drawn, cut, walked): on a phone the record sheet then
// shrinks to these tools (record.css), so the map the taps go to gets most of the screen.
const PLACING = "gisapp-placing-vertices";

function button(key, onClick, { primary = false, name = key } = {}) {
  const node = el("button", { type: "button", class: `gisapp-button gisapp-tool-${name}${primary ? " gisapp-primary" : ""}` }, t(key));
  node.addEventListener("click", onClick);
  return node;
}

export class BoundaryTools {
  /**
   * `geometry`: the stored boundary (null for a new area); `areaId` the area edited (its own outline
   * is no neighbour); `onSplit(line)` cuts the stored area along a GeoJSON LineString (edit only);
   * `onCheck(geometry)` dry-runs the registry checks on the boundary as drawn.
   */
  constructor(map, { geometry = null, areaId = null, onSplit = null, onCheck = null } = {}) {
    this.map = map;
    this.original = geometry;
    this.options = { areaId, onSplit, onCheck };
    this.sketch = null;
    this.neighbours = null;
    this.snap = { status: "idle", count: 0 };
    this.meter = new AreaMeter();
    this.fixMarker = new FixMarker(map);
    this.walk = null;
    this.touched = false; // the boundary differs from the stored one
    this.baseline = "null"; // the stored boundary as Geoman gives it back, to tell a change from none
    this.message = null; // {kind: info|warn|strong|error, text, actions: [button]}
    this.root = el("section", { class: "gisapp-record-section gisapp-boundary" });
    this.signature = "";
    this.busy = false;
  }

  /** Load Geoman and the neighbours, and show the stored boundary with its vertices editable. */
  async start() {
    if (this.sketch) return;
    this.busy = true;
    this.render();
    try {
      this.sketch = await Sketch.create(this.map, { onChange: () => this.shapeChanged() });
    } catch (error) {
      this.busy = false;
      this.say("error", `${t("drawToolsFailed")} ${failureMessage(error)}`);
      return;
    }
    this.busy = false;
    this.neighbours = new NeighbourLayer(this.map, { excludeId: this.options.areaId, onChange: (state) => this.snapChanged(state) });
    if (this.original) this.sketch.setGeometry(this.original, { edit: true });
    this.baseline = JSON.stringify(this.geometry());
    this.touched = false;
    this.render();
  }

  get active() {
    return Boolean(this.sketch);
  }

  /** True when the boundary should be saved (it was changed since it was loaded). */
  changed() {
    return this.active && this.touched && Boolean(this.sketch.layer);
  }

  geometry() {
    return this.sketch?.geometry() ?? null;
  }

  /** Why the boundary cannot be saved now (a string key), or null. */
  problem() {
    if (!this.active) return this.original ? null : "boundaryMissing";
    if (this.walk?.walking) return "boundaryWalking";
    if (["draw", "cut", "line"].includes(this.sketch.mode)) return "boundaryUnfinished";
    const geometry = this.geometry();
    if (!geometry) return "boundaryMissing";
    const rings = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    if (rings.some((polygon) => polygon.some((ring) => selfCrossings(ring).length))) return "boundaryCrosses";
    return null;
  }

  shapeChanged() {
    this.touched = JSON.stringify(this.geometry()) !== this.baseline;
    this.update();
  }

  snapChanged(state) {
    this.snap = state;
    this.update();
  }

  say(kind, text, actions = []) {
    this.message = text ? { kind, text, actions } : null;
    this.render();
  }

  /** Re-render when what is offered changed; otherwise only the meter and the snapping note. */
  update() {
    const sketch = this.sketch;
    const signature = [sketch?.mode, Boolean(sketch?.layer), Boolean(sketch?.line), this.touched, Boolean(this.walk)].join();
    if (signature !== this.signature) {
      this.render();
      return;
    }
    this.meter.show(sketch?.areaM2() ?? null, sketch?.vertexCount() ?? 0);
    this.root.querySelector(".gisapp-snap-status")?.replaceWith(this.snapNote());
  }

  snapNote() {
    const { status, count } = this.snap;
    const ready = count ? t("snapReady").replace("{n}", count) : t("snapNone");
    const text = { zoomIn: t("snapZoomIn"), failed: t("snapFailed"), ready }[status] ?? t("snapLoading");
    return el("p", { class: "gisapp-snap-status", "data-status": status, "data-count": count }, text);
  }

  /** The section, built afresh (the forms rebuild on a language change); keeps what was drawn. */
  section() {
    this.root = el("section", { class: "gisapp-record-section gisapp-boundary" });
    this.render();
    return this.root;
  }

  render() {
    const sketch = this.sketch;
    this.signature = [sketch?.mode, Boolean(sketch?.layer), Boolean(sketch?.line), this.touched, Boolean(this.walk)].join();
    this.showPlacing(Boolean(this.walk) || Boolean(HINTS[sketch?.mode]));
    const parts = [el("h3", {}, t("boundary"))];
    if (sketch) {
      parts.push(this.meter.show(sketch.areaM2(), sketch.vertexCount()), this.snapNote());
      const hint = HINTS[sketch.mode];
      if (hint) parts.push(el("p", { class: "gisapp-sketch-hint" }, t(hint)));
    }
    if (this.walk) parts.push(this.walkStatus());
    parts.push(el("div", { class: "gisapp-tool-row" }, this.buttons()));
    if (this.message) parts.push(this.messageBox());
    this.root.replaceChildren(...parts);
  }

  /** Mark the body while vertices are placed; the tools scroll to the top of the (now short) sheet. */
  showPlacing(placing) {
    const was = document.body.classList.contains(PLACING);
    document.body.classList.toggle(PLACING, placing);
    if (placing && !was) requestAnimationFrame(() => this.root.scrollIntoView({ block: "start" }));
  }

  messageBox() {
    const { kind, text, actions } = this.message;
    const role = kind === "info" ? "status" : "alert";
    return el("div", { class: `gisapp-boundary-message gisapp-message-${kind}`, role }, [el("p", {}, text), ...actions]);
  }

  buttons() {
    const sketch = this.sketch;
    if (this.busy) return [el("p", { role: "status" }, t("loading"))];
    if (!sketch) return [button(this.original ? "editBoundary" : "startBoundary", () => this.start(), { primary: true, name: "start" })];
    if (this.walk) return [button("walkFinish", () => this.finishWalk(), { primary: true, name: "walk-finish" }), button("cancel", () => this.cancelWalk(), { name: "walk-cancel" })];
    if (["draw", "cut", "line"].includes(sketch.mode)) {
      const finish = button("finishShape", () => sketch.finishDraw() || this.say("warn", t(sketch.mode === "line" ? "lineNeedsTwo" : "shapeNeedsThree")), { primary: true, name: "finish" });
      return [finish, button("removeLastVertex", () => sketch.removeLastVertex(), { name: "undo-vertex" }), button("cancel", () => sketch.cancelMode(), { name: "cancel-mode" })];
    }
    if (sketch.line) {
      return [button("splitHere", () => this.split(), { primary: true, name: "split-confirm" }), button("cancel", () => this.dropLine(), { name: "split-cancel" })];
    }
    const shape = Boolean(sketch.layer);
    return [
      shape ? null : button("drawOnMap", () => this.act(() => sketch.startDraw()), { primary: true, name: "draw" }),
      shape && sketch.mode !== "edit" ? button("editVertices", () => this.act(() => sketch.startEdit()), { name: "edit" }) : null,
      shape ? button("cutHole", () => this.act(() => sketch.startCut()), { name: "cut" }) : null,
      shape && this.options.onSplit && !this.touched ? button("splitByLine", () => this.act(() => sketch.startLine()), { name: "split" }) : null,
      button("addVertexHere", () => this.addVertexHere(), { name: "gps-vertex" }),
      button("walkBoundary", () => this.startWalk(), { name: "walk" }),
      shape ? button("redraw", () => this.act(() => sketch.startDraw()), { name: "redraw" }) : null,
      shape && this.options.onCheck ? button("checkBoundary", () => this.options.onCheck(this.geometry()), { name: "check" }) : null,
      this.original && this.touched ? button("undoBoundary", () => this.undo(), { name: "undo" }) : null,
    ];
  }

  act(action) {
    this.message = null;
    this.fixMarker.clear();
    action();
    this.render();
  }

  undo() {
    this.sketch.setGeometry(this.original, { edit: true });
    this.touched = false;
    this.say(null);
  }

  /** One fresh fix; a poor one is only added when the officer says so, after being told how poor. */
  async addVertexHere() {
    this.say("info", t("gpsWaiting"));
    let fix;
    try {
      fix = await freshFix();
    } catch (error) {
      this.say("error", t(`locate.${error.reason ?? "unavailable"}`));
      return;
    }
    this.fixMarker.show(fix);
    this.keepInView(fix.lon, fix.lat);
    const level = accuracyLevel(fix.accuracy);
    const accuracy = formatMetres(fix.accuracy);
    if (level === "good") {
      this.addFix(fix);
      return;
    }
    const add = button(level === "bad" ? "addAnyway" : "addThisVertex", () => this.addFix(fix), { name: "gps-add" });
    const skip = button("skipVertex", () => this.act(() => {}), { name: "gps-skip" });
    const words = t(level === "bad" ? "gpsBad" : "gpsPoor").replaceAll("{accuracy}", accuracy);
    this.say(level === "bad" ? "strong" : "warn", words, [add, skip]);
  }

  addFix(fix) {
    this.sketch.addVertex([fix.lon, fix.lat]);
    this.say("info", t("vertexAdded").replace("{accuracy}", formatMetres(fix.accuracy)).replace("{n}", this.sketch.vertexCount()));
  }

  startWalk() {
    this.act(() => this.sketch.stopModes());
    this.walk = new BoundaryWalk(this.map, { onUpdate: (walk) => this.walked(walk) });
    this.walk.start();
    this.render();
  }

  /** Keep the walker on screen, clear of the panel (a dropped fix, possibly far off, is not followed). */
  walked(walk) {
    if (walk.last?.kept) this.keepInView(...walk.track[walk.track.length - 1]);
    this.render();
  }

  keepInView(lon, lat) {
    this.map.panInside([lat, lon], { ...clearOfPanels(48), animate: false });
  }

  walkStatus() {
    const { track, dropped, last, error } = this.walk;
    const lines = [t("walkCount").replace("{n}", track.length)];
    if (last) lines.push(t(last.kept ? "walkLastFix" : "walkDroppedFix").replace("{accuracy}", formatMetres(last.accuracy)).replace("{max}", formatMetres(WALK_MAX_ACCURACY_M)));
    if (dropped.length) lines.push(t("walkDroppedCount").replace("{n}", dropped.length).replace("{max}", formatMetres(WALK_MAX_ACCURACY_M)));
    if (error) lines.push(t(error === "unavailable" || error === "timeout" ? "walkWaiting" : `locate.${error}`));
    if (!last && !error) lines.push(t("gpsWaiting"));
    const poor = last && !last.kept;
    return el("div", { class: `gisapp-walk-status${poor ? " gisapp-message-warn" : ""}`, role: poor ? "alert" : "status", "aria-live": "polite", "data-kept": track.length, "data-dropped": dropped.length },
      lines.map((line) => el("p", {}, line)));
  }

  finishWalk() {
    const { ring, crossings } = this.walk.finish();
    this.walk.dispose();
    this.walk = null;
    if (!ring) {
      this.say("error", t("walkTooShort"));
      return;
    }
    this.sketch.setGeometry({ type: "Polygon", coordinates: [ring] }, { edit: true });
    if (crossings.length) this.say("error", t("walkCrosses").replace("{n}", crossings.length));
    else this.say("info", t("walkDone").replace("{n}", ring.length - 1));
  }

  cancelWalk() {
    this.walk.dispose();
    this.walk = null;
    this.say(null);
  }

  dropLine() {
    this.sketch.clearLine();
    this.sketch.startEdit();
    this.say(null);
  }

  async split() {
    const line = this.sketch.lineGeometry();
    this.say("info", t("splitting"));
    try {
      await this.options.onSplit(line);
    } catch (error) {
      this.say("error", failureMessage(error));
    }
  }

  dispose() {
    this.showPlacing(false);
    this.walk?.dispose();
    this.neighbours?.dispose();
    this.sketch?.dispose();
    this.fixMarker.dispose();
  }
}
