#!/usr/bin/env python3
"""Ids of seeded sandbox users for the benchmarks: GET BASE/sandbox/ names the users that play each
part; pick COUNT users with full timelines. usage: users.py BASE timeline|big COUNT"""
import json
import sys
import urllib.request

base, kind, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
info = json.load(urllib.request.urlopen(base + "/sandbox/"))
print(json.dumps(info)[:2000], file=sys.stderr) if "-v" in sys.argv else None
users = []
roles = info.get("twitter", info).get("roles", {}) if isinstance(info, dict) else {}
for key in ("timelines_at_cap", "timeline_at_cap", "full_timelines"):
    if key in roles:
        users = roles[key]
        break
if not users:
    users = [u.get("id") or u.get("id_str") for u in info.get("twitter", {}).get("users", [])]
print(" ".join(str(u) for u in users[:count]))
