#!/usr/bin/env bash
# Benchmark 2 (issue 10): unthrottled records per second into JSONL, latchkey collect vs a tweepy
# Paginator script, same sandbox, same timelines (users with at least 3,200 tweets, so each gives
# X's 3,200), same fields and expansions, one process each, alternating, RUNS times. Whole
# process timed (JVM start included; the throwaway keychain unlocks in milliseconds), after one
# untimed run of each that warms the sandbox up.
# usage: bench/collect/throughput.sh [USERS (default 30)] [RUNS (default 3)]
source "$(dirname "$0")/lib.sh"
users="${1:-30}"
runs="${2:-3}"
# Lift the timeline limit so that neither client ever waits.
start_sandbox --rate-limit "/2/users/:id/tweets=1000000"
cd "$work"
ids=$(follower_ids "$users" 3200)
echo "throughput: $users timelines of 3,200 tweets per run, $runs runs each; load $(load)" >&2
# One untimed run of each first: the sandbox's JIT compiles its timeline code during the first
# collection it serves (5-7 s of its CPU instead of about 2), which would otherwise land on whichever
# client goes first (latchkey) and only on it.
latchkey collect timeline $ids -o warm.jsonl --quiet
/usr/bin/python3 "$root/bench/collect/tweepy_timeline.py" "$KEYS_JSON" "$SANDBOX_BASE" warm-tw.jsonl plain $ids >/dev/null
rm -f warm.jsonl warm.jsonl.latchkey-state warm-tw.jsonl
echo "warmed up: one untimed run of each; load $(load)" >&2
: >lk.rates; : >tw.rates; : >loads
for r in $(seq 1 "$runs"); do
  rm -f lk.jsonl lk.jsonl.latchkey-state
  start=$(date +%s.%N)
  latchkey collect timeline $ids -o lk.jsonl --quiet
  end=$(date +%s.%N)
  n=$(wc -l <lk.jsonl)
  echo "$n $start $end" | awk '{printf "%.1f\n", $1/($3-$2)}' >>lk.rates
  echo "latchkey run $r: $n records in $(echo "$end - $start" | bc) s (load $(load))" >&2
  start=$(date +%s.%N)
  /usr/bin/python3 "$root/bench/collect/tweepy_timeline.py" "$KEYS_JSON" "$SANDBOX_BASE" tw.jsonl plain $ids >/dev/null
  end=$(date +%s.%N)
  m=$(wc -l <tw.jsonl)
  echo "$m $start $end" | awk '{printf "%.1f\n", $1/($3-$2)}' >>tw.rates
  echo "tweepy run $r: $m records in $(echo "$end - $start" | bc) s (load $(load))" >&2
  load >>loads
done
echo "records per run: latchkey $n, tweepy $m; load average during the runs: $(stats <loads)"
echo "latchkey records/s (whole process, JVM start included): $(stats <lk.rates)"
echo "tweepy   records/s (whole process):                     $(stats <tw.rates)"
paste lk.rates tw.rates | awk '{print $1/$2}' | { printf "ratio latchkey/tweepy: "; stats; }
