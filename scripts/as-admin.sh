# shellcheck shell=bash
# Sourced by the scripts that call Kurz's admin endpoints. as_admin CURL-ARGS...: curl with
# "Authorization: Bearer $admin_key", the key reaching curl on a file descriptor so that it shows in
# no process list; plain curl when admin_key is empty (a service in the open mode).
as_admin() {
  if [ -n "${admin_key:-}" ]; then
    curl -H @<(printf 'Authorization: Bearer %s\n' "$admin_key") "$@"
  else
    curl "$@"
  fi
}
