#!/usr/bin/env bash
# Benchmark 1 (issue 10): under a rate limit that needs at least five windows, time from the first
# request to the last record against the theoretical minimum, and the 429s, for latchkey collect and
# for tweepy with wait_on_rate_limit=True doing the same collection, in the same run, RUNS times.
# usage: bench/collect/throttled.sh [WINDOW_S (default 6)] [LIMIT (default 5)] [RUNS (default 3)]
source "$(dirname "$0")/lib.sh"
window="${1:-6}"
limit="${2:-5}"
runs="${3:-3}"
start_sandbox --rate-window "$window" --rate-limit "/2/users/:id/tweets=$limit"
cd "$work"
# the epoch seconds at which the first record of a JSONL collection was retrieved
first_retrieved() {
  python3 -c 'import json,sys,datetime; t=json.loads(sys.stdin.readline())["__latchkey"]["retrieved_at"]; print(datetime.datetime.fromisoformat(t.replace("Z","+00:00")).timestamp())'
}
# (ceil(N/L) - 1) windows, the first shortened by the fraction of a second it opened at
minimum() { python3 -c "import math; print((math.ceil($1/$2)-1)*$3 - ($4 % 1))"; }
user=3000005156 # capped_sandbox: 4,000 tweets, X serves the newest 3,200
: >lk.span; : >tw.span; : >lk.429; : >tw.429; : >lk.ratio; : >tw.ratio
for r in $(seq 1 "$runs"); do
  sleep $((window + 1)) # a fresh window for each client
  rm -f lk.jsonl lk.jsonl.latchkey-state
  latchkey collect timeline "$user" -o lk.jsonl 2>lk.err
  summary=$(grep 'collected' lk.err)
  span=$(echo "$summary" | sed -E 's/.*first request to last record ([0-9.]+) s.*/\1/')
  requests=$(echo "$summary" | sed -E 's/.* ([0-9]+) requests,.*/\1/')
  refused=$(echo "$summary" | sed -E 's/.* ([0-9]+) refused.*/\1/')
  # the theoretical minimum: (ceil(N/L) - 1) windows, plus the last window's requests (taken as
  # the time latchkey needed for as many requests while unthrottled: measured below as ~0). The
  # sandbox's windows end at a whole second (what x-rate-limit-reset says), so the first one is
  # shorter by the fraction of a second at which the first request came: taken from the first
  # record's retrieved_at (a few ms after the request, so the minimum comes out a little low).
  first=$(head -1 lk.jsonl | first_retrieved)
  theory=$(minimum "$requests" "$limit" "$window" "$first")
  echo "$span" >>lk.span; echo "$refused" >>lk.429
  python3 -c "print($span/$theory)" >>lk.ratio
  echo "latchkey run $r: $requests requests, $span s first request to last record (minimum $theory s), $refused refused" >&2
  sleep $((window + 1))
  out=$(/usr/bin/python3 "$root/bench/collect/tweepy_timeline.py" "$KEYS_JSON" "$SANDBOX_BASE" tw.jsonl wait "$user" 2>/dev/null)
  tspan=$(echo "$out" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(round(s["last_record"]-s["first_request"],3))')
  trefused=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["refused"])')
  tfirst=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["first_request"])')
  ttheory=$(minimum "$requests" "$limit" "$window" "$tfirst")
  echo "$tspan" >>tw.span; echo "$trefused" >>tw.429
  python3 -c "print($tspan/$ttheory)" >>tw.ratio
  echo "tweepy run $r: $(wc -l <tw.jsonl) records, $tspan s (minimum $ttheory s), $trefused refused (429)" >&2
done
echo "window ${window} s, limit ${limit}; theoretical minimum $(((requests + limit - 1) / limit - 1)) windows less the first one's late start; load average at the end $(load)"
echo "latchkey first request to last record (s): $(stats <lk.span); 429s: $(stats <lk.429)"
echo "latchkey / theoretical minimum:            $(stats <lk.ratio)"
echo "tweepy   first request to last record (s): $(stats <tw.span); 429s: $(stats <tw.429)"
echo "tweepy   / theoretical minimum:            $(stats <tw.ratio)"
