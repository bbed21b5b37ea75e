// Runs the official InfluxDB 2.x JavaScript clients against a running Bootstrap server, exactly as
// an Influx user would: ping, check setup, onboard, use the returned token, onboard again (refused).
// Usage: node influx-onboarding.mjs http://127.0.0.1:PORT ; exits non-zero on any mismatch.
import assert from 'node:assert/strict';
import { InfluxDB, HttpError } from '@influxdata/influxdb-client';
import { PingAPI, SetupAPI, OrgsAPI, BucketsAPI, MeAPI, AuthorizationsAPI } from '@influxdata/influxdb-client-apis';

const url = process.argv[2];
assert.ok(url, 'usage: node influx-onboarding.mjs <url>');

const anonymous = new InfluxDB({ url });
const setupApi = new SetupAPI(anonymous);

// Before setup, as tools that wait for the server do: GET /ping (PingAPI) and HEAD /ping (the transport).
const pings = [];
const recordPing = (headers, statusCode) => pings.push({ statusCode, build: headers['x-influxdb-build'], version: headers['x-influxdb-version'] });
const pong = await new PingAPI(anonymous).getPing({}, { responseStarted: recordPing });
assert.equal(pong, undefined, 'GET /ping answers no body');
await anonymous.transport.request('/ping', null, { method: 'HEAD' }, recordPing);
assert.equal(pings.length, 2);
for (const ping of pings) {
  assert.equal(ping.statusCode, 204);
  assert.equal(ping.build, 'OSS');
  assert.match(ping.version, /^v2\.7\.\d+$/);
}

const before = await setupApi.getSetup();
assert.equal(before.allowed, true, 'a fresh server allows onboarding');

const onboarding = await setupApi.postSetup({
  body: { username: 'my-user', password: 'my-password-1', org: 'my-org', bucket: 'my-bucket', retentionPeriodSeconds: 86400 },
});
assert.equal(onboarding.user?.name, 'my-user');
assert.equal(onboarding.org?.name, 'my-org');
assert.equal(onboarding.bucket?.name, 'my-bucket');
assert.equal(onboarding.bucket?.retentionRules?.[0]?.everySeconds, 86400);
const token = onboarding.auth?.token;
assert.ok(token, 'the onboarding response carries the operator token');

const authed = new InfluxDB({ url, token });
const me = await new MeAPI(authed).getMe();
assert.equal(me.name, 'my-user');
const orgs = await new OrgsAPI(authed).getOrgs({ org: 'my-org' });
assert.deepEqual(orgs.orgs?.map(o => o.id), [onboarding.org.id]);
const buckets = await new BucketsAPI(authed).getBuckets({ orgID: onboarding.org.id });
assert.deepEqual(buckets.buckets?.map(b => b.name), ['my-bucket']);
const authorizations = await new AuthorizationsAPI(authed).getAuthorizations();
assert.equal(authorizations.authorizations?.length, 1);
assert.equal(authorizations.authorizations[0].token, undefined, 'secrets are never listed');

assert.equal((await setupApi.getSetup()).allowed, false, 'onboarding is one-shot');
await assert.rejects(
  () => setupApi.postSetup({ body: { username: 'x', password: 'another-password', org: 'x', bucket: 'x' } }),
  error => error instanceof HttpError && error.statusCode === 422 && error.code === 'conflict'
    && error.message === 'onboarding has already been completed',
);

const wrong = new InfluxDB({ url, token: 'not-a-token' });
await assert.rejects(() => new MeAPI(wrong).getMe(), error => error instanceof HttpError && error.statusCode === 401);

console.log('influx client compatibility: ok');
