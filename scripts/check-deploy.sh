#!/usr/bin/env bash
# Static checks of the deployment files, fit for CI and .ci/run (a few seconds, no network):
#   - the Compose file, with `docker-compose config -q` (or `docker compose config -q`);
#   - both renderings of nginx/kurz.conf.template, with `nginx -t` under a temporary prefix;
#   - the shell scripts (scripts/*.sh, bench/*.sh, nginx/render.sh), with shellcheck;
#   - the CI workflow parses as YAML.
# A check whose tool is missing is skipped with a message; any failed check makes the exit status 1.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "ok    $*"; }
fail() {
  echo "FAIL  $*"
  failed=1
}
skip() { echo "skip  $*"; }

# --- Compose -----------------------------------------------------------------------------------
if command -v docker-compose >/dev/null; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  compose=()
fi
if [ ${#compose[@]} -gt 0 ]; then
  if "${compose[@]}" -f docker-compose.yml config -q 2>"$tmp/compose.err"; then
    pass "docker-compose.yml (${compose[*]} config)"
  else
    cat "$tmp/compose.err"
    fail "docker-compose.yml (${compose[*]} config)"
  fi
else
  skip "docker-compose.yml: neither docker-compose nor 'docker compose' installed (apt-get install -y docker-compose)"
fi

# --- nginx -------------------------------------------------------------------------------------
nginx_bin=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
nginx_test() { # <config> <label>
  if "$nginx_bin" -q -t -p "$tmp/" -c "$1" -e "$tmp/logs/error.log" 2>"$tmp/nginx.err"; then
    pass "$2"
  else
    cat "$tmp/nginx.err"
    fail "$2"
  fi
}
if [ -n "$nginx_bin" ]; then
  mkdir -p "$tmp/logs" "$tmp/tmp"
  if nginx/render.sh local "$tmp" >"$tmp/local.conf"; then
    nginx_test "$tmp/local.conf" "nginx config for scripts/cluster.sh (nginx -t)"
  else
    fail "nginx/render.sh local"
  fi

  if nginx/render.sh compose >"$tmp/compose.conf"; then
    version=$("$nginx_bin" -v 2>&1 | sed 's#.*nginx/##')
    # The Compose rendering uses `server ... resolve`, which nginx understands from 1.27.3 on.
    if [ "$(printf '%s\n' 1.27.3 "$version" | sort -V | head -n 1)" = 1.27.3 ]; then
      sed -e "s#/var/cache/nginx#$tmp/tmp#; s#/var/run/nginx.pid#$tmp/nginx.pid#" "$tmp/compose.conf" >"$tmp/compose-here.conf"
      nginx_test "$tmp/compose-here.conf" "nginx config for Compose (nginx $version -t)"
    elif timeout 10 docker info >/dev/null 2>&1; then
      if docker run --rm -v "$root/nginx:/etc/kurz-nginx:ro" --entrypoint /bin/sh nginx:1.28-alpine \
        -c '/bin/sh /etc/kurz-nginx/render.sh compose >/etc/nginx/nginx.conf && nginx -q -t' 2>"$tmp/nginx.err"; then
        pass "nginx config for Compose (nginx:1.28-alpine, nginx -t)"
      else
        cat "$tmp/nginx.err"
        fail "nginx config for Compose (nginx:1.28-alpine, nginx -t)"
      fi
    else
      # Everything but the `resolve` parameter, which this nginx does not know, with the service
      # names (which only Docker's DNS resolves) pointed at the loopback.
      sed -e 's/ resolve;/;/; s/app[0-9]*:8080/127.0.0.1:8080/' \
        -e "s#/var/cache/nginx#$tmp/tmp#; s#/var/run/nginx.pid#$tmp/nginx.pid#" "$tmp/compose.conf" >"$tmp/compose-here.conf"
      nginx_test "$tmp/compose-here.conf" "nginx config for Compose without 'resolve' (nginx $version -t; full check needs nginx >= 1.27.3 or a Docker engine)"
    fi
  else
    fail "nginx/render.sh compose"
  fi
else
  skip "nginx configs: nginx not installed (apt-get install -y nginx)"
fi

# --- shell scripts -----------------------------------------------------------------------------
if command -v shellcheck >/dev/null; then
  scripts=()
  for file in scripts/*.sh bench/*.sh nginx/*.sh; do
    [ -f "$file" ] && scripts+=("$file")
  done
  if shellcheck "${scripts[@]}"; then
    pass "shellcheck ${scripts[*]}"
  else
    fail "shellcheck"
  fi
else
  skip "shell scripts: shellcheck not installed (apt-get install -y shellcheck)"
fi

# --- CI workflow ---------------------------------------------------------------------------------
if python3 -c 'import yaml' 2>/dev/null; then
  if python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' .github/workflows/ci.yml 2>"$tmp/yaml.err"; then
    pass ".github/workflows/ci.yml parses as YAML"
  else
    cat "$tmp/yaml.err"
    fail ".github/workflows/ci.yml parses as YAML"
  fi
else
  skip ".github/workflows/ci.yml: python3 with PyYAML not available"
fi

exit "$failed"
