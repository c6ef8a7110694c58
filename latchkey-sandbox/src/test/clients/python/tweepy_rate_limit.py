"""tweepy's wait_on_rate_limit: a 429 makes it sleep until x-rate-limit-reset, then succeed."""
import logging
import time

import tweepy

from harness import call, check, env

slept = []


class SleepLog(logging.Handler):
    def emit(self, record):
        if "Sleeping for" in record.getMessage():
            slept.append(record.getMessage())


logging.getLogger("tweepy").addHandler(SleepLog())
logging.getLogger("tweepy").setLevel(logging.WARNING)
auth = tweepy.OAuth1UserHandler(
    env("X_CONSUMER_KEY"), env("X_CONSUMER_SECRET"), env("X_ACCESS_TOKEN"), env("X_ACCESS_TOKEN_SECRET")
)
calls = int(env("X_CALLS"))


def v1():
    api = tweepy.API(auth, wait_on_rate_limit=True)
    start, before = time.monotonic(), len(slept)
    for _ in range(calls):
        api.get_user(screen_name=env("X_TARGET"))
    check(len(slept) > before, "never slept")
    return f"{calls} calls in {time.monotonic() - start:.1f}s; {slept[-1]}"


def v2():
    client = tweepy.Client(
        consumer_key=env("X_CONSUMER_KEY"),
        consumer_secret=env("X_CONSUMER_SECRET"),
        access_token=env("X_ACCESS_TOKEN"),
        access_token_secret=env("X_ACCESS_TOKEN_SECRET"),
        wait_on_rate_limit=True,
    )
    start, before = time.monotonic(), len(slept)
    for _ in range(calls):
        client.get_me(user_auth=True)
    check(len(slept) > before, "never slept")
    return f"{calls} calls in {time.monotonic() - start:.1f}s; {slept[-1]}"


call("v1.wait_on_rate_limit", v1)
call("v2.wait_on_rate_limit", v2)
