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

latchkey() {
  java ${LATCHKEY_JAVA_OPTS:-} -jar "$jar" "$@"
}

start_sandbox() {
  build
  java ${LATCHKEY_SANDBOX_JAVA_OPTS:-} -jar "$jar" sandbox --port 0 --print-keys "$work/keys.json" "$@" \
    >"$work/sandbox.log" 2>&1 </dev/null &
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
  setsid java -jar "$jar" auth twitter --manual --account bench <"$work/stdin" >/dev/null 2>"$work/auth.log" \
    || { cat "$work/auth.log" >&2; return 1; }
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
# followers), collected with latchkey itself (v1.1 follower ids, 5,000 a page).
follower_ids() {
  rm -f "$work/f.jsonl" "$work/f.jsonl.latchkey-state"
  java -jar "$jar" collect followers 3000004395 --api 1.1 --limit "$1" -o "$work/f.jsonl" --quiet
  python3 -c "import json,sys; print(' '.join(json.loads(l)['source_id'] for l in open(sys.argv[1])))" "$work/f.jsonl"
}
