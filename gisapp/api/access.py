"""The access table: for every route, who may call it and which fields each caller gets.

A test keeps it equal to the app's routes and to the README's copy, so it cannot drift. Print the
README copy with `python -m gisapp.api.access`.
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC = "public"
SIGNED_IN = "signed-in"
ADMIN = "admin"
WRITERS = "agri_officer or admin, commune in scope"


@dataclass(frozen=True)
class Access:
    method: str
    path: str
    who: str
    fields: str


ACCESS: tuple[Access, ...] = (
    Access("GET", "/", PUBLIC, "the map page"),
    Access("GET", "/admin", PUBLIC, "the admin page (its data needs an admin sign-in)"),
    Access("GET", "/healthz", PUBLIC, "status only"),
    Access("GET", "/api/layers", PUBLIC, "layer catalog: public properties, styles, legends"),
    Access("GET", "/api/admin-units", PUBLIC, "codes and names of provinces or of one province's communes"),
    Access("GET", "/api/crops", PUBLIC, "the crop catalogue: names, lifecycle and minimum area"),
    Access(
        "GET",
        "/api/lookup",
        PUBLIC,
        "public properties of issued, suspended and revoked growing areas (never drafts, never "
        "representatives or households)",
    ),
    Access("GET", "/v/{code}", PUBLIC, "the verification page of a code: status and public facts (HTML)"),
    Access("GET", "/v/{code}/qr.png", PUBLIC, "QR code (PNG) of the verification page's URL"),
    Access("GET", "/v/{code}/qr.svg", PUBLIC, "QR code (SVG) of the verification page's URL"),
    Access("GET", "/ogc", PUBLIC, "links"),
    Access("GET", "/ogc/conformance", PUBLIC, "conformance classes"),
    Access("GET", "/ogc/api", PUBLIC, "OpenAPI document"),
    Access("GET", "/ogc/collections", PUBLIC, "collection metadata"),
    Access("GET", "/ogc/collections/{collectionId}", PUBLIC, "collection metadata"),
    Access("GET", "/ogc/collections/{collectionId}/queryables", PUBLIC, "public filterable properties"),
    Access(
        "GET",
        "/ogc/collections/{collectionId}/items",
        PUBLIC,
        "public properties; with credentials also private ones of features in the caller's scope",
    ),
    Access(
        "GET",
        "/ogc/collections/{collectionId}/items/{featureId}",
        PUBLIC,
        "public properties; with credentials also private ones if the feature is in scope",
    ),
    Access("GET", "/ogc/tileMatrixSets", PUBLIC, "tile matrix sets"),
    Access("GET", "/ogc/tileMatrixSets/{tileMatrixSetId}", PUBLIC, "tile matrix set"),
    Access("GET", "/ogc/collections/{collectionId}/tiles", PUBLIC, "tileset list"),
    Access("GET", "/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}", PUBLIC, "tileset metadata"),
    Access(
        "GET", "/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/tilejson.json", PUBLIC, "TileJSON"
    ),
    Access(
        "GET",
        "/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        PUBLIC,
        "public properties only, for everyone (one cached copy)",
    ),
    Access("POST", "/api/auth/login", PUBLIC, "the caller's own account and CSRF token"),
    Access("POST", "/api/auth/token", PUBLIC, "a bearer token"),
    Access("POST", "/api/auth/logout", SIGNED_IN, "nothing"),
    Access("GET", "/api/auth/me", SIGNED_IN, "the caller's own account"),
    Access("GET", "/api/auth/session", PUBLIC, "the caller's own account, or null"),
    Access("GET", "/api/users", ADMIN, "accounts (never password hashes)"),
    Access("POST", "/api/users", ADMIN, "the new account"),
    Access("PATCH", "/api/users/{user_id}", ADMIN, "the changed account"),
    Access(
        "GET",
        "/api/growing-areas/{feature_id}",
        PUBLIC,
        "public properties of issued/suspended/revoked areas (drafts: signed-in staff only); private ones "
        "and households for staff whose scope holds the area's commune; `?at=` a past version",
    ),
    Access(
        "POST",
        "/api/growing-areas",
        "agri_officer or admin, commune in scope",
        "the created feature with private properties",
    ),
    Access(
        "PATCH",
        "/api/growing-areas/{feature_id}",
        "agri_officer or admin, commune in scope (If-Match)",
        "the changed feature with private properties",
    ),
    Access(
        "GET",
        "/api/growing-areas/{feature_id}/history",
        "signed-in staff, commune in scope",
        "audit records: who, when, action, values before and after",
    ),
    Access(
        "POST",
        "/api/growing-areas/checks",
        "agri_officer or admin",
        "registry check results (dry run, nothing written)",
    ),
    Access(
        "POST",
        "/api/growing-areas/{area_id}/transitions",
        "submit: agri_officer or admin in scope; decisions: province-level agri_officer of the province, "
        "not the drafter",
        "the changed feature with private properties",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/transitions",
        "signed-in staff, commune in scope",
        "status decisions: reason, document, authority, who recorded them",
    ),
    Access(
        "POST",
        "/api/growing-areas/{area_id}/split",
        "agri_officer or admin, commune in scope (If-Match)",
        "the area as kept and the new draft cut from it, with private properties",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/versions",
        "signed-in staff, commune in scope",
        "version list (number, status, valid from/to, who)",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/sheet.html",
        PUBLIC,
        "printable sheet (HTML that opens offline): public facts of issued/suspended/revoked areas; "
        "signed-in staff also drafts, and in scope the latest inspection's conclusion; the representative's "
        "name and phone only with `?representative=true` from staff in scope",
    ),
    Access(
        "GET",
        "/api/packing-houses/{house_id}/sheet.html",
        PUBLIC,
        "printable sheet (HTML that opens offline): public facts of packing houses holding a code; staff in "
        "scope also the supplying areas and the latest lot; the operator's name and phone only with "
        "`?contact=true` from staff in scope",
    ),
    Access(
        "GET",
        "/api/registry/areas",
        "signed-in staff, areas in scope",
        "registry table: codes, name, crop, commune, area, status, last and next inspection, overdue "
        "(never private fields)",
    ),
    Access(
        "GET",
        "/api/registry/areas.csv",
        "signed-in staff, areas in scope",
        "the same rows as CSV (UTF-8 with BOM, Vietnamese headers, public columns only)",
    ),
    Access(
        "GET",
        "/api/registry/queue",
        "signed-in staff",
        "waiting for me: submitted dossiers to decide (province agri officers, not their own), overdue "
        "inspections (commune agri officers), their dossiers returned to draft (drafters)",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/seasons",
        "signed-in staff, commune in scope",
        "seasons: plan (crop, area, expected yield, harvest, market) and actual yield; never public",
    ),
    Access("POST", "/api/growing-areas/{area_id}/seasons", WRITERS, "the recorded season"),
    Access(
        "PATCH",
        "/api/growing-areas/{area_id}/seasons/{season_id}",
        WRITERS,
        "the season with its harvest date and actual yield",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/inspections",
        "signed-in staff, commune in scope",
        "inspection records: inspector, findings, pesticides, pests, samples, conclusion",
    ),
    Access(
        "POST",
        "/api/growing-areas/{area_id}/inspections",
        WRITERS,
        "the recorded inspection (the area's last_inspected_on moves forward, as a new version)",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/attachments",
        "signed-in staff, commune in scope",
        "attached files' names, kinds, sizes, checksums, uploaders and links",
    ),
    Access("POST", "/api/growing-areas/{area_id}/attachments", WRITERS, "the stored file's record"),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/attachments/{attachment_id}",
        "signed-in staff, commune in scope",
        "the file as uploaded (scans, lab reports, photos with their EXIF)",
    ),
    Access(
        "GET",
        "/api/growing-areas/{area_id}/attachments/{attachment_id}/public",
        PUBLIC,
        "a photo's public copy with its location (GPS) removed, once the area is issued, suspended or "
        "revoked (before that: staff in scope only)",
    ),
    Access(
        "GET",
        "/api/packing-houses",
        PUBLIC,
        "GeoJSON of packing houses holding a code (issued, suspended, revoked): code, name, status, markets, "
        "commune; signed-in staff also see drafts, and operator contacts of packing houses in their scope",
    ),
    Access(
        "GET",
        "/api/packing-houses/{feature_id}",
        PUBLIC,
        "public properties of issued/suspended/revoked packing houses (drafts: signed-in staff only); "
        "operator contact and suppliers for staff whose scope holds its commune",
    ),
    Access(
        "POST",
        "/api/packing-houses",
        "agri_officer or admin, commune in scope",
        "the created feature with private properties",
    ),
    Access(
        "PATCH",
        "/api/packing-houses/{feature_id}",
        "agri_officer or admin, commune in scope (If-Match)",
        "the changed feature with private properties",
    ),
    Access(
        "GET",
        "/api/packing-houses/{feature_id}/history",
        "signed-in staff, commune in scope",
        "audit records: who, when, action, values before and after",
    ),
    Access(
        "POST",
        "/api/packing-houses/{house_id}/transitions",
        "submit: agri_officer or admin in scope; decisions: province-level agri_officer of the province, "
        "not the drafter",
        "the changed feature with private properties",
    ),
    Access(
        "GET",
        "/api/packing-houses/{house_id}/transitions",
        "signed-in staff, commune in scope",
        "status decisions: reason, document, authority, who recorded them",
    ),
    Access(
        "GET",
        "/api/packing-houses/{house_id}/suppliers",
        "signed-in staff, commune in scope",
        "supplying growing areas: code, name, crop, status, area, flag when suspended or revoked",
    ),
    Access(
        "PUT",
        "/api/packing-houses/{house_id}/suppliers",
        "agri_officer or admin, commune in scope (If-Match)",
        "the new supplier list",
    ),
    Access(
        "POST",
        "/api/packing-houses/{house_id}/lots",
        "agri_officer or admin, commune in scope",
        "the recorded lot with its mass balance (capacity, used, this lot, excess; flags)",
    ),
    Access(
        "GET",
        "/api/packing-houses/{house_id}/lots",
        "signed-in staff, commune in scope",
        "lots with their mass balance and flags",
    ),
    Access(
        "GET",
        "/api/household-plots/{feature_id}",
        "signed-in staff (404 to anonymous callers)",
        "plot, growing area, household link, areas; the holder's name for staff whose scope holds its "
        "commune",
    ),
    Access(
        "POST",
        "/api/household-plots",
        "agri_officer or admin, commune in scope",
        "the created plot with private properties",
    ),
    Access(
        "PATCH",
        "/api/household-plots/{feature_id}",
        "agri_officer or admin, commune in scope (If-Match)",
        "the changed plot with private properties",
    ),
    Access(
        "GET",
        "/api/household-plots/{feature_id}/history",
        "signed-in staff, commune in scope",
        "audit records: who, when, action, values before and after",
    ),
    Access(
        "GET",
        "/api/water-works",
        PUBLIC,
        "public properties of water-supply works (GeoJSON); the operator's contact only for staff whose "
        "scope holds the work's commune",
    ),
    Access(
        "GET",
        "/api/water-works/{feature_id}",
        PUBLIC,
        "public properties and the service area; the operator's contact for staff in scope",
    ),
    Access(
        "POST",
        "/api/water-works",
        "env_officer or admin, commune in scope",
        "the created feature with private properties",
    ),
    Access(
        "PATCH",
        "/api/water-works/{feature_id}",
        "env_officer or admin, commune in scope (If-Match)",
        "the changed feature with private properties",
    ),
    Access(
        "GET",
        "/api/water-works/{feature_id}/history",
        "signed-in staff, commune in scope",
        "audit records: who, when, action, values before and after",
    ),
    Access(
        "GET",
        "/api/water-works/{work_id}/tests",
        PUBLIC,
        "water-quality tests: date, lab, sampling point, results with their judgement and the regulation "
        "version applied (no personal data)",
    ),
    Access(
        "POST",
        "/api/water-works/{work_id}/tests",
        "env_officer or admin, the work's commune in scope",
        "the recorded test with each result judged",
    ),
    Access(
        "POST",
        "/api/water-works/imports",
        "env_officer or admin; every work named in the file in scope",
        "dry run: the tests the file would create, judged, and per-row errors; commit: the import's id "
        "and test ids",
    ),
    Access(
        "POST",
        "/api/citizen-reports",
        PUBLIC,
        "a receipt number and the report's public status (rate-limited per client address; 429 when over)",
    ),
    Access(
        "GET",
        "/api/citizen-reports",
        "env_officer or admin; reports whose commune is in scope",
        "the moderation queue: description, point, contact, photo link, status",
    ),
    Access(
        "GET",
        "/api/citizen-reports/{receipt}",
        PUBLIC,
        "status, public note and dates of the report with that receipt (never contact or description)",
    ),
    Access(
        "POST",
        "/api/citizen-reports/{report_id}/moderation",
        "env_officer or admin, the report's commune (and the linked source's) in scope",
        "the moderated report as staff see it",
    ),
    Access(
        "GET",
        "/api/citizen-reports/{report_id}/photo",
        "env_officer or admin, the report's commune in scope",
        "the report's photo without location (the original is not kept)",
    ),
    Access(
        "GET",
        "/api/communes/{code}/environment-summary",
        PUBLIC,
        "counts only: households served by works whose latest test passes, pollution sources by type and "
        "exceedance, open citizen reports",
    ),
    Access(
        "GET",
        "/api/pollution-sources",
        PUBLIC,
        "public properties of pollution sources (GeoJSON); the owner's name, tax code, phone and address "
        "only for staff whose scope holds the source's commune",
    ),
    Access(
        "GET",
        "/api/pollution-sources/{feature_id}",
        PUBLIC,
        "public properties; the owner's contact for staff in scope",
    ),
    Access(
        "POST",
        "/api/pollution-sources",
        "env_officer or admin, commune in scope",
        "the created feature with private properties",
    ),
    Access(
        "PATCH",
        "/api/pollution-sources/{feature_id}",
        "env_officer or admin, commune in scope (If-Match)",
        "the changed feature with private properties",
    ),
    Access(
        "GET",
        "/api/pollution-sources/{feature_id}/history",
        "signed-in staff, commune in scope",
        "audit records: who, when, action, values before and after",
    ),
    Access(
        "GET",
        "/api/pollution-sources/{source_id}/samples",
        PUBLIC,
        "monitoring samples: date, lab, sampling point, results with their judgement and the regulation "
        "version and column applied (no personal data)",
    ),
    Access(
        "POST",
        "/api/pollution-sources/{source_id}/samples",
        "env_officer or admin, the source's commune in scope",
        "the recorded sample with each result judged",
    ),
    Access(
        "POST",
        "/api/pollution-sources/imports",
        "env_officer or admin; every source named in the file in scope",
        "dry run: the samples the file would create, judged by each source's regulation and column, and "
        "per-row errors; commit: the sample ids",
    ),
    Access(
        "GET",
        "/api/pollution-sources/{source_id}/inspections",
        "signed-in staff, the source's commune in scope",
        "inspections: date, inspector, findings, violation, penalty and decision number, follow-up",
    ),
    Access(
        "POST",
        "/api/pollution-sources/{source_id}/inspections",
        "env_officer or admin, the source's commune in scope",
        "the recorded inspection",
    ),
    Access(
        "GET",
        "/api/pollution-sources/{source_id}/nearby",
        PUBLIC,
        "public fields of the growing areas (published ones only for anonymous callers) and water-supply "
        "works within the source's distance, with the distance in metres",
    ),
    Access(
        "GET",
        "/api/risk/growing-areas",
        PUBLIC,
        "public fields of growing areas (published ones only for anonymous callers) within a distance of "
        "sources with an exceedance since a date, each with its nearest sources and the distance in metres",
    ),
)


def render_markdown() -> str:
    lines = ["| method | path | who may call it | what they get |", "|---|---|---|---|"]
    lines += [f"| {a.method} | `{a.path}` | {a.who} | {a.fields} |" for a in ACCESS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
