"""tweepy 4 Client (v2) calls a collector makes, written for the real X."""
import tweepy

from harness import call, check, env

user_client = tweepy.Client(
    consumer_key=env("X_CONSUMER_KEY"),
    consumer_secret=env("X_CONSUMER_SECRET"),
    access_token=env("X_ACCESS_TOKEN"),
    access_token_secret=env("X_ACCESS_TOKEN_SECRET"),
)
bearer = tweepy.OAuth2AppHandler(env("X_CONSUMER_KEY"), env("X_CONSUMER_SECRET"))._bearer_token
app_client = tweepy.Client(bearer_token=bearer)
target = env("X_TARGET")
others = env("X_OTHERS").split(",")


def target_id():
    return app_client.get_user(username=target).data.id


def tweets_to_end():
    capped = env("X_CAPPED_ID")
    ids = [
        t.id
        for t in tweepy.Paginator(
            user_client.get_users_tweets, capped, max_results=100, user_auth=True
        ).flatten()
    ]
    check(len(ids) == 3200, f"{len(ids)} tweets, not the 3,200 cap")
    check(len(ids) == len(set(ids)), "a tweet came twice")
    return f"{len(ids)} tweets (the cap), pagination_token paging"


def search_recent():
    r = app_client.search_recent_tweets("sandbox", max_results=10, tweet_fields=["created_at"])
    check(r.data, "nothing found")
    return f"{len(r.data)} tweets, next_token={'next_token' in r.meta}"


def followers():
    r = app_client.get_users_followers(target_id(), max_results=100)
    check(r.data, "no followers")
    return f"{len(r.data)} users"


def following():
    r = app_client.get_users_following(target_id(), max_results=100)
    return f"{len(r.data or [])} users"


def get_users():
    by_name = app_client.get_users(usernames=others)
    check(len(by_name.data) == len(others), "wrong count by usernames")
    by_id = app_client.get_users(ids=[u.id for u in by_name.data], user_fields=["created_at"])
    check(len(by_id.data) == len(others), "wrong count by ids")
    return ",".join(u.username for u in by_id.data)


def app_only_tweets():
    r = app_client.get_users_tweets(target_id(), max_results=5, expansions=["author_id"])
    check(r.data and len(r.data) == 5, "not 5 tweets")
    return f"{len(r.data)} tweets, includes={sorted(r.includes)}"


def get_tweets():
    first = app_client.get_users_tweets(target_id(), max_results=5).data
    one = app_client.get_tweet(first[0].id)
    many = app_client.get_tweets([t.id for t in first])
    check(one.data.id == first[0].id and len(many.data) == 5, "lookups differ")
    return f"{one.data.id} and {len(many.data)} more"


call("v2.get_me", lambda: "@" + user_client.get_me(user_auth=True).data.username)
call("v2.get_user_by_username", lambda: "@" + app_client.get_user(username=target).data.username)
call("v2.get_users", get_users)
call("v2.users_tweets_to_the_end", tweets_to_end)
call("v2.search_recent_tweets", search_recent)
call("v2.get_users_followers", followers)
call("v2.get_users_following", following)
call("v2.app_only_users_tweets", app_only_tweets)
call("v2.get_tweet_and_tweets", get_tweets)
