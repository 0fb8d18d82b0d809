#!/usr/bin/env bash
# Idempotent set-up of a fresh machine: a project virtualenv with every Python dependency and,
# for the browser tests, Debian's Chromium and PostgreSQL; Tesseract and its headers for OCR. Safe to run
# again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

# The briefing PDF's font (DejaVu Sans: € and umlauts) and poppler-utils, with which the tests
# render each briefing page to an image and read its text (pdftoppm, pdftotext).
missing_debs=""
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing_debs="$missing_debs fonts-dejavu-core"
command -v pdftotext >/dev/null 2>&1 || missing_debs="$missing_debs poppler-utils"
# Tesseract with its German model: scanned PDFs without a text layer are read by OCR (issue 16).
command -v tesseract >/dev/null 2>&1 || missing_debs="$missing_debs tesseract-ocr"
if ! tesseract --list-langs 2>/dev/null | grep -qx deu; then
  missing_debs="$missing_debs tesseract-ocr-deu"
fi
# tesserocr reads in process and is built against this Tesseract (its headers, a C++ compiler):
# PyPI's wheel brings another Tesseract, whose readings would not be the cached ones.
[ -f /usr/include/tesseract/baseapi.h ] || missing_debs="$missing_debs libtesseract-dev"
[ -f /usr/include/leptonica/allheaders.h ] || missing_debs="$missing_debs libleptonica-dev"
command -v g++ >/dev/null 2>&1 || missing_debs="$missing_debs g++"
command -v pkg-config >/dev/null 2>&1 || missing_debs="$missing_debs pkg-config"
if [ -n "$missing_debs" ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing_debs >/dev/null
  else
    echo "Missing Debian packages:$missing_debs (run 'sudo apt-get install$missing_debs')." >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall when the project definition or its set of packages changes: an editable install
# maps only the packages that existed when it ran.
stamp=.venv/.installed-$( (cat pyproject.toml; find pipelines warehouse dashboards -name __init__.py | sort) | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install --quiet --upgrade pip
  PIP_NO_BINARY=tesserocr .venv/bin/pip install --quiet -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The production-instance tests run a real PostgreSQL server (Debian's, started per test run on a
# free loopback port by tests/orchestration/conftest.py).
if [ "${1:-}" = "--with-browser" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is missing: run 'sudo apt-get install postgresql' for the production-instance tests." >&2
  fi
fi

if [ "${1:-}" = "--with-browser" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests." >&2
  fi
fi

# Node.js and npm from Debian when missing (as root only): the tests' npm packages and the
# second OCR model come from npm.
install_npm() {
  if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
}

# The reviewer sign-in tests run a real OpenID Connect provider (npm oidc-provider) on loopback:
# Node.js from Debian when missing, the package pinned by tests/oidc/package-lock.json.
if [ "${1:-}" = "--with-browser" ]; then
  install_npm
  if command -v npm >/dev/null 2>&1 && [ ! -f tests/oidc/node_modules/oidc-provider/package.json ]; then
    npm ci --prefix tests/oidc --no-audit --no-fund --silent
  fi
fi

# axe-core (accessibility rules) for the browser tests, pinned by tests/browser/axe/package-lock.json;
# reinstalled only when the lock file changes.
if [ "${1:-}" = "--with-browser" ]; then
  install_npm
  axe_dir=tests/browser/axe
  axe_stamp=$axe_dir/node_modules/.installed-$(sha256sum "$axe_dir/package-lock.json" | cut -c1-16)
  if command -v npm >/dev/null 2>&1 && [ ! -f "$axe_stamp" ]; then
    (cd "$axe_dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$axe_stamp"
  elif ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: run 'sudo apt-get install nodejs npm' for the accessibility tests." >&2
  fi
fi

# A second German model for scans the first reading leaves unsure (issue 16): Tesseract's
# "best" LSTM network (integer), from npm's @tesseract.js-data/deu, pinned by its sha256. Debian
# ships only the "fast" network; the bigger one misreads other words, so it reads a scan again
# where the first reading held it for review (README, "OCR of scanned PDFs").
second_model=.venv/share/aqb/tessdata_best/deu.traineddata
if [ ! -f "$second_model" ]; then
  if [ "${1:-}" = "--with-browser" ]; then install_npm; fi
  if command -v npm >/dev/null 2>&1; then
    pack_dir=$(mktemp -d)
    pack=$pack_dir/tesseract.js-data-deu-1.0.0.tgz
    pinned=929782d1d505ae09a568c41f2ea73182e84bb323205340abd72654584cd27b2c
    if npm pack --silent --pack-destination "$pack_dir" @tesseract.js-data/deu@1.0.0 >/dev/null &&
      echo "$pinned  $pack" | sha256sum --check --quiet; then
      tar -xzf "$pack" -C "$pack_dir" package/4.0.0_best_int/deu.traineddata.gz
      mkdir -p "$(dirname "$second_model")"
      gunzip -c "$pack_dir/package/4.0.0_best_int/deu.traineddata.gz" > "$second_model.part"
      mv "$second_model.part" "$second_model"
    else
      echo "The second OCR model could not be fetched or differs from its pinned hash: scans are read by one model only." >&2
    fi
    rm -rf "$pack_dir"
  else
    echo "npm is missing: scans are read by one OCR model only (run 'sudo apt-get install nodejs npm')." >&2
  fi
fi
