"""The OpenAPI description, finished in one place: ninja writes it from the routes and
schemas; here every error answer is declared as problem details (RFC 9457), also the ones
Kring gives before an endpoint runs (odd bytes 400, a body too large 413, a body that is not
JSON 415, a method the address does not have 405, a server error 500), and the operations get
their titles in the reader's language."""

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
            responses = operation.setdefault("responses", {})
            for code, answer in responses.items():
                content = answer.get("content", {})
                if int(code) >= 400 and "application/json" in content:
                    content[PROBLEM_TYPE] = content.pop("application/json")
                    answer["description"] = str(TITLES.get(int(code), answer["description"]))
            for code, title in _before_the_endpoint(method).items():
                responses.setdefault(code, _problem(title))
            # Any other error (such as 405 for a method the address does not have).
            responses["default"] = _problem(TITLES["default"])
    return schema
