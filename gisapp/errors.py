"""The one error hierarchy: services raise these, `api.errors` maps them to HTTP."""

from __future__ import annotations

# How a NUL character is refused wherever text comes in (api/nul_guard.py, services/uploads.py):
# PostgreSQL's text cannot hold one.
NUL_REFUSED = "contains a NUL character, which no text here may hold: remove it."


class GisappError(Exception):
    """Base of every error a person can act on; `message` is safe to show to a client."""

    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter

    @property
    def details(self) -> dict[str, object]:
        """Extra fields for the error body that help the caller fix the request."""
        return {}

    @property
    def headers(self) -> dict[str, str]:
        return {}


class InvalidParameter(GisappError):
    """A query parameter that is malformed or out of range."""

    code = "invalid_parameter"


class NotFound(GisappError):
    """A collection, feature or tile that does not exist."""

    status_code = 404
    code = "not_found"


class Conflict(GisappError):
    """A write that clashes with what is stored."""

    status_code = 409
    code = "conflict"


class CatalogError(GisappError):
    """A layer file that is malformed or disagrees with the database; stops start-up."""

    status_code = 500
    code = "catalog_error"


class ClusterError(GisappError):
    """The private PostgreSQL cluster cannot be set up or started."""

    status_code = 500
    code = "cluster_error"


class NotAuthenticated(GisappError):
    """No valid sign-in: anonymous, expired, revoked or forged credentials."""

    status_code = 401
    code = "not_authenticated"


class Forbidden(GisappError):
    """Signed in, but the role or the scope does not allow this; the message says which."""

    status_code = 403
    code = "forbidden"


class PreconditionRequired(GisappError):
    """An update sent without `If-Match`: it could overwrite someone else's change unseen."""

    status_code = 428
    code = "precondition_required"


class PreconditionFailed(GisappError):
    """`If-Match` names a version that is no longer current."""

    status_code = 412
    code = "precondition_failed"

    def __init__(self, message: str, *, current_etag: str) -> None:
        super().__init__(message)
        self.current_etag = current_etag

    @property
    def details(self) -> dict[str, object]:
        return {"current_etag": self.current_etag}

    @property
    def headers(self) -> dict[str, str]:
        return {"ETag": self.current_etag}


class InvalidGeometry(GisappError):
    """A geometry PostGIS judges invalid, of the wrong type, or outside Vietnam."""

    code = "invalid_geometry"


class InvalidInput(GisappError):
    """A request body that is malformed or names fields that cannot be set."""

    status_code = 422
    code = "invalid_input"


class PayloadTooLarge(GisappError):
    """An upload larger than the configured limit; nothing of it is kept."""

    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(GisappError):
    """A file whose content is not an accepted type, or disagrees with its name's extension."""

    status_code = 415
    code = "unsupported_media_type"


class ImportRejected(GisappError):
    """A bulk import with problems: each says which row and column and what is wrong; nothing written."""

    status_code = 422
    code = "import_rejected"

    def __init__(self, message: str, errors: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []

    @property
    def details(self) -> dict[str, object]:
        return {"errors": self.errors} if self.errors else {}


class RetryLater(GisappError):
    """Refused for now, not for good: `Retry-After` says when to try again."""

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = max(1, retry_after_s)

    @property
    def details(self) -> dict[str, object]:
        return {"retry_after_s": self.retry_after_s}

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_s)}


class TooManyRequests(RetryLater):
    """Throttled (e.g. too many citizen reports from one address)."""

    status_code = 429
    code = "too_many_requests"


class DatabaseBusy(RetryLater):
    """Every database connection stayed busy for the whole pool timeout."""

    status_code = 503
    code = "database_busy"
