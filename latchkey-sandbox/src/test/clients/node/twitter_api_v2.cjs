// twitter-api-v2 1.29 calls a collector makes, written for the real X.
'use strict';
const { TwitterApi, ApiResponseError } = require('twitter-api-v2');
const { env, call, check } = require('./harness.cjs');

const user = new TwitterApi({
  appKey: env('X_CONSUMER_KEY'),
  appSecret: env('X_CONSUMER_SECRET'),
  accessToken: env('X_ACCESS_TOKEN'),
  accessSecret: env('X_ACCESS_TOKEN_SECRET'),
});
const target = env('X_TARGET');
const others = env('X_OTHERS').split(',');
let app;

async function appClient() {
  if (!app) {
    app = await new TwitterApi({ appKey: env('X_CONSUMER_KEY'), appSecret: env('X_CONSUMER_SECRET') }).appLogin();
  }
  return app;
}

async function targetId() {
  return (await (await appClient()).v2.userByUsername(target)).data.id;
}

async function main() {
  await call('v1.verifyCredentials', async () => '@' + (await user.v1.verifyCredentials()).screen_name);
  await call('v1.userTimeline_to_the_end', async () => {
    const timeline = await user.v1.userTimelineByUsername(env('X_CAPPED'), { count: 200 });
    const ids = [];
    for await (const tweet of timeline) {
      ids.push(tweet.id_str);
    }
    check(ids.length === 3200, `${ids.length} tweets, not the 3,200 cap`);
    check(new Set(ids).size === ids.length, 'a tweet came twice');
    return `${ids.length} tweets`;
  });
  await call('v1.search', async () => {
    const r = await user.v1.get('search/tweets.json', { q: 'sandbox', count: 20 });
    check(r.statuses.length > 0, 'nothing found');
    return `${r.statuses.length} tweets`;
  });
  await call('v1.users_lookup', async () => {
    const users = await user.v1.users({ screen_name: others });
    check(users.length === others.length, 'wrong count');
    return users.map((u) => u.screen_name).join(',');
  });
  await call('v2.me', async () => '@' + (await user.v2.me()).data.username);
  await call('v2.userByUsername', async () => '@' + (await (await appClient()).v2.userByUsername(target)).data.username);
  await call('v2.users_by_ids_and_usernames', async () => {
    const byName = await (await appClient()).v2.usersByUsernames(others);
    const byId = await (await appClient()).v2.users(byName.data.map((u) => u.id));
    check(byId.data.length === others.length, 'wrong count');
    return byId.data.map((u) => u.username).join(',');
  });
  await call('v2.userTimeline_to_the_end', async () => {
    const capped = env('X_CAPPED_ID');
    const paginator = await user.v2.userTimeline(capped, { max_results: 100 });
    await paginator.fetchLast(100000);
    const ids = paginator.tweets.map((t) => t.id);
    check(ids.length === 3200, `${ids.length} tweets, not the 3,200 cap`);
    check(new Set(ids).size === ids.length, 'a tweet came twice');
    return `${ids.length} tweets`;
  });
  await call('v2.app_only_userTimeline', async () => {
    const r = await (await appClient()).v2.userTimeline(await targetId(), { max_results: 5, expansions: ['author_id'] });
    check(r.tweets.length === 5, `${r.tweets.length} tweets`);
    check(r.includes.users.length > 0, 'no includes.users');
    return `${r.tweets.length} tweets and @${r.includes.users[0].username}`;
  });
  await call('v2.search', async () => {
    const r = await (await appClient()).v2.search('sandbox', { max_results: 10 });
    check(r.tweets.length > 0, 'nothing found');
    return `${r.tweets.length} tweets`;
  });
  await call('v2.followers', async () => {
    const r = await (await appClient()).v2.followers(await targetId(), { max_results: 100 });
    check(r.data.length > 0, 'no followers');
    return `${r.data.length} users`;
  });
  await call('v2.429_then_retry_after_reset', async () => {
    const limit = Number(env('X_CALLS'));
    let limited;
    for (let i = 0; i < limit && !limited; i++) {
      try {
        await user.v2.me();
      } catch (e) {
        if (e instanceof ApiResponseError && e.rateLimitError && e.rateLimit) {
          limited = e;
        } else {
          throw e;
        }
      }
    }
    check(limited, `no 429 in ${limit} calls`);
    const waitMs = limited.rateLimit.reset * 1000 - Date.now() + 1000;
    check(waitMs < 120000, `reset is ${waitMs} ms away`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    const me = await user.v2.me();
    return `429 with reset in ${Math.round(waitMs / 1000)}s, then @${me.data.username}`;
  });
}

main();
