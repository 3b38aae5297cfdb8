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


# --- 422: each field's error in the GOV.UK pattern ---
# pydantic's own messages ("Field required", "Input should be a valid integer") say neither which
# field nor how to put it right; these name the field (as words, and by its key in `field`) and say
# what it must be, keyed by pydantic's error type.

_SHOUTED = {"vat", "cpv", "ocid", "ppon", "sme", "vcse", "id", "url", "uk2", "kpi"}
DATE_EXAMPLE = "in the form YYYY-MM-DD, like 2027-03-27"


def field_words(location: tuple) -> str:
    """The field a pydantic error is about, in words: ("body", "changes", "staff_headcount") →
    "staff headcount"; a list's item is "sectors item 2"."""
    named = [part for part in location[1:] if isinstance(part, str)]
    # The first part of a body's location is the operation's parameter name, not a field.
    if location[:1] == ("body",) and len(named) > 1:
        named = named[1:]
    if not named:
        return "the request body" if location[:1] == ("body",) else "the value"
    words = " ".join(
        word.upper() if word in _SHOUTED else word
        for word in named[-1].replace("-", "_").split("_")
    )
    positions = [part for part in location if isinstance(part, int)]
    if positions:
        words += f" item {positions[-1] + 1}"
    return words


def field_path(location: tuple) -> str | None:
    """The field a pydantic error is about, as the request names it: a query parameter's name, or
    a body field's path inside the body ("sectors.1"), the same keys the form checks report."""
    parts = location[2:] if location[:1] == ("body",) else location[1:]
    return ".".join(str(part) for part in parts) or None


def _limit(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def field_message(error: dict) -> str:
    """One pydantic error as a message that names the field and says how to fix it."""
    name = field_words(tuple(error.get("loc", ())))
    label = name[:1].upper() + name[1:]
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    dated = any(hasattr(value, "isoformat") for value in context.values())
    if kind == "missing":
        return f"Enter {name}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{label} must be a whole number, like 10"
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return f"{label} must be a number, like 25000"
    if kind in ("bool_parsing", "bool_type"):
        return f"{label} must be true or false"
    if kind.startswith("datetime"):
        return f"{label} must be a real date and time, like 2027-03-27T14:30:00Z"
    if kind.startswith("date"):
        return f"{label} must be a real date {DATE_EXAMPLE}"
    if kind in ("string_type", "str_type"):
        return f"{label} must be text, in quotes"
    if kind == "string_too_long":
        return f"{label} must be {context.get('max_length')} characters or fewer"
    if kind == "string_too_short":
        return f"{label} must be {context.get('min_length')} characters or more"
    if kind == "string_pattern_mismatch":
        return f"Enter {name} in the correct format"
    if kind == "greater_than_equal":
        if dated:
            return f"{label} must be on or after {_limit(context.get('ge'))}"
        return f"{label} must be {_limit(context.get('ge'))} or more"
    if kind == "greater_than":
        return f"{label} must be {'after' if dated else 'more than'} {_limit(context.get('gt'))}"
    if kind == "less_than_equal":
        if dated:
            return f"{label} must be on or before {_limit(context.get('le'))}"
        return f"{label} must be {_limit(context.get('le'))} or less"
    if kind == "less_than":
        return f"{label} must be {'before' if dated else 'less than'} {_limit(context.get('lt'))}"
    if kind in ("literal_error", "enum"):
        return f"{label} must be {context.get('expected')}"
    if kind in ("list_type", "set_type", "tuple_type"):
        return f'{label} must be a list, like ["a", "b"]'
    if kind == "too_long":
        return f"{label} must have {context.get('max_length')} items or fewer"
    if kind == "too_short":
        return f"{label} must have at least {context.get('min_length')} items"
    if kind == "decimal_max_digits":
        return f"{label} must have {context.get('max_digits')} digits or fewer"
    if kind == "decimal_max_places":
        return f"{label} must have {context.get('decimal_places')} decimal places or fewer"
    if kind == "decimal_whole_digits":
        return f"{label} must have {context.get('whole_digits')} digits or fewer before the point"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f'{label} must be a JSON object, like {{"name": "value"}}'
    if kind == "json_invalid":
        return "The request body must be valid JSON"
    if kind == "extra_forbidden":
        return f"{label} is not a field of this request: leave it out"
    message = str(error.get("msg") or "is not valid").removeprefix("Value error, ")
    return f"{label}: {message[:1].lower()}{message[1:]}"
