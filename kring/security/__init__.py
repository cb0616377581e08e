r"""Log-in protection: lock-out, the second log-in step, media served as downloads.

Security (kring.security)

- **Passwords** are hashed with Argon2. **Log-in throttling** is django-axes: after
  `KRING_LOGIN_FAILURE_LIMIT` (5) wrong passwords for one e-mail address (lower-cased) from one IP
  address, that combination is locked for `KRING_LOGIN_LOCKOUT_MINUTES` (15); others on the same
  network and the same person elsewhere can still log in. The lock-out page (status 429, Dutch B1)
  says when to try again and links to password reset; a successful log-in and a new password from
  the reset link (`security.views.PasswordResetConfirmView`) lift it. The admin's log-in is counted
  too. `X-Forwarded-For` is believed only from proxies listed in `KRING_TRUSTED_PROXIES`
  (empty: the socket's address counts), so nobody dodges the count by inventing addresses.
- **Forgotten password** (`/password/reset/`, `kring.security.password_reset`, views in
  `security/views.py`, templates `security/password_reset/` and `security/mail/`): ask, mail,
  new password, done, Kring's own pages and mail in Dutch and English (the mail in the
  language of the ask). Every well-formed address gets the same answer, and the mail is made
  and sent by a background task (`security.tasks.send_password_reset`, the mail in
  `reset_mail.py`), so a known address is
  not slower to answer either. Limits, counted per hour in the cache: asks from one visitor's
  address (`KRING_PASSWORD_RESET_ASKS_PER_HOUR`; then a 429 page asks to wait) and mails to one
  e-mail address (`KRING_PASSWORD_RESET_MAILS_PER_HOUR`; more are silently not sent). The link
  works `KRING_PASSWORD_RESET_HOURS` (24) and once. The templates have their own names, not
  Django's `registration/…`, which the admin app (installed first) would otherwise supply.
- **Public forms** (a collective's sign-up, the contact form on a member's profile) share two
  pieces: `rate.py` counts asks per visitor's address or e-mail address in the shared cache
  (keys hashed, so the cache holds no addresses), and `honeypot.py` with
  `security/_honeypot.html` is a field people never see; a robot that fills it gets the same
  answer as a person and nothing is stored or sent.
- **Second log-in step (TOTP).** We use **django-otp** with its TOTP plugin rather than pyotp with
  a model of our own: django-otp is well kept, and gives us tested TOTP devices with drift,
  refusal of a code used before (`last_t`), growing delays after wrong codes (throttling) and
  `request.user.is_verified()` through its middleware. Its static-token plugin stores recovery
  codes as plain text, so recovery codes are our own django-otp device (`RecoveryCodeDevice`):
  ten codes of 60 random bits, shown once, stored as keyed SHA-256 (HMAC with the secret key),
  each usable once. Enrolment (`/account/two-factor/`): the secret is kept in the session until a
  code confirms it; the QR code is SVG made on the server with segno (no script, no other host),
  with the secret typed out beside it. Log-in: password first, then `TwoFactorMiddleware` sends
  whoever has a confirmed device to `/login/code/` (or `/login/recovery/` with a recovery code)
  and lets nothing else through except log-out, language, password reset and the accessibility
  statement. With `KRING_REQUIRE_2FA` (on when `KRING_DEBUG=false`; `make demo` and the test
  suite switch it off) beheerders, municipality users, network editors and installation admins
  who have no device are sent to enrolment first. Turning it off or making new recovery codes
  needs a code. Enrolment, new recovery codes, a recovery code used and switching off are written
  to the audit log (without a collective).
- **Headers** on every answer, pages, downloads and error pages alike: CSP (django-csp, nothing
  inline, nothing from another host), `Permissions-Policy` (django-permissions-policy: camera,
  microphone, geolocation, payment, usb and other unused features off; the map does not use
  geolocation), `Referrer-Policy: same-origin`, `Cross-Origin-Opener-Policy: same-origin`,
  `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` (early in the middleware, so a
  wrong-Host 400 has it too); HSTS and secure cookies in production. `check --deploy` is clean.
- **Addresses no mail reaches** (`kring/core/mailaddress.py`, `kring/core/checks.py`): a
  deploy check (`check --deploy`, ids `kring.E001`–`E004`) refuses `DEFAULT_FROM_EMAIL` (every
  mail's sender, newsletters included), `SERVER_EMAIL`, `KRING_NETWORK_EMAIL` and
  `KRING_ACCESSIBILITY_EMAIL` at localhost, a bare host name or IP address, or a domain reserved
  for examples and tests (RFC 2606/6761). The public site never shows such a network address:
  the demo's `nieuwsbrief@localhost` makes the "mail us to subscribe" line disappear.
- **Redirects** only go where `url_has_allowed_host_and_scheme` allows: Django's log-in, log-out
  and language switch, and our own `safe_next()` for the second step. A test sends
  `//evil.example`, `https://evil.example`, `\\evil.example`, `/\evil.example`, `javascript:`
  and others to each, and a test greps `kring/` for a redirect built from the request's GET, POST or META
  values.
- **Nothing inline, everything escaped.** `tests/security/test_pages_are_safe.py` fills every text
  field of every model with hostile text (script tags, `onerror=`, `{{7*7}}`, RTL override, very
  long words; rich text through the sanitiser as on save), walks every page as a user who may see
  it and parses the HTML: no `<script>` without `src` (JSON data blocks excepted), no `<style>`,
  no `style=`, no `on*=` handlers, no `javascript:` URLs, and the hostile text shown escaped. The
  PDF export prints it as text; the CSV exports keep it as text and neutralise formulas.
- **Uploads** (logo and its draft, story picture, article image, editors' images, academy
  picture, publication PDF, and the
  superuser's CBS region file in the admin; tests list every `FileField` and every view that
  reads the request's uploaded files, and fail on a new one until its checks are added): pictures are read
  by content with Pillow (JPEG, PNG, WEBP only; so never SVG or HTML), limited in bytes
  (`KRING_MAX_IMAGE_BYTES`) and pixels (40 million, checked before decoding), and re-encoded,
  which drops metadata such as GPS; publications must start with `%PDF-` and stay under
  `KRING_MAX_PUBLICATION_BYTES`, and are downloaded as attachments. In the demo `/media/` is
  served by `security.media.serve_media`: only JPEG/PNG/WEBP inline, anything else as
  `application/octet-stream` with `Content-Disposition: attachment`, always with `nosniff` and a
  sandboxing CSP. Production serves `var/media` from the web server with the same rules (README).
  The region file must be JSON text before it is kept (outside MEDIA, in
  `KRING_IMPORT_ROOT/regions/`, at most `KRING_IMPORT_KEEP_HOURS`), parse as a CBS GeoJSON in
  the background check before anything is stored, and be at most `KRING_REGIONS_MAX_BYTES`
  (500 MB by default). Files inside a
  moving archive (`import_collective`, a command for the installation admin, not a web upload)
  are not re-encoded on the way in. Files Kring makes itself and keeps in MEDIA (the impact
  reports) get a random part in their name, since a web server serving `var/media` does not
  check who asks; they are downloaded through the view that does.
- Tests: `tests/security/`, and `tests/e2e/test_two_factor.py` in the browser.
"""
