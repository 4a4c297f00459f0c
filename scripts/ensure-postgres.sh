#!/usr/bin/env bash
# Makes a local PostgreSQL server available for the test suite, from nothing:
# installs Debian's server when missing, starts the cluster, and creates the
# `rapport` role the tests log in as over TCP (scram-sha-256 on 127.0.0.1).
# Skipped when TEST_DATABASE_URL points elsewhere.
set -euo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then exit 0; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "ensure-postgres: installing postgresql" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "ensure-postgres: no cluster under /etc/postgresql" >&2; exit 1
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"' | grep -q online; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.5
done

as_root su postgres -c "psql -q -v ON_ERROR_STOP=1 -d postgres" >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rapport') THEN
    CREATE ROLE rapport LOGIN PASSWORD 'rapport' CREATEDB;
  END IF;
  -- Lets DROP DATABASE ... WITH (FORCE) stop an autovacuum worker on a
  -- test database, which a plain CREATEDB role may not do.
  IF NOT pg_has_role('rapport', 'pg_signal_backend', 'member') THEN
    GRANT pg_signal_backend TO rapport;
  END IF;
END $$;
SQL
