// Smoke test of a running Kurz: health, create a user, shorten a link for that user, follow the
// short link (a 302 to the original URL, not followed further), list the user's links.
//
//   k6 run k6/smoke.js                                      (BASE_URL default http://localhost:8080)
//   BASE_URL=http://127.0.0.1:8085 k6 run k6/smoke.js
import http from 'k6/http';
import { check, group } from 'k6';

const BASE_URL = (__ENV.BASE_URL || 'http://localhost:8080').replace(/\/$/, '');
const JSON_HEADERS = { headers: { 'Content-Type': 'application/json' } };

export const options = {
  vus: 1,
  iterations: 1,
  maxRedirects: 0,
  thresholds: {
    checks: ['rate==1'],
    http_req_failed: ['rate==0'],
  },
};

// A 302 is the expected answer of a redirect, not a failure.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 299 }, 302));

export default function () {
  const tag = `${Date.now()}-${__VU}-${__ITER}`;
  const target = `https://example.com/smoke/${tag}`;

  group('health', () => {
    const res = http.get(`${BASE_URL}/health`);
    check(res, { 'health is 200': (r) => r.status === 200 });
  });

  let userId;
  let apiKey;
  group('create user', () => {
    const res = http.post(`${BASE_URL}/users`,
      JSON.stringify({ username: `smoke-${tag}`, email: `smoke-${tag}@example.com` }), JSON_HEADERS);
    check(res, {
      'user is 201': (r) => r.status === 201,
      'user has an id': (r) => r.status === 201 && r.json('id') > 0,
    });
    userId = res.status === 201 ? res.json('id') : undefined;
    // The user's first key (absent when the service runs in the open mode).
    apiKey = res.status === 201 ? res.json('api_key') : undefined;
  });
  const withKey = (headers) => (apiKey ? Object.assign({}, headers, { Authorization: `Bearer ${apiKey}` }) : headers);

  let code;
  group('shorten', () => {
    const res = http.post(`${BASE_URL}/shorten`, JSON.stringify({ url: target, user_id: userId }),
      { headers: withKey(JSON_HEADERS.headers) });
    check(res, {
      'shorten is 201': (r) => r.status === 201,
      'shorten has a short code': (r) => r.status === 201 && typeof r.json('short_code') === 'string',
      'short_url ends with the code': (r) => r.status === 201 && r.json('short_url').endsWith(`/${r.json('short_code')}`),
    });
    code = res.status === 201 ? res.json('short_code') : undefined;
  });

  group('redirect', () => {
    const res = http.get(`${BASE_URL}/${code}`, { tags: { name: 'GET /{code}' } });
    check(res, {
      'redirect is 302': (r) => r.status === 302,
      'Location is the original URL': (r) => r.headers['Location'] === target,
    });
  });

  group('list', () => {
    const res = http.get(`${BASE_URL}/urls?user_id=${userId}`, { headers: withKey({}) });
    check(res, {
      'list is 200': (r) => r.status === 200,
      'list holds the new link': (r) => r.status === 200 && r.json().some((u) => u.short_code === code),
    });
  });
}
