"""tweepy's OAuth2UserHandler (authorization code + PKCE), with the consent page clicked by requests."""
import re
from urllib.parse import urljoin

import requests
import tweepy

from harness import call, check, env


def pkce():
    handler = tweepy.OAuth2UserHandler(
        client_id=env("X_CLIENT_ID"),
        redirect_uri="http://127.0.0.1:9/callback",
        scope=["tweet.read", "users.read", "offline.access"],
        client_secret=env("X_CLIENT_SECRET"),
    )
    url = handler.get_authorization_url()
    check(url.startswith("https://twitter.com/i/oauth2/authorize?"), url)
    verifier_length = len(handler._client.code_verifier)
    page = requests.get(url, timeout=30)
    check(page.status_code == 200, f"consent page {page.status_code}")
    request_id = re.search(r'name="request_id" value="([^"]+)"', page.text).group(1)
    consent = requests.post(
        urljoin(url, "authorize"),
        data={"request_id": request_id, "user_id": env("X_PKCE_USER"), "allow": "1"},
        allow_redirects=False,
        timeout=30,
    )
    check(consent.status_code == 302, f"consent answered {consent.status_code}")
    token = handler.fetch_token(consent.headers["Location"])
    check("refresh_token" in token, "no refresh token with offline.access")
    me = tweepy.Client(token["access_token"]).get_me(user_auth=False).data
    return f"@{me.username} via a {verifier_length}-character code verifier"


call("oauth2.pkce_user_handler", pkce)
