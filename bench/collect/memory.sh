#!/usr/bin/env bash
# Benchmark 3 (issue 10): peak RSS of latchkey collect writing 1,000,000 records vs 10,000 records
# (timelines at the 3,200 cap), with the launcher's JVM settings (LATCHKEY_JAVA_OPTS, default none).
# usage: bench/collect/memory.sh [BIG_USERS (default 313)] [SMALL_USERS (default 4)]
source "$(dirname "$0")/lib.sh"
big="${1:-313}"
small="${2:-4}"
start_sandbox --rate-limit "/2/users/:id/tweets=10000000" --rate-limit "/1.1/followers/ids.json=1000"
cd "$work"
for n in "$small" "$big"; do
  ids=$(follower_ids "$n")
  rm -f m.jsonl m.jsonl.latchkey-state
  /usr/bin/time -f "%M %e" -o time.out java ${LATCHKEY_JAVA_OPTS:-} -jar "$jar" collect timeline $ids -o m.jsonl --quiet
  read -r rss secs <time.out
  echo "$(wc -l <m.jsonl) records: peak RSS $((rss / 1024)) MiB, $secs s"
done
