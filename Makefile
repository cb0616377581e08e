# Kring. The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: two cores here, so two workers.
WORKERS ?= 2

.PHONY: demo serve lexicon test test-fast e2e bench lint import-graph format messages vendor lock clean install install-dev browser check-deploy audit

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Runtime dependencies from the lock file, then Kring itself without touching the pins.
$(VENV)/.installed: $(PY) requirements.lock pyproject.toml
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# KRING_DEBUG is off unless asked for; the demo asks (and with it gets the demo's keys).
# Demo log-ins work without a phone: the second log-in step is not required in the demo.
demo serve: export KRING_DEBUG ?= true
demo serve: export KRING_REQUIRE_2FA ?= false
demo: install
	mkdir -p var
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_demo
	@$(MAKE) --no-print-directory serve

# Serve what is in the database (the demo after `make demo`) without building it again.
serve: install
	mkdir -p var
	$(PY) manage.py migrate --no-input -v0
	@# The audit log's heads are written outside the database every hour by the worker.
	$(PY) manage.py anchor_audit_chain --enqueue
	@# The academy's reminders before a meeting: the worker looks every few minutes.
	$(PY) manage.py send_meeting_reminders --enqueue
	@echo "Kring runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@# The background worker runs beside the web server and stops with it.
	$(PY) manage.py db_worker >var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Debian's packages the tests use, installed only when missing: Chromium for the browser tests
# (a browser download does not work everywhere), gettext for the translation check, and Redis
# and HAProxy for the test of two app nodes behind a proxy (tests/multinode).
DEBIAN_TEST_PACKAGES := chromium gettext redis-server haproxy
browser:
	@command -v chromium >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 \
	  && command -v redis-server >/dev/null 2>&1 \
	  && { command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy; } || { \
	  echo "Installing Debian packages $(DEBIAN_TEST_PACKAGES) ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_TEST_PACKAGES) >/dev/null; }

# The lexicon of related words (kring/matching/data/lexicon.json, committed) is made from these
# Debian packages; `make lexicon` makes it again (see kring/matching/build_lexicon.py).
DEBIAN_LEXICON_PACKAGES := dict-freedict-nld-eng dict-freedict-eng-nld wordnet-base \
  dict-freedict-nld-bul dict-freedict-nld-ell dict-freedict-nld-fin dict-freedict-nld-ind \
  dict-freedict-nld-ita dict-freedict-nld-lat dict-freedict-nld-lit dict-freedict-nld-pol \
  dict-freedict-nld-por dict-freedict-nld-rus dict-freedict-nld-spa dict-freedict-nld-swe
lexicon: install-dev
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_LEXICON_PACKAGES) >/dev/null
	$(PY) -m kring.matching.build_lexicon

test: install-dev browser
	$(PY) -m pytest -n $(WORKERS) --create-db $(PYTEST_ARGS)

# Without the browser tests, for a quick loop while working.
test-fast: install-dev
	$(PY) -m pytest -n $(WORKERS) -m "not e2e" $(PYTEST_ARGS)

e2e: install-dev browser
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

# make bench BENCH_BASELINE=main: the load benchmark also serves that version's code (a copy in
# var/) in the same run and prints the CPU per request of both, before and after.
bench: install-dev
ifneq ($(BENCH_BASELINE),)
	rm -rf var/bench-baseline && mkdir -p var/bench-baseline
	git archive $(BENCH_BASELINE) | tar -x -C var/bench-baseline
	KRING_BENCH_LOAD_BASELINE_CODE=var/bench-baseline $(PY) -m bench $(BENCH_ARGS)
else
	$(PY) -m bench $(BENCH_ARGS)
endif

lint: install-dev
	$(VENV)/bin/ruff check kring tests bench
	$(VENV)/bin/ruff format --check kring tests bench
	$(VENV)/bin/lint-imports

# The apps as an import graph: edges, pairs that import each other, cycles, function-local imports.
import-graph: install-dev
	$(PY) -m tests.import_graph $(GRAPH_ARGS)

format: install-dev
	$(VENV)/bin/ruff check --fix kring tests bench
	$(VENV)/bin/ruff format kring tests bench

# Extract Dutch source strings and compile the English catalogue; both files are committed.
messages: install-dev
	cd kring && ../$(PY) ../manage.py makemessages -l en --no-obsolete --no-location --ignore 'static/vendor/*'
	cd kring && ../$(PY) ../manage.py makemessages -d djangojs -l en --no-obsolete --no-location --ignore 'static/vendor/*'
	cd kring && ../$(PY) ../manage.py compilemessages -l en

