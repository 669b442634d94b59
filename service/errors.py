"""One error shape for every non-2xx answer.

Every error body is ``{"code", "message", "description"}``; validation
problems add ``"errors"``, one entry per offending request parameter.
``code`` is a stable machine-readable word, ``message`` one line naming
what is wrong and ending with the offending value, ``description`` what to
do about it.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from cronlab import CronlabError, DialectError, ExpressionError, TimeZoneError

log = logging.getLogger("service")

SCHEMA_HINT = "The request schema is at /openapi.json."


class ApiError(Exception):
    """An answer to refuse a request with, in the one error shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        description: str = SCHEMA_HINT,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.description = description
        self.errors = errors

    def to_dict(self) -> dict[str, Any]:
        """The JSON body."""
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "description": self.description,
        }
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def field_error(parameter: str, message: str, **extra: Any) -> dict[str, Any]:
    """One entry of ``errors``: which request parameter, and why."""
    return {"parameter": parameter, "message": message, **extra}


def library_error(parameter: str, err: CronlabError) -> dict[str, Any]:
    """The ``errors`` entry for a library refusal of one parameter.

    An expression error keeps the parser's cron field, 1-based column,
    offending text and hint, so a client can point at the exact spot.
    """
    if isinstance(err, ExpressionError):
        return field_error(
            parameter,
            str(err),
            field=err.field,
            column=err.column,
            text=err.text,
            reason=err.reason,
            hint=err.hint,
        )
    return field_error(parameter, str(err))


def refusal(err: CronlabError, expression: str = "expression") -> ApiError:
    """A 400 for a library refusal, blamed on the parameter its type names
    (a zone error on ``timeZone``, and so on)."""
    if isinstance(err, TimeZoneError):
        parameter = "timeZone"
    elif isinstance(err, DialectError):
        parameter = "dialect"
    else:
        parameter = expression
    return invalid([library_error(parameter, err)])


def invalid(errors: list[dict[str, Any]]) -> ApiError:
    """A 400 for validation problems; the message is the first problem."""
    first = errors[0]["message"]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ApiError(400, "invalid_request", f"{first}{more}", SCHEMA_HINT, errors)


# Codes for the HTTP errors Flask itself raises before a view runs.
_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
}


def register_error_handlers(app: Flask, max_body_bytes: int) -> None:
    """Answer every error raised in ``app`` in the one shape."""

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> tuple[Response, int]:
        return jsonify(err.to_dict()), err.status

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> tuple[Response, int, dict[str, str]]:
        status = err.code or 500
        message = _http_message(err, max_body_bytes)
        error = ApiError(
            status,
            _HTTP_CODES.get(status, "http_error"),
            message,
            _describe(status),
        )
        # Keep the headers werkzeug set (Allow on a 405).
        headers = {
            k: v
            for k, v in err.get_response().headers.items()
            if k.lower() not in ("content-type", "content-length")
        }
        return jsonify(error.to_dict()), status, headers

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> tuple[Response, int]:
        log.exception("unhandled error")
        error = ApiError(
            500,
            "internal_error",
            "the service failed to answer this request",
            "This is a bug in cronlab; please report the request that caused it.",
        )
        return jsonify(error.to_dict()), 500


def _http_message(err: HTTPException, max_body_bytes: int) -> str:
    # Our own words, ending with the offending value, rather than
    # werkzeug's stock page text.
    status = err.code or 500
    if status == 404:
        return f"no such path: {request.path!r}"
    if isinstance(err, MethodNotAllowed):
        allowed = ", ".join(sorted(err.valid_methods or ()))
        return (
            f"{request.path} does not answer this method (allowed: {allowed}): "
            f"{request.method!r}"
        )
    if status == 413:
        return f"the request body must be at most {max_body_bytes} bytes"
    return f"{err.name}: {err.description}"


def _describe(status: int) -> str:
    if status == 404:
        return "No such resource; the endpoints are listed at /openapi.json."
    if status == 405:
        return "The resource exists but not for this method; see /openapi.json."
    if status == 413:
        return "Send a smaller body; the cap is a service setting."
    return SCHEMA_HINT
