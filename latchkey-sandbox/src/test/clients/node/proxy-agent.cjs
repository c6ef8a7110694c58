// Preloaded with NODE_OPTIONS="--require <this file>": sends every https request of the process
// through HTTPS_PROXY, which Node 20 does not do by itself. With NODE_EXTRA_CA_CERTS naming the
// sandbox's CA, an unchanged script then talks to the sandbox as if it were the real hosts.
'use strict';
const https = require('https');
const { HttpsProxyAgent } = require('https-proxy-agent');

const proxy = process.env.HTTPS_PROXY || process.env.https_proxy;
if (proxy) {
  https.globalAgent = new HttpsProxyAgent(proxy);
}
