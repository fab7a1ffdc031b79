#!/usr/bin/env bash
# Loads the seed CSVs into a running Kurz: users, then links, then events (each refers to the one before).
# Usage: scripts/load-seed.sh [base-url]   (default http://127.0.0.1:8080)
set -euo pipefail
base="${1:-${KURZ_URL:-http://127.0.0.1:8080}}"
dir="$(cd "$(dirname "$0")/../seed-data" && pwd)"
for kind in users urls events; do
  printf '%s: ' "$kind"
  curl -sS --fail-with-body -F "file=@${dir}/${kind}.csv" "${base}/${kind}/bulk"
  echo
done
