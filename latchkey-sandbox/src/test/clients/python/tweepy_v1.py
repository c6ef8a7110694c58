"""tweepy 4 API (v1.1) calls a collector makes, written for the real X."""
import tweepy

from harness import call, check, env

auth = tweepy.OAuth1UserHandler(
    env("X_CONSUMER_KEY"), env("X_CONSUMER_SECRET"), env("X_ACCESS_TOKEN"), env("X_ACCESS_TOKEN_SECRET")
)
api = tweepy.API(auth)
target = env("X_TARGET")
others = env("X_OTHERS").split(",")


def timeline_to_end():
    # X serves the newest 3,200 tweets of a timeline, however many there are.
    capped = env("X_CAPPED")
    ids = [t.id for t in tweepy.Cursor(api.user_timeline, screen_name=capped, count=200).items()]
    check(len(ids) == 3200, f"{len(ids)} tweets, not the 3,200 cap")
    check(len(ids) == len(set(ids)), "a tweet came twice")
    check(ids == sorted(ids, reverse=True), "not newest first")
    return f"@{capped}: {len(ids)} tweets (the cap), max_id paging"


def search():
    found = api.search_tweets(q="sandbox", count=20)
    check(len(found) > 0, "nothing found")
    return f"{len(found)} tweets"


def follower_ids():
    popular = env("X_POPULAR")
    pages = list(tweepy.Cursor(api.get_follower_ids, screen_name=popular, count=5000).pages(3))
    ids = [i for p in pages for i in p]
    check(len(pages) == 3 and len(ids) == 15000, f"{len(ids)} ids in {len(pages)} pages")
    check(len(set(ids)) == len(ids), "an id came twice")
    return f"@{popular}: {len(ids)} ids in {len(pages)} cursored pages"


def followers_list():
    users = api.get_followers(screen_name=target, count=50)
    check(users and users[0].screen_name, "no followers")
    return f"{len(users)} users"


def friends_list():
    users = api.get_friends(screen_name=target, count=50)
    return f"{len(users)} users"


def lookup_users():
    users = api.lookup_users(screen_name=others)
    check(sorted(u.screen_name.lower() for u in users) == sorted(o.lower() for o in others), "wrong users")
    return ",".join(u.screen_name for u in users)


def app_only():
    app = tweepy.API(tweepy.OAuth2AppHandler(env("X_CONSUMER_KEY"), env("X_CONSUMER_SECRET")))
    user = app.get_user(screen_name=target)
    tweets = app.user_timeline(screen_name=target, count=3)
    check(len(tweets) == 3, f"{len(tweets)} tweets")
    return f"@{user.screen_name}, {len(tweets)} tweets"


call("v1.verify_credentials", lambda: "@" + api.verify_credentials().screen_name)
call("v1.get_user", lambda: "@" + api.get_user(screen_name=target).screen_name)
call("v1.user_timeline_to_the_end", timeline_to_end)
call("v1.search_tweets", search)
call("v1.get_follower_ids", follower_ids)
call("v1.get_followers", followers_list)
call("v1.get_friends", friends_list)
call("v1.lookup_users", lookup_users)
call("v1.app_only_reads", app_only)
