"""``/v1/check``: a manifest's CronJobs, validated, with their next runs.

The manifest arrives as text (YAML or JSON, several documents allowed) in
a JSON body; the answer is what ``cronlab check --format json`` prints for
the same text.
"""

from __future__ import annotations

from typing import Any

import yaml
from flask import Blueprint, Response

from cronlab import TZDATA_VERSION, CronlabError
from cronlab.check import CheckReport, check_documents
from cronlab.manifests import objects_of, read_documents

from . import inputs
from .caching import json_bytes, json_response
from .errors import field_error, invalid, library_error
from .preview import utc_text
from .state import state

bp = Blueprint("check", __name__)

FIELDS = ("manifest", "from", "count")
SOURCE = "<request>"


@bp.post("/v1/check")
def post_check() -> Response:
    """Check the CronJobs in the posted manifest text."""
    settings = state().settings
    fields = inputs.json_fields(FIELDS, required=("manifest",))
    manifest = inputs.text(fields, "manifest")
    after = inputs.instant(fields, "from")
    count = inputs.integer(fields, "count", 3, 0, settings.max_check_count)
    fields.raise_if_invalid()
    assert manifest is not None  # required, checked above

    # Read the documents first, so an oversized manifest is refused before
    # any schedule is expanded.
    try:
        documents = read_documents(manifest, SOURCE)
    except CronlabError as err:
        raise invalid([library_error("manifest", err)]) from err
    except (yaml.YAMLError, RecursionError) as err:
        # The YAML reader refuses some characters, and overflows the stack
        # on deep nesting, outside the library's translation to
        # ManifestError; answer as it would.
        message = (
            f"manifest is not readable YAML ({err.__class__.__name__}): {SOURCE!r}"
        )
        raise invalid([field_error("manifest", message)]) from err
    if not documents:
        # As in `cronlab check`: empty text is a mistake, not an empty fleet.
        message = f"manifest holds no YAML document: {manifest[:40]!r}"
        raise invalid([field_error("manifest", message)])
    objects = sum(1 for d in documents for _ in objects_of(d))
    if objects > settings.max_check_objects:
        message = (
            f"manifest must hold at most {settings.max_check_objects} "
            f"objects: {objects!r}"
        )
        raise invalid([field_error("manifest", message)])

    report = CheckReport()
    moment = after or inputs.now()
    check_documents(documents, moment, count, report)
    body: dict[str, Any] = {
        "from": utc_text(moment),
        "tzdata": TZDATA_VERSION,
        **report.to_dict(),
    }
    max_age = None if after is None else settings.cache_max_age
    return json_response(json_bytes(body), max_age=max_age)
