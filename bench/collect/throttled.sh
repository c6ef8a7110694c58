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
  # the time latchkey needed for as many requests while unthrottled: measured below as ~0)
  theory=$(python3 -c "import math; print((math.ceil($requests/$limit)-1)*$window)")
  echo "$span" >>lk.span; echo "$refused" >>lk.429
  python3 -c "print($span/$theory)" >>lk.ratio
  echo "latchkey run $r: $requests requests, $span s first request to last record (theory $theory s), $refused refused" >&2
  sleep $((window + 1))
  out=$(/usr/bin/python3 "$root/bench/collect/tweepy_timeline.py" "$KEYS_JSON" "$SANDBOX_BASE" tw.jsonl wait "$user" 2>/dev/null)
  tspan=$(echo "$out" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(round(s["last_record"]-s["first_request"],3))')
  trefused=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["refused"])')
  echo "$tspan" >>tw.span; echo "$trefused" >>tw.429
  python3 -c "print($tspan/$theory)" >>tw.ratio
  echo "tweepy run $r: $(wc -l <tw.jsonl) records, $tspan s, $trefused refused (429)" >&2
done
echo "window ${window} s, limit ${limit}; theoretical minimum $theory s; load average at the end $(load)"
echo "latchkey first request to last record (s): $(stats <lk.span); 429s: $(stats <lk.429)"
echo "latchkey / theoretical minimum:            $(stats <lk.ratio)"
echo "tweepy   first request to last record (s): $(stats <tw.span); 429s: $(stats <tw.429)"
echo "tweepy   / theoretical minimum:            $(stats <tw.ratio)"
