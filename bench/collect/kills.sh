#!/usr/bin/env bash
# Benchmark 4 (issue 10): KILLS SIGKILLs at random moments of one collection; after each kill the
# same command resumes; the final records must equal an uninterrupted run's (sorted ids compared).
# usage: bench/collect/kills.sh [KILLS (default 25)] [USERS (default 8)] [FORMAT (default jsonl)]
source "$(dirname "$0")/lib.sh"
kills="${1:-25}"
users="${2:-8}"
format="${3:-jsonl}"
start_sandbox --rate-limit "/2/users/:id/tweets=10000000"
cd "$work"
ids=$(follower_ids "$users")
# The sandbox's world moves on (new tweets appear at the top of timelines): bound every run to the
# same instant so that the uninterrupted and the killed collections ask for the same tweets.
until=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sorted_ids() {
  if [ "$format" = sqlite ]; then
    python3 -c "import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute('select id from tweets')]" "$1" | sort
  else
    python3 -c "import json,sys; [print(json.loads(l)['id']) for l in open(sys.argv[1])]" "$1" | sort
  fi
}
latchkey collect timeline $ids --until "$until" -o whole.$format --format "$format" --quiet
sorted_ids whole.$format >whole.ids
duration=$( { /usr/bin/time -f %e "$root/latchkey" collect timeline $ids --until "$until" -o timing.$format --format "$format" --quiet; } 2>&1 | tail -1)
echo "uninterrupted: $(wc -l <whole.ids) records in $duration s" >&2
done_kills=0; resumes=0
while [ "$done_kills" -lt "$kills" ]; do
  "$root/latchkey" collect timeline $ids --until "$until" -o killed.$format --format "$format" --quiet &
  pid=$!
  delay=$(python3 -c "import random; print(round(random.uniform(0.3, max(0.4, $duration)), 3))")
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    done_kills=$((done_kills + 1))
  else
    wait "$pid" || true
    echo "run finished before the kill; restarting from scratch to place more kills" >&2
    sorted_ids killed.$format | cmp -s - whole.ids && echo "  (and it matched)" >&2
    rm -f killed.$format killed.$format.latchkey-state
  fi
  resumes=$((resumes + 1))
done
latchkey collect timeline $ids --until "$until" -o killed.$format --format "$format" --quiet
sorted_ids killed.$format >killed.ids
if cmp -s killed.ids whole.ids; then
  echo "kills: $done_kills SIGKILLs over $resumes runs; resumed records identical to the uninterrupted run ($(wc -l <whole.ids) ids)"
else
  echo "kills: MISMATCH after $done_kills kills: $(comm -3 killed.ids whole.ids | wc -l) ids differ"; exit 1
fi
