"""The error bodies of the JSON API and the statuses each operation documents.

Every refusal is JSON with a `detail` sentence (see the handlers in `core/api.py`); a 422 adds one
message per field. `responses()` puts them in the OpenAPI document beside the success schema, so a
client (and schemathesis in the tests) sees every status an operation can answer.
"""

from ninja import Schema

# 400: a NUL character or a body that is not JSON; 401: no valid token or session; 403: the
# account may not do this; 404: no such record (or not one the caller may see); 422: a parameter
# or field is not valid.
ERROR_STATUSES = {400, 401, 403, 404, 422}


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    field: str | None
    message: str


class InvalidOut(ErrorOut):
    errors: list[FieldError]


def responses(ok, *errors: int) -> dict:
    """The `response=` of an operation: `ok` for 200 and the error body of each status in `errors`.

    400 is always listed: any request may carry a NUL character or a body that is not JSON
    (`core.params.RefuseNulCharacters`, ninja's parser)."""
    unknown = set(errors) - ERROR_STATUSES
    if unknown:
        raise ValueError(f"No error body is defined for {sorted(unknown)}")
    codes = sorted({400, *errors})
    return {200: ok, **{code: InvalidOut if code == 422 else ErrorOut for code in codes}}
