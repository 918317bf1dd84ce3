# SSE Academy: `make run` serves the site, `make test` runs every test.
# Both set up what they need on a fresh Debian machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
# pip-tools writes the lock file; pinned so `make lock` gives the same output everywhere.
PIP_TOOLS := pip-tools==7.7.0
export ACADEMY_INSTANCE_PATH ?= $(CURDIR)/instance

.PHONY: lock run test credential-key lint format translations compile-translations system-deps test-system-deps fonts bench clean

# Every package, direct and transitive, comes pinned and hashed from the lock file;
# the project itself is then installed without resolving anything.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Refresh the lock file from pyproject.toml on purpose, then prove it with the whole suite.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$(PIP_TOOLS)"
	$(BIN)/pip-compile --quiet --upgrade --extra test --all-build-deps --generate-hashes \
	  --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml
	$(MAKE) test

instance/secret_key:
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(48))" > $@
	chmod 600 $@

compile-translations: $(STAMP)
	$(BIN)/pybabel compile -d translations --statistics

# The first key that signs the certificates' credentials, made once, outside the
# repository (instance/ is ignored); `academy keys rotate` replaces it later.
credential-key: $(STAMP)
	@ls "$${ACADEMY_CREDENTIAL_KEYS_DIR:-$(ACADEMY_INSTANCE_PATH)/keys}"/*.private.pem >/dev/null 2>&1 || \
	  $(BIN)/academy keys generate

run: $(STAMP) instance/secret_key credential-key compile-translations fonts
	$(BIN)/academy db upgrade
	@if ls courses/*/course.yaml >/dev/null 2>&1; then $(BIN)/academy courses import courses/; fi
	@echo
	@echo "SSE Academy is starting on http://127.0.0.1:5000"
	@echo "Create the first admin in another terminal with:"
	@echo "  $(BIN)/academy users create --email you@example.org --name \"Your Name\" --role admin"
	@echo
	@if [ "$$ACADEMY_ENV" = production ]; then \
	  exec $(BIN)/gunicorn -c python:academy.gunicorn_config --workers 2 --bind 127.0.0.1:5000 wsgi:app; \
	else \
	  exec $(BIN)/academy run --host 127.0.0.1 --port 5000; \
	fi

# Debian packages the tests drive: Chromium for browser tests, PostgreSQL
# for the database tests, poppler's pdftotext to read certificate PDFs, nginx
# and Redis for the deployment test (tests/deployment). nginx is looked for in
# /usr/sbin too, which a non-root PATH may lack. Installed only when missing,
# and only as root.
test-system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	PATH="$$PATH:/usr/sbin:/sbin" command -v nginx >/dev/null 2>&1 || missing="$$missing nginx"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing (run as root, or install them)"; exit 1; \
	  fi; \
	fi

# Noto fonts the certificate PDFs print every script with (Latin, Arabic,
# CJK). Installed only when missing, and only as root.
fonts:
	@missing=""; \
	fc-list 2>/dev/null | grep -q "NotoSans-Regular" || missing="$$missing fonts-noto-core"; \
	fc-list 2>/dev/null | grep -q "NotoSansArabic" || missing="$$missing fonts-noto-core"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	missing="$$(echo $$missing | tr ' ' '\n' | sort -u | tr '\n' ' ')"; \
	if [ -n "$${missing% }" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing $$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages: $$missing(run as root, or install them)"; exit 1; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# One pytest-xdist worker per core: each starts its own PostgreSQL, live server
# and Chromium, so tests share nothing but the files they read.
PYTEST_WORKERS ?= auto

test: $(STAMP) test-system-deps fonts compile-translations lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

translations: $(STAMP)
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l -k lazy_gettext --add-comments=TRANSLATORS: \
	  --sort-by-file --project="SSE Academy" --copyright-holder="SSE Academy contributors" \
	  -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(MAKE) compile-translations

bench: $(STAMP) test-system-deps compile-translations
	@command -v wrk >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) || true
	$(BIN)/python -m pytest tests/benchmarks -q -s -o python_files="bench_*.py" -o python_functions="bench_*"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find translations -name '*.mo' -delete
