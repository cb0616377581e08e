"""The REST API (django-ninja) over the apps below it.

The REST API (kring.api)

- **Tokens** (`models.ApiToken`): one user, one collective, scope `lezen` or `schrijven`, name,
  created, expires (30/90/365 days), last used (written at most once a minute), revoked. The
  secret (`kring_` + 256 random bits) is shown once on `/c/<slug>/api-tokens/`; only its
  SHA-256 is stored, with a short prefix to tell tokens apart. Read-write needs a buurtmaker or
  higher. `services.authenticate` checks the token *and the membership on every request* and
  builds the same `CollectiveAccess` the web views use from the role the person has now, so a
  removed member's token stops at once and a demoted buurtmaker's read-write token writes
  nothing. Creating and revoking are in the audit log; admins see every token of the collective.
- **Gemeente tokens**: an `ApiToken` has either a collective or a municipality (database check
  `api_token_one_scope`; a municipality token is always `lezen`). A municipality user makes and
  revokes their own on `/municipality/api-tokens/` (same template; audited with no collective).
  `authenticate` accepts it only while the user is active and still works for that very
  gemeente; it carries no `CollectiveAccess` (`TokenAccess.access` is None), so `access_of`
  answers 404 on every collective endpoint. `routes/municipality.py` (`/api/municipality/areas`,
  `/api/municipality/figures`) reads through `kring.impact.aggregates.municipality_figures`
  only (plus `socialvalue.social_values` on those figures), so sharing, suppression and
  rounding are the dashboard's; a collective token gets 403 (`core.municipality_user_of`).
  Years outside the dashboard's year list are 404, as is an unknown area.
- **Endpoints** (`api.py`, `routes/`): django-ninja at `/api/`, OpenAPI at `/api/openapi.json`,
  docs at `/api/docs` from our own template and `kring/static/vendor/swagger-ui` (npm
  `swagger-ui-dist`, `make vendor`; started by `api/docs.js`, no inline script). Every
  collective endpoint reads through the app selectors (`visible_assets`/`asset_list`,
  `resident_list`, `initiative_list`, `needs_of`, `connection_log`) and writes through the app
  forms and services (`AssetForm` + `create_asset`/`update_asset`, `ConnectionForm` +
  `record_connection`), so visibility, consent, validation, history, the search index and the
  audit log are the same as on the pages. Another collective's object is 404. Residents: only
  for buurtmakers and beheerders, only residents with the "inventaris" consent, without contact
  details; every resident returned gets one audit entry (`audit.record_many`, target the token,
  one insert per page; the detail uses `audit.record`). The public directory uses
  `kring.public.selectors` and needs no token.
- **HTTP**: `limit`/`offset` pages with `count`, `next`, `previous`; `ETag` on every 200 GET
  (hash of the body) and 304 for `If-None-Match`; `If-Match` on PATCH/DELETE gives 412 when the
  object moved on, a stale `version` gives 409; a PATCH with neither gives 428. With If-Match
  the version just read is compared again under the row lock, so a save in between is a 412
  too (`tests/api/test_if_match.py` reads every PATCH/PUT from the OpenAPI description); `Cache-Control: private, no-cache`,
  `Vary: Authorization`. Throttle: `KRING_API_RATE` requests a minute per token, counted in the
  cache of each web process; 429 with `Retry-After`. The public directory (no token) is not
  counted: behind a proxy every visitor would share one address.
- **Errors** (`problems.py`): every error under `/api/` (400/401/403/404/409/412/413/415/422/428/429/500) is RFC 9457 problem
  details
  (`application/problem+json`) with Dutch `title` and `detail`; input errors list
  `errors: [{field, message}]`, from pydantic (messages translated per error type and per
  pattern, `formats.MESSAGES`) or from the Django form. `ApiProblemMiddleware` is the first
  middleware: whatever a later layer answers under `/api/` with a status of 400 or more and no
  problem details (an unknown address 404, ninja's 405, the odd-bytes 400, a wrong `Host`, a
  CSRF 403, a 500 from a view or from any middleware) leaves as problem details, keeping the
  other layers' headers (security headers, CSP, `Allow`). It refuses a body larger than
  `DATA_UPLOAD_MAX_MEMORY_SIZE` with 413 before anything reads it. Bodies are JSON sent as
  `application/json` (`core.JsonOnly`, ninja's parser): any other content type is 415, since the
  odd-bytes check reads only JSON.
- **The OpenAPI description is as strict as the server** (`openapi.finish`, the one place the
  generated description is finished; `schemas.py`, `formats.py`): a new asset's body is one of
  six schemas chosen by `category` (discriminator), each with the fields of that category and
  what it requires (a gift: `resident_id`, `gift_kind`, never `openbaar`; an institution:
  `institution_type`; a story: a non-empty `description`); unknown fields are refused
  (`additionalProperties: false`). Required text must hold something besides spaces
  (`NOT_BLANK`, the white space Python's `strip` removes); no text may hold a NUL (`NO_NUL`);
  buurt and gemeente codes, slugs and web addresses (with `https://`) have patterns the server
  checks with the same expression. Numbers are JSON numbers (not `"7"` or `true`; `7.0` is an
  integer, as in JSON Schema); latitude and longitude come as a pair (`anyOf`). A reference to
  another row (`resident_id`, `asset_id`, `initiative_id`, `buurt`, …) has the right shape in the
  schema; that the row is the collective's own the server checks, and refuses another
  collective's (or an unknown) row with 422 naming the field, without saying whether it exists:
  each such field says so in its description. What depends on the stored object cannot be in a
  schema and is documented instead: a PATCH cannot empty what the asset's category requires
  (422), a stale `version` is 409. Every operation documents its error answers as problem
  details, also 400, 413 and 415 (operations with a body), 500 and a `default` for the rest
  (405).
- **Tests** (`tests/api/`): the round trip and isolation, scopes and roles, revoked and expired
  tokens, residents and consent, ETag/304/412, pagination and filters, constant query counts,
  429, the token page; `test_schema.py` runs schemathesis in-process through Django's WSGI
  handler over every operation with *all* its checks (positive and negative data, its coverage
  phase, derandomised, 5 examples per operation and mode; `KRING_SCHEMATHESIS_EXAMPLES` for
  more), with a read-write token of a seeded collective: no 500; status codes, content types,
  headers and bodies match the schema; schema-valid input is accepted and schema-violating
  input refused; no token gives 401 and an unknown method 405 with `Allow`. Valid generated
  references are aimed at the seeded collective's rows so valid data can be accepted.
  `test_problems.py`: each error status as problem details (also from the layers in front of
  the API) and one test per disagreement schemathesis found.
  `tests/test_isolation.py` walks the API with the outsider's own read-write token (the
  municipality user with a gemeente token). `tests/api/test_municipality.py`: gemeente tokens,
  figures equal to the dashboard, every area, another gemeente, 403/404 walls, ETag, audit;
  `tests/impact/test_no_resident_data.py` walks the gemeente API for resident data and checks a
  withdrawal through the API; schemathesis runs the gemeente operations with a gemeente token.
"""
