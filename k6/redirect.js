// The redirect benchmark of bench/redirect.sh for machines with k6: GET /<code> over the active
// seed codes, uniform random and one hot code, at 64 and then 256 virtual users, redirects not
// followed. Thresholds: p99 under 50 ms and no answer but a 302.
//
//   k6 run k6/redirect.js                                   (BASE_URL default http://localhost:8080)
//   BASE_URL=http://127.0.0.1:8085 DURATION=20s WARMUP=30s k6 run k6/redirect.js
//
// Load the seed data first (scripts/load-seed.sh $BASE_URL) and raise the rate limits of the
// target (KURZ_RATELIMIT_REQUESTSPERMINUTE=100000000), or most answers are 429s.
import http from 'k6/http';
import { check, fail } from 'k6';
import { Counter } from 'k6/metrics';

const BASE_URL = (__ENV.BASE_URL || 'http://localhost:8080').replace(/\/$/, '');
const DURATION = __ENV.DURATION || '20s';
// Listing the codes takes an admin key (one of KURZ_AUTH_ADMINKEYS); the redirects take none.
const ADMIN_KEY = __ENV.KURZ_ADMIN_KEY || '';
const WARMUP = __ENV.WARMUP || '30s';

const seconds = (d) => parseInt(d, 10) * (d.endsWith('m') ? 60 : 1);
// One scenario after the other, with 2 s between them for the last requests to finish.
const starts = [];
let at = seconds(WARMUP) + 2;
for (let i = 0; i < 4; i++) {
  starts.push(`${at}s`);
  at += seconds(DURATION) + 2;
}

const scenario = (pattern, vus, startTime) => ({
  executor: 'constant-vus',
  exec: pattern,
  vus,
  duration: DURATION,
  startTime,
  gracefulStop: '2s',
});

export const options = {
  discardResponseBodies: true,
  // k6 would otherwise follow the 302 to the target site.
  maxRedirects: 0,
  scenarios: {
    warmup: { ...scenario('uniform', 64, '0s'), duration: WARMUP },
    uniform_c64: scenario('uniform', 64, starts[0]),
    hot_c64: scenario('hot', 64, starts[1]),
    uniform_c256: scenario('uniform', 256, starts[2]),
    hot_c256: scenario('hot', 256, starts[3]),
  },
  // k6 tags every sample with its scenario; the warm-up is left out of the thresholds.
  thresholds: {
    'http_req_duration{scenario:uniform_c64}': ['p(99)<50'],
    'http_req_duration{scenario:hot_c64}': ['p(99)<50'],
    'http_req_duration{scenario:uniform_c256}': ['p(99)<50'],
    'http_req_duration{scenario:hot_c256}': ['p(99)<50'],
    'http_reqs{scenario:uniform_c64}': ['count>0'],
    'http_reqs{scenario:uniform_c256}': ['count>0'],
    not_302: ['count==0'],
    checks: ['rate==1'],
  },
  summaryTrendStats: ['avg', 'p(50)', 'p(90)', 'p(99)', 'max'],
};

const not302 = new Counter('not_302');

export function setup() {
  const headers = ADMIN_KEY ? { Authorization: `Bearer ${ADMIN_KEY}` } : {};
  const res = http.get(`${BASE_URL}/urls?is_active=true`, { responseType: 'text', headers });
  if (res.status !== 200) {
    fail(`GET /urls?is_active=true answered ${res.status}; is ${BASE_URL} up with the seed loaded?`);
  }
  not302.add(0);
  const codes = JSON.parse(res.body).map((url) => url.short_code);
  if (codes.length === 0) {
    fail('no active codes: load the seed data first (scripts/load-seed.sh)');
  }
  return { codes, hot: codes[0] };
}

function redirect(code) {
  const res = http.get(`${BASE_URL}/${code}`, { tags: { name: 'GET /{code}' } });
  const ok = check(res, { 'status is 302': (r) => r.status === 302 });
  if (!ok) {
    not302.add(1);
  }
}

export function uniform(data) {
  redirect(data.codes[Math.floor(Math.random() * data.codes.length)]);
}

export function hot(data) {
  redirect(data.hot);
}
