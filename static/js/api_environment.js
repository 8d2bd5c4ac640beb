// Requests of the environment features (citizen reports, their moderation, commune summaries); beside
// api.js, whose request helper (CSRF token, error bodies) they share.
import { ApiError, request } from "./api.js";

const REPORTS = "/api/citizen-reports";

/** File a report (`form`: FormData with lon, lat, description, category, contact, photo): {receipt, status, …}. */
export async function fileReport(form) {
  const response = await fetch(REPORTS, { method: "POST", body: form, headers: { Accept: "application/json" }, credentials: "same-origin" });
  let body = {};
  try {
    body = await response.json();
  } catch {
    /* not JSON: keep the status alone */
  }
  if (!response.ok) {
    throw new ApiError(`POST ${REPORTS} answered ${response.status}`, response.status, {
      description: body.description ?? "",
      parameter: body.parameter ?? null,
      code: body.code ?? null,
      problems: body.problems ?? [],
    });
  }
  return body;
}

/** A report's public status by its receipt (any case, with or without the dash). */
export function fetchReportStatus(receipt) {
  return request("GET", `${REPORTS}/${encodeURIComponent(receipt.trim())}`);
}

/** The moderation queue in the caller's scope (environment officers and admins); `status` "open" by default. */
export function fetchReportQueue(status = "open") {
  return request("GET", `${REPORTS}?status=${encodeURIComponent(status)}`);
}

/** {action: "review" | "link" | "dismiss", pollution_source_id?, public_note?} */
export function moderateReport(id, decision) {
  return request("POST", `${REPORTS}/${encodeURIComponent(id)}/moderation`, decision);
}

/** A commune's environment summary: water-supply share, pollution sources by type, open reports. */
export function fetchEnvironmentSummary(code) {
  return request("GET", `/api/communes/${encodeURIComponent(code)}/environment-summary`);
}
