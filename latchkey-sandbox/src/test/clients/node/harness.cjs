// Runs named client calls and prints one JSON line per call for SandboxClientLibrariesTest.
// Nothing here knows about the sandbox: the scripts are written for the real hosts and reach the
// sandbox only through the environment (HTTPS_PROXY with proxy-agent.cjs, NODE_EXTRA_CA_CERTS).
'use strict';

function env(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

async function call(name, fn) {
  let out;
  try {
    const detail = await fn();
    out = { call: name, ok: true, detail: String(detail).slice(0, 500) };
  } catch (e) {
    // twitter-api-v2 puts the HTTP status in e.code; tumblr.js only in the message.
    const fromMessage = /API error: (\d{3})/.exec(String(e.message));
    const status = Number.isInteger(e.code) ? e.code : fromMessage ? Number(fromMessage[1]) : null;
    out = {
      call: name,
      ok: false,
      status,
      detail: `${e.name}: ${e.message}`.slice(0, 500),
      trace: String(e.stack).slice(-1500),
    };
  }
  console.log(JSON.stringify(out));
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

module.exports = { env, call, check };
