// tumblr.js 5 calls a collector makes, written for the real Tumblr.
'use strict';
const tumblr = require('tumblr.js');
const { env, call, check } = require('./harness.cjs');

const client = tumblr.createClient({
  consumer_key: env('T_CONSUMER_KEY'),
  consumer_secret: env('T_CONSUMER_SECRET'),
  token: env('T_TOKEN'),
  token_secret: env('T_TOKEN_SECRET'),
});
const keyOnly = tumblr.createClient({ consumer_key: env('T_CONSUMER_KEY') });
const blog = env('T_BLOG');

async function main() {
  await call('userInfo', async () => (await client.userInfo()).user.name);
  await call('blogInfo_with_api_key', async () => (await keyOnly.blogInfo(blog)).blog.name);
  await call('blogPosts_to_the_end', async () => {
    const ids = [];
    let total = 0;
    for (let offset = 0; ; offset += 20) {
      const page = await keyOnly.blogPosts(blog, { offset, limit: 20 });
      total = page.total_posts;
      ids.push(...page.posts.map((p) => p.id_string));
      if (page.posts.length < 20 || !page._links) {
        break;
      }
    }
    check(ids.length === total, `${ids.length} of ${total}`);
    check(new Set(ids).size === ids.length, 'a post came twice');
    return `${ids.length} posts`;
  });
  await call('blogPosts_npf', async () => {
    const page = await client.blogPosts(blog, { npf: true, limit: 5 });
    check(page.posts.every((p) => Array.isArray(p.content)), 'not NPF');
    return `${page.posts.length} NPF posts`;
  });
  await call('taggedPosts', async () => {
    const posts = await client.taggedPosts('sandbox');
    check(posts.length > 0, 'nothing tagged');
    return `${posts.length} posts`;
  });
  await call('userDashboard', async () => `${(await client.userDashboard({ limit: 5 })).posts.length} posts`);
  await call('userLikes', async () => `${(await client.userLikes()).liked_count} likes`);
  await call('userFollowing', async () => `${(await client.userFollowing()).total_blogs} blogs`);
  // Tumblr lists followers only of a blog the user runs.
  await call('blogFollowers_of_own_blog', async () => {
    const r = await client.blogFollowers(env('T_OWN_BLOG'));
    check(r.total_users > 0 && r.users.length > 0, 'no followers');
    return `${r.total_users} followers`;
  });
}

main();
