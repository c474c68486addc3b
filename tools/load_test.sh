#!/usr/bin/env bash
# Load benchmark (not a test): the evaluation endpoint under wrk on loopback.
#   bash tools/load_test.sh            # builds release, runs 30 s with 64 connections
# Prints wrk's figures; the latest are kept in docs/load-test.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
swift build -c release --product guantong >/dev/null
port=18090
source "$(dirname "$0")/lib/server.sh"
start_server .build/release/guantong "$port"
script=$(mktemp --suffix=.lua)
cat > "$script" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"jurisdiction":"quzhou","asOf":"2024-06-30","person":{"skills":[{"occupation":"车工","level":"技师","obtainedOn":"2020-05-01"},{"occupation":"电工","level":"高级工","obtainedOn":"2018-09-15"}],"titles":[{"series":"工程","specialty":"机电制造工程","level":"助理级","obtainedOn":"2019-01-01"}],"honors":[{"name":"浙江省技术能手","awardedOn":"2021-12-01"}],"annualAssessments":[{"year":2019,"passed":true},{"year":2020,"passed":true},{"year":2021,"passed":true},{"year":2022,"passed":true},{"year":2023,"passed":true}],"continuingEducation":[{"year":2021,"publicHours":20,"professionalHours":70,"skillTrainingHours":8},{"year":2022,"publicHours":20,"professionalHours":70,"skillTrainingHours":8},{"year":2023,"publicHours":20,"professionalHours":70,"skillTrainingHours":8}],"education":{"level":"大专","relatedToOccupation":true},"currentOccupation":"电工","occupationWorkYears":6,"inRelatedSkillWork":true}}]]
function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in pairs({50, 90, 99}) do io.write(string.format("p%d latency: %.2f ms\n", p, latency:percentile(p) / 1000)) end
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
wrk -t2 -c"$connections" -d"$duration" --latency -s "$script" "http://127.0.0.1:$port/api/v1/evaluations"
rm -f "$script"
