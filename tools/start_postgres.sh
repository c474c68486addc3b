#!/usr/bin/env bash
# Starts the machine's PostgreSQL (Debian's package) and prints a URL for a fresh test
# database: used by .ci/run for the persistence tests, and by hand the same way.
set -euo pipefail
# Only the URL goes to standard output: everything else is sent to standard error.
exec 3>&1 1>&2
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
# The server outlives this script: it must not hold the pipe that carries the URL,
# or the caller's $(...) never ends.
pg_ctlcluster "$version" main start 3>&- </dev/null || true
for _ in $(seq 1 50); do
  su postgres -c "pg_isready -q" && break
  sleep 0.2
done
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guantong') THEN CREATE ROLE guantong LOGIN PASSWORD 'guantong'; END IF; END \\\$\\\$;\"" >/dev/null
# The service's own role: it owns nothing, so it cannot drop or disable the trails' triggers
# (the owner, guantong, migrates and grants it its rights: README, 数据库角色).
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guantong_service') THEN CREATE ROLE guantong_service LOGIN PASSWORD 'guantong_service'; END IF; END \\\$\\\$;\"" >/dev/null
# CREATEDB: a test starts several servers against a database of its own.
su postgres -c "psql -q -c \"ALTER ROLE guantong CREATEDB\"" >/dev/null
su postgres -c "dropdb --if-exists guantong_test" >/dev/null
su postgres -c "createdb -O guantong guantong_test" >/dev/null
# The owner's URL; the service's is the same with guantong_service:guantong_service@.
echo "postgres://guantong:guantong@127.0.0.1:5432/guantong_test?sslmode=disable" >&3
