#!/usr/bin/env bash
# Sourced by test.sh: the PostgreSQL server the server's test suite runs against a second time.
# PEERHELP_TEST_POSTGRES_URL when it is set; otherwise a throwaway cluster of this machine's
# PostgreSQL (Debian's `postgresql` package, installed when missing) in target/postgres-test on
# a free port, with its own socket folder, stopped when the test run ends. Tests create and drop
# a database each.

postgres_bin() {
  local initdb
  initdb=$(command -v initdb || true)
  for dir in ${initdb:+"$(dirname "$initdb")"} /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done
}

if [ -z "${PEERHELP_TEST_POSTGRES_URL:-}" ]; then
  if [ -z "$(postgres_bin)" ]; then
    say "installing postgresql (the server's tests run on it too)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
  pg_dir=$(postgres_bin)
  pg_data="$PWD/target/postgres-test"
  # PostgreSQL refuses to run as root: the cluster belongs to the `postgres` user then.
  as_owner=()
  if [ "$(id -u)" = 0 ]; then
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$pg_dir/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_data"
  mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_data"
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_owner[@]}" "$pg_dir/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 >/dev/null
  # fsync off: a test cluster is thrown away, and durability is not what it measures.
  "${as_owner[@]}" "$pg_dir/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
    start >/dev/null
  stop_test_postgres() {
    "${as_owner[@]}" "$pg_dir/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
  }
  trap stop_test_postgres EXIT
  export PEERHELP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
fi
