# Sourced by the tool scripts: starts `guantong serve` on a port with a throwaway SQLite
# file, stops it on exit, and waits until /healthz answers.
start_server() {
  local executable=$1 port=$2
  server_database=$(mktemp --suffix=.sqlite)
  GUANTONG_SQLITE_PATH="$server_database" "$executable" serve --port "$port" >"/tmp/guantong-server-$port.log" 2>&1 &
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null || true; rm -f "$server_database"' EXIT
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    sleep 0.2
  done
  echo "the server did not start on port $port; see /tmp/guantong-server-$port.log" >&2
  return 1
}
