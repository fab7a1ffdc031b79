#!/bin/sh
# Renders nginx/kurz.conf.template to stdout, for one of the two places it runs:
#   nginx/render.sh local <prefix-dir>   scripts/cluster.sh: Debian's nginx, replicas on 127.0.0.1:8081-8083
#   nginx/render.sh compose              docker-compose.yml: the nginx container, replicas app1..app3:8080
# Overrides: KURZ_NGINX_LISTEN (address:port or port), KURZ_NGINX_UPSTREAMS (host:port list) and
# KURZ_NGINX_TRUSTED_PROXIES (addresses or CIDRs of a proxy or CDN in front of nginx whose
# X-Forwarded-For names the client; none by default, so $remote_addr is the client).
# POSIX sh and awk only: it also runs inside the nginx:alpine container at start.
set -eu

usage() {
  echo "usage: $0 local <prefix-dir> | compose" >&2
  exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
target=${1:-}
case "$target" in
  local)
    [ $# -eq 2 ] || usage
    prefix=${2%/}
    listen=${KURZ_NGINX_LISTEN:-127.0.0.1:8080}
    upstreams=${KURZ_NGINX_UPSTREAMS:-127.0.0.1:8081 127.0.0.1:8082 127.0.0.1:8083}
    # IP literals: nothing to resolve, and Debian's nginx 1.22 has no `resolve` for upstreams.
    server_flags=""
    resolver="# Upstreams are IP literals here: no resolver."
    pid_file="$prefix/nginx.pid"
    error_log="$prefix/logs/error.log"
    access_log="$prefix/logs/access.log"
    temp_dir="$prefix/tmp"
    ;;
  compose)
    [ $# -eq 1 ] || usage
    listen=${KURZ_NGINX_LISTEN:-8080}
    upstreams=${KURZ_NGINX_UPSTREAMS:-app1:8080 app2:8080 app3:8080}
    # A restarted container may come back with another address. nginx resolves upstream names
    # once at start unless the server has `resolve` (open source since 1.27.3, hence the
    # nginx:1.28 image): then Docker's DNS is asked again every 10 s and a replica that is gone
    # drops out of the group instead of its stale address going to whichever container got it.
    server_flags=" resolve"
    resolver="resolver 127.0.0.11 valid=10s ipv6=off;"
    pid_file=/var/run/nginx.pid
    error_log=/dev/stderr
    access_log=/dev/stdout
    temp_dir=/var/cache/nginx
    ;;
  *) usage ;;
esac

real_ip="# No trusted proxy in front of nginx: the connection's address is the client."
if [ -n "${KURZ_NGINX_TRUSTED_PROXIES:-}" ]; then
  real_ip="real_ip_header X-Forwarded-For;"
  for proxy in $KURZ_NGINX_TRUSTED_PROXIES; do
    real_ip="${real_ip} set_real_ip_from ${proxy};"
  done
fi

servers=""
for upstream in $upstreams; do
  servers="${servers}        server ${upstream} max_fails=1 fail_timeout=5s${server_flags};
"
done

KURZ_NGINX_LISTEN=$listen \
KURZ_NGINX_UPSTREAM_SERVERS=${servers%?} \
KURZ_NGINX_RESOLVER=$resolver \
KURZ_NGINX_REAL_IP=$real_ip \
KURZ_NGINX_PID_FILE=$pid_file \
KURZ_NGINX_ERROR_LOG=$error_log \
KURZ_NGINX_ACCESS_LOG=$access_log \
KURZ_NGINX_TEMP_DIR=$temp_dir \
awk -v target="$target" '
  NR == 1 { print "# Rendered by nginx/render.sh " target " from nginx/kurz.conf.template: edit that, not this." }
  /^[ \t]*#/ { print; next }
  {
    line = $0
    out = ""
    # Literal replacement of every @NAME@ by KURZ_NGINX_NAME (no regex or & surprises in values).
    while (match(line, /@[A-Z_]+@/)) {
      name = "KURZ_NGINX_" substr(line, RSTART + 1, RLENGTH - 2)
      if (!(name in ENVIRON)) {
        printf "render.sh: unknown placeholder %s\n", substr(line, RSTART, RLENGTH) > "/dev/stderr"
        exit 1
      }
      out = out substr(line, 1, RSTART - 1) ENVIRON[name]
      line = substr(line, RSTART + RLENGTH)
    }
    print out line
  }
' "$here/kurz.conf.template"
