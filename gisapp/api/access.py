"""The access table: for every route, who may call it and which fields each caller gets.

A test keeps it equal to the app's routes and to the README's copy, so it cannot drift. Print the
README copy with `python -m gisapp.api.access`.
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC = "public"
SIGNED_IN = "signed-in"
ADMIN = "admin"


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
        "GET",
        "/api/growing-areas/{area_id}/versions",
        "signed-in staff, commune in scope",
        "version list (number, status, valid from/to, who)",
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
)


def render_markdown() -> str:
    lines = ["| method | path | who may call it | what they get |", "|---|---|---|---|"]
    lines += [f"| {a.method} | `{a.path}` | {a.who} | {a.fields} |" for a in ACCESS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
