"""The OpenAPI description, finished in one place: ninja writes it from the routes and
schemas; here every error answer is declared as problem details (RFC 9457), also the ones
Kring gives before an endpoint runs (odd bytes 400, a body too large 413, a body that is not
JSON 415, a method the address does not have 405, a server error 500), and the operations get
their titles in the reader's language."""

from .formats import NO_NUL
from .problems import PROBLEM_TYPE, TITLES

PROBLEM_SCHEMA = {"$ref": "#/components/schemas/Problem"}
WITH_BODY = ("post", "put", "patch")


def _problem(description) -> dict:
    return {"description": str(description), "content": {PROBLEM_TYPE: {"schema": PROBLEM_SCHEMA}}}


def _before_the_endpoint(method: str) -> dict:
    """The answers any operation can get from the layers in front of it."""
    answers = {"400": TITLES[400], "500": TITLES[500]}
    if method in WITH_BODY:
        answers.update({"413": TITLES[413], "415": TITLES[415]})
    return answers


def finish(schema: dict, *, summaries: dict) -> dict:
    schema["info"]["description"] = str(schema["info"]["description"])
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            name = operation.get("operationId", "").rsplit(".", 1)[-1]
            for view_name, summary in summaries.items():
                if name.endswith("_" + view_name):
                    operation["summary"] = str(summary)
            # Ninja keys the answers by number, the additions below by text: one key each, or
            # the JSON gets the same key twice (which YAML readers such as Swagger UI refuse).
            responses = {
                str(code): answer for code, answer in operation.get("responses", {}).items()
            }
            operation["responses"] = responses
            for code, answer in responses.items():
                content = answer.get("content", {})
                if int(code) >= 400 and "application/json" in content:
                    content[PROBLEM_TYPE] = content.pop("application/json")
                    answer["description"] = str(TITLES.get(int(code), answer["description"]))
            for code, title in _before_the_endpoint(method).items():
                responses.setdefault(code, _problem(title))
            # Any other error (such as 405 for a method the address does not have).
            responses["default"] = _problem(TITLES["default"])
            if method in ("patch", "put"):
                _version_named(schema, operation)
    return schema


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "De ETag die u bij het ophalen kreeg. Is het object intussen gewijzigd: 412.",
    "schema": {"type": "string", "pattern": NO_NUL},
}


def _version_named(schema: dict, operation: dict) -> None:
    """A change names the version it changes: the ETag as If-Match, or the body's ``version``.
    JSON Schema cannot say "one of a header and a field", so the description makes ``version``
    required and says that If-Match may take its place; a request with neither is 428."""
    parameters = operation.setdefault("parameters", [])
    if not any(p.get("in") == "header" and p.get("name") == "If-Match" for p in parameters):
        parameters.append(IF_MATCH)
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = body.get("schema", {}).get("$ref", "")
    component = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1])
    if not component or "version" not in component.get("properties", {}):
        return
    required = component.setdefault("required", [])
    if "version" not in required:
        required.append("version")
    version = component["properties"]["version"]
    # Optional in the code (If-Match may take its place): drop the "or null".
    number = [v for v in version.pop("anyOf", []) if v.get("type") != "null"]
    if number:
        version.update(number[0])
    version["description"] = (
        "De versie die u ophaalde. Verplicht, tenzij u de ETag als If-Match meestuurt."
    )
