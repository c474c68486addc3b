#!/usr/bin/env bash
# Runs schemathesis against a freshly started server: no generated request may get a 5xx
# or a response that contradicts /openapi.json.
#   bash tools/api_check.sh .build/debug/guantong
# positive_data_acceptance is left out: the contract rejects a certificate dated after
# asOf, a rule across two fields that the schema cannot state.
set -euo pipefail
executable=${1:-.build/debug/guantong}
port=18081
database=$(mktemp --suffix=.sqlite)
GUANTONG_SQLITE_PATH="$database" "$executable" serve --port "$port" >/tmp/guantong-api-check.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$database"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done
schemathesis run "http://127.0.0.1:$port/openapi.json" --checks all --exclude-checks positive_data_acceptance \
  --max-examples 100 --seed 20221217 --no-color
