#!/usr/bin/env bash
# Shared by the collection benchmarks: a sandbox process and a throwaway keychain holding its keys.
# Source it, then call start_sandbox [sandbox options...]; stop_sandbox runs on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${LATCHKEY_JAR:-$root/latchkey-cli/target/latchkey.jar}"
work="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-bench-collect.XXXXXX")"
export LATCHKEY_HOME="$work/home"
export LATCHKEY_PASSPHRASE_FILE="$work/passphrase"
export LATCHKEY_NO_KEYRING=1
# The keychain is a throwaway: unlock in milliseconds so every run measures collection, not scrypt.
export LATCHKEY_INSECURE_TEST_WORK_FACTOR=10
mkdir -p -m 700 "$LATCHKEY_HOME"
head -c 24 /dev/urandom | base64 > "$LATCHKEY_PASSPHRASE_FILE"
chmod 600 "$LATCHKEY_PASSPHRASE_FILE"
sandbox_pid=""

build() {
  [ -n "${LATCHKEY_JAR:-}" ] && return 0
  if [ ! -f "$jar" ] || [ -n "$(find "$root"/latchkey-*/src/main -newer "$jar" -print -quit)" ]; then
    (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl latchkey-cli -am package)
  fi
}

# latchkey as users run it: the launcher, with its JVM settings (serial GC, the class-data
# archive, C1 for collect); LATCHKEY_JAR runs that jar with LATCHKEY_JAVA_OPTS instead.
latchkey() {
  if [ -n "${LATCHKEY_JAR:-}" ]; then
    java ${LATCHKEY_JAVA_OPTS:-} -jar "$jar" "$@"
  else
    "$root/latchkey" "$@"
  fi
}

start_sandbox() {
  build
  latchkey --version >/dev/null # the launcher makes its class-data archive once per build
  # the users come from v2 followers lists: lift that limit (15 a window) in every benchmark
  set -- --rate-limit "/2/users/:id/followers=1000" "$@"
  if [ -n "${LATCHKEY_JAR:-}" ]; then
    java ${LATCHKEY_SANDBOX_JAVA_OPTS:-} -jar "$jar" sandbox --port 0 --print-keys "$work/keys.json" \
      "$@" >"$work/sandbox.log" 2>&1 </dev/null &
  else
    "$root/latchkey" sandbox --port 0 --print-keys "$work/keys.json" "$@" \
      >"$work/sandbox.log" 2>&1 </dev/null &
  fi
  sandbox_pid=$!
  for _ in $(seq 1 900); do
    grep -qo 'http://127.0.0.1:[0-9]*' "$work/sandbox.log" 2>/dev/null && [ -s "$work/keys.json" ] && break
    sleep 0.1
  done
  base="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sandbox.log" | head -1)"
  if [ -z "$base" ]; then
    echo "the sandbox did not start:" >&2; cat "$work/sandbox.log" >&2; return 1
  fi
  export LATCHKEY_SANDBOX="$base"
  export SANDBOX_BASE="$base"
  export KEYS_JSON="$work/keys.json"
  python3 - "$work/keys.json" >"$work/stdin" <<'PY'
import json, sys
k = json.load(open(sys.argv[1]))["twitter"]
print(k["consumer_key"]); print(k["consumer_secret"]); print(k["access_token"]); print(k["access_token_secret"])
PY
  # setsid: no controlling terminal, so the keys are read from the file, not prompted for
  setsid "$root/latchkey" auth twitter --manual --account bench <"$work/stdin" >/dev/null \
    2>"$work/auth.log" || { cat "$work/auth.log" >&2; return 1; }
  rm -f "$work/stdin"
}

stop_sandbox() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_sandbox EXIT

# min / median / max of numbers on standard input
stats() {
  sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit}; m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "min %.3f / median %.3f / max %.3f (n=%d)\n", a[1], m, a[NR], NR}'
}

# N user ids from the sandbox: followers of popular_sandbox (the seeded account with 100,000
# followers) with at least MIN_TWEETS tweets (default 0), collected with latchkey itself (v2
# followers, 1,000 a page, with their public_metrics).
follower_ids() {
  local n="$1" min="${2:-0}"
  rm -f "$work/f.jsonl" "$work/f.jsonl.latchkey-state"
  latchkey collect followers 3000004395 --limit 20000 -o "$work/f.jsonl" --quiet
  python3 - "$work/f.jsonl" "$n" "$min" <<'PY'
import json, sys
path, n, least = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ids = [u["id"] for u in map(json.loads, open(path))
       if u.get("public_metrics", {}).get("tweet_count", 0) >= least][:n]
if len(ids) < n:
    sys.exit(f"only {len(ids)} followers with {least}+ tweets")
print(" ".join(ids))
PY
}

# the load average over the last minute, for the results' header
load() {
  cut -d' ' -f1 /proc/loadavg
}
