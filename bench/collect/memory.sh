#!/usr/bin/env bash
# Benchmark 3 (issue 10): peak RSS of latchkey collect writing 1,000,000 records vs 10,000 records
# (timelines of users with 1,000+ tweets, --limit 1000 each: 1,000 users vs 10), with the
# launcher's JVM settings, RUNS times each.
# usage: bench/collect/memory.sh [BIG_USERS (default 1000)] [SMALL_USERS (default 10)] [RUNS (default 3)]
source "$(dirname "$0")/lib.sh"
big="${1:-1000}"
small="${2:-10}"
runs="${3:-3}"
start_sandbox --rate-limit "/2/users/:id/tweets=10000000"
cd "$work"
all=$(follower_ids "$big" 1000)
echo "memory: $small vs $big timelines of 1,000 tweets; load $(load)" >&2
for n in "$small" "$big"; do
  ids=$(echo $all | cut -d' ' -f1-"$n")
  : >rss.$n; : >secs.$n
  for r in $(seq 1 "$runs"); do
    rm -f m.jsonl m.jsonl.latchkey-state
    /usr/bin/time -f "%M %e" -o time.out "$root/latchkey" collect timeline $ids --limit 1000 -o m.jsonl --quiet
    read -r rss secs <time.out
    echo "$((rss / 1024))" >>rss.$n; echo "$secs" >>secs.$n
    records=$(wc -l <m.jsonl)
    echo "$records records: peak RSS $((rss / 1024)) MiB, $secs s (load $(load))" >&2
    echo "$records" >records.$n
  done
done
echo "$(cat records.$small) records: peak RSS (MiB) $(stats <rss.$small); seconds $(stats <secs.$small)"
echo "$(cat records.$big) records: peak RSS (MiB) $(stats <rss.$big); seconds $(stats <secs.$big)"
paste <(sort -n rss.$big) <(sort -n rss.$small) | awk '{print $1/$2}' | { printf "ratio big/small (runs sorted): "; stats; }
