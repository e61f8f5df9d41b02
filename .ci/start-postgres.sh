#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests and prints its URL on stdout (logs go to
# stderr). Idempotent: a second call reuses the running server. Installs Debian's postgresql package
# when no server binaries are found. Settings favour speed over durability (fsync off): test data only.
#
#   ONEROSTER_PG_PORT  TCP port on 127.0.0.1 (default 54329)
#   ONEROSTER_PG_DIR   cluster directory (default $TMPDIR/oneroster-postgres-<port>)
set -euo pipefail

port="${ONEROSTER_PG_PORT:-54329}"
root="${ONEROSTER_PG_DIR:-${TMPDIR:-/tmp}/oneroster-postgres-${port}}"
data="${root}/data"
socket="${root}/socket"
log="${root}/server.log"
superuser="oneroster"
database="oneroster_test"
url="postgres://${superuser}@127.0.0.1:${port}/${database}"

say() { echo "start-postgres: $*" >&2; }

find_bin_dir() {
  local dir
  # Newest version first; /usr/local/bin holds symlinks on some images.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r) /usr/local/bin /usr/bin; do
    if [[ -x "${dir}/postgres" && -x "${dir}/initdb" && -x "${dir}/pg_ctl" ]]; then
      echo "${dir}"
      return 0
    fi
  done
  return 1
}

bin="$(find_bin_dir || true)"
if [[ -z "${bin}" ]]; then
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    say "no PostgreSQL server binaries found, and cannot install them (needs root and apt-get)"
    exit 1
  fi
  say "installing Debian's postgresql package"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
  bin="$(find_bin_dir)" || { say "postgresql installed but no server binaries found"; exit 1; }
fi

mkdir -p "${root}"
# Two test runs starting at once must not both run initdb.
exec 9>"${root}/.lock"
flock 9

# PostgreSQL refuses to run as root: run the server as the postgres user (created by the package).
run_as_owner() { "$@"; }
if [[ "$(id -u)" == 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  chown postgres "${root}"
  run_as_owner() { runuser -u postgres -- "$@"; }
fi

if "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}" 2>/dev/null; then
  say "reusing the server on port ${port}"
else
  if [[ ! -f "${data}/PG_VERSION" ]]; then
    say "initialising a cluster in ${data}"
    rm -rf "${data}"
    run_as_owner mkdir -p "${data}" "${socket}"
    # trust: a throwaway cluster reachable only on 127.0.0.1 and its own socket directory.
    run_as_owner "${bin}/initdb" -D "${data}" -U "${superuser}" --auth=trust -E UTF8 --no-locale >&2
  fi
  run_as_owner mkdir -p "${socket}"
  # A machine kept between sessions keeps the pid file of a server that died with its session; if its pid
  # now belongs to another process, PostgreSQL would refuse to start.
  if [[ -f "${data}/postmaster.pid" ]]; then
    old_pid="$(head -n 1 "${data}/postmaster.pid")"
    if ! tr '\0' ' ' <"/proc/${old_pid}/cmdline" 2>/dev/null | grep -q postgres; then
      say "removing the stale pid file of server ${old_pid}"
      rm -f "${data}/postmaster.pid" "${socket}/.s.PGSQL.${port}.lock"
    fi
  fi
  say "starting PostgreSQL on 127.0.0.1:${port} (log: ${log})"
  # 9>&-: the server must not inherit the lock, or it would hold it for its whole life.
  run_as_owner "${bin}/pg_ctl" -D "${data}" -l "${log}" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p ${port} -k ${socket} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >&2 9>&- || { say "PostgreSQL did not start; its log:"; tail -n 30 "${log}" >&2 || true; exit 1; }
fi

psql_cmd=("${bin}/psql" -h 127.0.0.1 -p "${port}" -U "${superuser}" -d postgres -tAq)
if [[ ! -x "${bin}/psql" ]]; then psql_cmd=(psql -h 127.0.0.1 -p "${port}" -U "${superuser}" -d postgres -tAq); fi
if [[ "$("${psql_cmd[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '${database}'")" != 1 ]]; then
  "${psql_cmd[@]}" -c "CREATE DATABASE ${database}" >&2
fi

echo "${url}"