# Build the browser libraries from the npm registry into static/vendor (committed).
vendor:
	cd frontend && npm ci --no-audit --no-fund
	mkdir -p kring/static/vendor/htmx tests/e2e/vendor
	cp frontend/node_modules/htmx.org/dist/htmx.min.js kring/static/vendor/htmx/
	cp frontend/node_modules/htmx.org/LICENSE kring/static/vendor/htmx/LICENSE
	mkdir -p kring/static/vendor/leaflet/images kring/static/vendor/quill
	@# Source maps come along: the built files refer to them, and collectstatic checks references.
	cp frontend/node_modules/leaflet/dist/leaflet.js frontend/node_modules/leaflet/dist/leaflet.js.map frontend/node_modules/leaflet/dist/leaflet.css kring/static/vendor/leaflet/
	cp frontend/node_modules/leaflet/dist/images/*.png kring/static/vendor/leaflet/images/
	cp frontend/node_modules/leaflet/LICENSE kring/static/vendor/leaflet/LICENSE
	cp frontend/node_modules/quill/dist/quill.js frontend/node_modules/quill/dist/quill.js.map frontend/node_modules/quill/dist/quill.snow.css frontend/node_modules/quill/dist/quill.snow.css.map kring/static/vendor/quill/
	cp frontend/node_modules/quill/LICENSE kring/static/vendor/quill/LICENSE
	mkdir -p kring/static/vendor/sigma
	cd frontend && npx esbuild sigma-bundle.js --bundle --minify --format=iife --legal-comments=none --outfile=../kring/static/vendor/sigma/sigma-graphology.min.js
	cp frontend/node_modules/sigma/LICENSE.txt kring/static/vendor/sigma/LICENSE-sigma
	cp frontend/node_modules/graphology/LICENSE.txt kring/static/vendor/sigma/LICENSE-graphology
	mkdir -p kring/static/vendor/swagger-ui
	cp frontend/node_modules/swagger-ui-dist/swagger-ui-bundle.js frontend/node_modules/swagger-ui-dist/swagger-ui.css frontend/node_modules/swagger-ui-dist/swagger-ui.css.map kring/static/vendor/swagger-ui/
	cp frontend/node_modules/swagger-ui-dist/LICENSE kring/static/vendor/swagger-ui/LICENSE
	cp frontend/node_modules/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt kring/static/vendor/swagger-ui/
	cp frontend/node_modules/axe-core/axe.min.js tests/e2e/vendor/
	cp frontend/node_modules/axe-core/LICENSE tests/e2e/vendor/axe-core-LICENSE

# Re-pin the lock files from pyproject.toml: resolve in a throw-away virtualenv and freeze it.
lock:
	rm -rf var/lockenv && $(PYTHON) -m venv var/lockenv && var/lockenv/bin/pip install --quiet --upgrade pip
	var/lockenv/bin/pip install --quiet .
	var/lockenv/bin/pip freeze --exclude kring > requirements.lock
	var/lockenv/bin/pip install --quiet '.[dev]'
	var/lockenv/bin/pip freeze --exclude kring > requirements-dev.lock
	rm -rf var/lockenv

# Production settings as an installation would give them; Kring refuses to run with a sender or
# network address at localhost or at a domain reserved for examples (kring/core/checks.py).
check-deploy: install
	KRING_DEBUG=false KRING_SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-string-for-django \
	  KRING_AUDIT_KEY=check-deploy-audit-$$(date +%s)-another-long-random-string \
	  KRING_ALLOWED_HOSTS=kring.example.org \
	  KRING_DEFAULT_FROM_EMAIL="Kring <kring@lsabewoners.nl>" KRING_NETWORK_EMAIL=nieuwsbrief@lsabewoners.nl \
	  KRING_ACCESSIBILITY_EMAIL=toegankelijkheid@lsabewoners.nl \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Known vulnerabilities in the locked dependencies, asked of PyPI's advisory service. Found ones
# fail; when the service cannot be reached the audit says it did not run, and does not fail.
audit: install-dev
	@mkdir -p var
	@$(VENV)/bin/pip-audit -r requirements-dev.lock --no-deps --disable-pip --progress-spinner off \
	  >var/audit.log 2>&1; status=$$?; grep -v "^WARNING" var/audit.log | grep -v "could not be audited"; \
	  if grep -q "Found [0-9]* known vulnerabilit" var/audit.log; then exit 1; fi; \
	  skipped=$$(grep -c "could not be audited" var/audit.log); \
	  if [ "$$skipped" -gt 0 ] || [ $$status -ne 0 ]; then \
	    echo "pip-audit could not check $$skipped packages: the vulnerability service did not answer for them. The audit did not run completely (see var/audit.log)."; \
	  else echo "pip-audit: no known vulnerabilities in requirements-dev.lock"; fi

clean:
	rm -rf $(VENV) var/static
