"""The API's endpoints, one module per part of Kring."""

from ninja import Query

from kring.core.forms import MAX_INTEGER_KEY

from ..core import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from ..problems import Problem

# Every operation documents its problem answers, so clients (and schemathesis) know them.
ERRORS = dict.fromkeys((400, 401, 403, 404, 422, 429), Problem)
WRITE_ERRORS = {**ERRORS, 409: Problem, 412: Problem}
# A change of an existing object must name the version it changes (If-Match or version).
UPDATE_ERRORS = {**WRITE_ERRORS, 428: Problem}
PK = {"ge": 1, "le": MAX_INTEGER_KEY}


def limit_param():
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel per pagina (1-100)")


def offset_param():
    return Query(0, ge=0, le=MAX_OFFSET, description="Hoeveel overslaan")
