#!/usr/bin/env bash
# Loads the seed CSVs into a running Kurz: users, then links, then events (each refers to the one before).
# Usage: scripts/load-seed.sh [base-url]   (default http://127.0.0.1:8080)
# The bulk endpoints take an admin key: KURZ_ADMIN_KEY, or else the first of KURZ_AUTH_ADMINKEYS
# from the environment or from .env; none is sent when there is none (a service in the open mode).
set -euo pipefail
base="${1:-${KURZ_URL:-http://127.0.0.1:8080}}"
dir="$(cd "$(dirname "$0")/../seed-data" && pwd)"
admin_key="${KURZ_ADMIN_KEY:-${KURZ_AUTH_ADMINKEYS:-}}"
if [ -z "$admin_key" ] && [ -f "$dir/../.env" ]; then
  admin_key=$(sed -n 's/^KURZ_AUTH_ADMINKEYS=//p' "$dir/../.env" | tail -n 1)
fi
admin_key="${admin_key%%,*}"
# shellcheck source=scripts/as-admin.sh
. "$(dirname "$0")/as-admin.sh"
for kind in users urls events; do
  printf '%s: ' "$kind"
  as_admin -sS --fail-with-body -F "file=@${dir}/${kind}.csv" "${base}/${kind}/bulk"
  echo
done
