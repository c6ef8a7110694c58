"""Runs named client calls and prints one JSON line per call for SandboxClientLibrariesTest.

Nothing here knows about the sandbox: the scripts are written for the real X and reach the sandbox
only through the environment (HTTPS_PROXY, REQUESTS_CA_BUNDLE) and the keys they are given.
"""
import json
import os
import sys
import traceback


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"{name} is not set")
    return value


def call(name, fn):
    """Runs fn(); prints {"call", "ok", "detail", "status"}; never raises."""
    try:
        detail = fn()
        out = {"call": name, "ok": True, "detail": str(detail)[:500]}
    except Exception as e:  # report every failure as data, whatever the library raised
        response = getattr(e, "response", None)
        status = getattr(response, "status_code", None)
        out = {
            "call": name,
            "ok": False,
            "status": status,
            "detail": f"{type(e).__name__}: {e}"[:500],
            "trace": traceback.format_exc()[-1500:],
        }
    print(json.dumps(out), flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
