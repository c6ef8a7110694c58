#!/usr/bin/env bash
# Benchmarks of issue 11: workers sharing one job through PostgreSQL (a throwaway server started here
# from the installed initdb/pg_ctl, trust login on 127.0.0.1, deleted at the end).
#  1. unthrottled: records per second of one job with 2 worker processes vs 1, same timelines, alternating;
#  2. one shared limited credential: first request to last record of WORKERS processes on one job against
#     the single-worker theoretical minimum (ceil(N/L)-1)*W, and the 429s of all of them.
# usage: bench/collect/shared.sh [USERS (default 100)] [RUNS (default 3)] [WINDOW_S (6)] [LIMIT (5)] [WORKERS (3)] [LIMITED_USERS (6)]
source "$(dirname "$0")/lib.sh"
users="${1:-100}"
runs="${2:-3}"
window="${3:-6}"
limit="${4:-5}"
workers="${5:-3}"
limited_users="${6:-6}"

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pgbin/initdb" ] || { echo "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin" >&2; exit 1; }
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pgdir="$(mktemp -d /tmp/latchkey-bench-pg.XXXXXX)"
as_server=()
if [ "$(id -u)" = 0 ]; then # initdb refuses root: the cluster belongs to nobody
  chown nobody:nogroup "$pgdir"
  as_server=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
"${as_server[@]}" "$pgbin/initdb" -D "$pgdir/data" -U latchkey --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
"${as_server[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $pgport -c listen_addresses=127.0.0.1 -k $pgdir -c max_connections=200" start >/dev/null
stop_all() {
  "${as_server[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
  stop_sandbox
}
trap stop_all EXIT
"$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U latchkey bench
store="postgresql://latchkey@127.0.0.1:$pgport/bench"
psql_() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U latchkey -d bench -Atc "$1"; }

# job NAME USERS... : run $n worker processes on job NAME; prints the wall time of the whole job
job() {
  local name="$1" n="$2"; shift 2
  local start end pids=()
  start=$(date +%s.%N)
  for w in $(seq 1 "$n"); do
    latchkey collect timeline "$@" --store "$store" --job "$name" 2>"$name.w$w.err" >/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# ---- 1. unthrottled: 2 workers vs 1
start_sandbox --rate-limit "/2/users/:id/tweets=1000000" --rate-limit "/1.1/followers/ids.json=1000"
cd "$work"
ids=$(follower_ids "$users")
echo "unthrottled: $users timelines per job, $runs runs each of 1 and 2 workers" >&2
: >one.rates; : >two.rates
for r in $(seq 1 "$runs"); do
  for n in 1 2; do
    t=$(job "u$r-$n" "$n" $ids)
    recs=$(psql_ "SELECT (SELECT count(*) FROM tweets WHERE job = j.id) FROM jobs j WHERE name = 'u$r-$n'")
    span=$(psql_ "SELECT extract(epoch FROM (SELECT max((latchkey->>'retrieved_at')::timestamptz) FROM pages WHERE job = j.id) - (SELECT min(started) FROM runs WHERE job = j.id)) FROM jobs j WHERE j.name = 'u$r-$n'")
    echo "$recs $span" | awk '{printf "%.1f\n", $1/$2}' >>$([ "$n" = 1 ] && echo one || echo two).rates
    echo "run $r, $n worker(s): $recs records, $span s from the first run's start to the last record, $t s wall (JVM starts included)" >&2
  done
done
echo "unthrottled, $users timelines, records/s of the job from the first run's start to the last record kept:"
echo "  1 worker:  $(stats <one.rates)"
echo "  2 workers: $(stats <two.rates)"
paste two.rates one.rates | awk '{print $1/$2}' | { printf "  ratio 2/1: "; stats; }
stop_sandbox_only() { kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; sandbox_pid=""; }
stop_sandbox_only
rm -rf "$LATCHKEY_HOME"; mkdir -p -m 700 "$LATCHKEY_HOME" # a new sandbox, new keys
# and a new database: the budgets kept there were the unthrottled sandbox's
"$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U latchkey bench2
store="postgresql://latchkey@127.0.0.1:$pgport/bench2"
psql_() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U latchkey -d bench2 -Atc "$1"; }

# ---- 2. one limited credential shared by $workers workers
start_sandbox --rate-window "$window" --rate-limit "/2/users/:id/tweets=$limit" --rate-limit "/1.1/followers/ids.json=1000"
cd "$work"
few=$(follower_ids "$limited_users")
echo "limited: window $window s, limit $limit, $workers workers on one job, $runs runs" >&2
: >lim.ratio; : >lim.429; : >solo.ratio
for r in $(seq 1 "$runs"); do
  for n in 1 "$workers"; do
    sleep $((window + 1)) # a fresh window
    job "l$r-$n" "$n" $few >/dev/null
    requests=$(cat l$r-$n.w*.err | grep -h collected | sed -E 's/.* ([0-9]+) requests,.*/\1/' | paste -sd+ | bc)
    refused=$(cat l$r-$n.w*.err | grep -h collected | sed -E 's/.* ([0-9]+) refused.*/\1/' | paste -sd+ | bc)
    # first request ~ the first run's start; last record = the last page's retrieved_at
    span=$(psql_ "SELECT extract(epoch FROM (SELECT max((latchkey->>'retrieved_at')::timestamptz) FROM pages WHERE job = j.id) - (SELECT min(started) FROM runs WHERE job = j.id)) FROM jobs j WHERE j.name = 'l$r-$n'")
    theory=$(python3 -c "import math; print((math.ceil($requests/$limit)-1)*$window)")
    ratio=$(python3 -c "print(round($span/$theory, 4))")
    if [ "$n" = 1 ]; then echo "$ratio" >>solo.ratio; else echo "$ratio" >>lim.ratio; echo "$refused" >>lim.429; fi
    echo "run $r, $n worker(s): $requests requests, $span s from the first run's start to the last record (theory $theory s, ratio $ratio), $refused refused (429)" >&2
  done
done
echo "limited (window $window s, limit $limit), first run start to last record / theoretical minimum:"
echo "  1 worker:          $(stats <solo.ratio)"
echo "  $workers workers shared: $(stats <lim.ratio); 429s: $(stats <lim.429)"
