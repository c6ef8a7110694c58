#!/usr/bin/python3
"""The peer for the collection benchmarks: tweepy (Debian's python3-tweepy) collecting timelines
with Client + Paginator and writing JSONL, pointed at the sandbox by rewriting its hard-coded host.

usage: tweepy_timeline.py KEYS_JSON BASE OUT.jsonl wait|plain USER_ID...
Prints one JSON line: records, requests, 429s, first request and last record times (epoch s).
The keys come from a file, never the command line.
"""
import json
import sys
import time

import requests
import tweepy

keys_file, base, out_path, mode, *user_ids = sys.argv[1:]
keys = json.load(open(keys_file))["twitter"]

stats = {"requests": 0, "refused": 0, "first_request": None, "last_record": None, "records": 0}


class SandboxSession(requests.Session):
    """tweepy's Client always calls https://api.twitter.com; send it to the sandbox instead."""

    def request(self, method, url, *args, **kwargs):
        if stats["first_request"] is None:
            stats["first_request"] = time.time()
        stats["requests"] += 1
        url = url.replace("https://api.twitter.com", base + "/twitter", 1)
        response = super().request(method, url, *args, **kwargs)
        if response.status_code == 429:
            stats["refused"] += 1
        return response


client = tweepy.Client(
    consumer_key=keys["consumer_key"],
    consumer_secret=keys["consumer_secret"],
    access_token=keys["access_token"],
    access_token_secret=keys["access_token_secret"],
    wait_on_rate_limit=(mode == "wait"),
)
client.session = SandboxSession()

with open(out_path, "w", encoding="utf-8") as out:
    for user_id in user_ids:
        for tweet in tweepy.Paginator(
            client.get_users_tweets,
            user_id,
            max_results=100,
            user_auth=True,
            tweet_fields=[
                "attachments", "author_id", "conversation_id", "created_at", "entities", "geo",
                "id", "in_reply_to_user_id", "lang", "possibly_sensitive", "public_metrics",
                "referenced_tweets", "reply_settings", "source", "text", "withheld",
            ],
            # the same fields and expansions latchkey asks for, so both get the same records
            user_fields=[
                "created_at", "description", "entities", "id", "location", "name",
                "pinned_tweet_id", "profile_image_url", "protected", "public_metrics", "url",
                "username", "verified", "withheld",
            ],
            expansions=[
                "author_id", "in_reply_to_user_id", "referenced_tweets.id", "referenced_tweets.id.author_id",
                "entities.mentions.username",
                "attachments.media_keys", "geo.place_id",
            ],
            media_fields=[
                "alt_text", "duration_ms", "height", "media_key", "preview_image_url",
                "public_metrics", "type", "url", "width",
            ],
            place_fields=[
                "contained_within", "country", "country_code", "full_name", "geo", "id", "name",
                "place_type",
            ],
        ).flatten():
            out.write(json.dumps(tweet.data) + "\n")
            stats["records"] += 1
            stats["last_record"] = time.time()

print(json.dumps(stats))
