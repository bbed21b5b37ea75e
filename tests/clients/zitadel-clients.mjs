// Drives Bootstrap with Zitadel's official JavaScript clients, unchanged:
//   @zitadel/client (Connect: gRPC over HTTP/2 and gRPC-Web) and @zitadel/node (nice-grpc, openid-client).
// Usage: node zitadel-clients.mjs <http-url> <grpc-url> <system-user-id> <system-user-private-key.pem>
// On a fresh server it creates the first instance through the system API with a system-user JWT,
// logs the returned machine key in with the JWT profile grant and sets up organizations with it.
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import assert from 'node:assert/strict';

import { Code } from '@connectrpc/connect';
import { createServerTransport, newSystemToken } from '@zitadel/client/node';
import { createClientTransport } from '@zitadel/client/web';
import { createAdminServiceClient, createSystemServiceClient } from '@zitadel/client/v1';
import { KeyType } from '@zitadel/proto/zitadel/auth_n_key_pb.js';
// @zitadel/node has no package entry point: its README imports from dist/.
import {
  createAccessTokenInterceptor,
  createAdminClient,
  createSystemClient,
} from '@zitadel/node/dist/api/index.js';
import { ServiceAccount } from '@zitadel/node/dist/credentials/index.js';
import { ClientError, Status } from 'nice-grpc';

const [httpUrl, grpcUrl, systemUserId, privateKeyPath] = process.argv.slice(2);
if (!privateKeyPath) {
  throw new Error('usage: node zitadel-clients.mjs <http-url> <grpc-url> <system-user-id> <private-key.pem>');
}
const systemUserKey = readFileSync(privateKeyPath, 'utf8');
const human = (userName) => ({
  userName,
  profile: { firstName: 'Grace', lastName: 'Hopper', nickName: 'amazing', displayName: 'Grace H.', preferredLanguage: 'en' },
  email: { email: `${userName}@example.com`, isEmailVerified: true },
  password: 'Sec-ret-123!',
});

async function expectConnectCode(promise, code, what) {
  const error = await promise.then(() => null, (e) => e);
  // By name: @zitadel/client's transports bring their own copies of @connectrpc/connect.
  assert.equal(error?.name, 'ConnectError', `${what}: expected a ConnectError, got ${error}`);
  assert.equal(error.code, code, `${what}: ${error.message}`);
}

async function expectGrpcStatus(promise, status, what) {
  const error = await promise.then(() => null, (e) => e);
  assert.ok(error instanceof ClientError, `${what}: expected a ClientError, got ${error}`);
  assert.equal(error.code, status, `${what}: ${error.details}`);
}

// 1. The system API refuses a missing and a forged system-user JWT with UNAUTHENTICATED (16).
const anonymousSystem = createSystemClient(grpcUrl);
await expectGrpcStatus(anonymousSystem.addInstance({ instanceName: 'Anonymous' }), Status.UNAUTHENTICATED, 'no credential (gRPC)');

const { privateKey: strangerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const forged = await newSystemToken({
  audience: httpUrl,
  subject: systemUserId,
  key: strangerKey.export({ type: 'pkcs8', format: 'pem' }),
});
const forgedSystem = createSystemServiceClient(createServerTransport(forged, { baseUrl: grpcUrl, httpVersion: '2' }));
await expectConnectCode(forgedSystem.createInstance({ instanceName: 'Forged' }), Code.Unauthenticated, 'forged JWT (gRPC)');
const forgedJson = await fetch(`${httpUrl}/system/v1/instances/_create`, {
  method: 'POST',
  headers: { authorization: `Bearer ${forged}`, 'content-type': 'application/json' },
  body: JSON.stringify({ instanceName: 'Forged' }),
});
assert.equal(forgedJson.status, 401, 'forged JWT (JSON)');
assert.equal((await forgedJson.json()).code, 16, 'forged JWT (JSON) code');

// 2. CreateInstance over gRPC with a system-user JWT made by newSystemToken, on a fresh server:
//    it creates the first instance, owned by a machine user with a PAT and a JSON machine key.
const systemToken = await newSystemToken({ audience: httpUrl, subject: systemUserId, key: systemUserKey });
const system = createSystemServiceClient(createServerTransport(systemToken, { baseUrl: grpcUrl, httpVersion: '2' }));
await system.healthz({});
const created = await system.createInstance({
  instanceName: 'Acme',
  firstOrgName: 'Acme Ops',
  owner: {
    case: 'machine',
    value: { userName: 'deployer', name: 'Deployer', personalAccessToken: {}, machineKey: { type: KeyType.JSON } },
  },
});
assert.match(created.instanceId, /^\d+$/, 'instanceId is a decimal string');
assert.ok(created.pat.length > 20, 'a PAT was returned');
const keyFile = JSON.parse(new TextDecoder().decode(created.machineKey));
assert.equal(keyFile.type, 'serviceaccount');

const setup = await (await fetch(`${httpUrl}/api/v2/setup`)).json();
assert.equal(setup.allowed, false, 'the first run is complete after CreateInstance');

// 3. The machine key logs in through @zitadel/node's ServiceAccount (OIDC discovery + JWT profile grant).
const serviceAccount = ServiceAccount.fromJson(keyFile);
const accessToken = await serviceAccount.authenticate(httpUrl, { apiAccess: true });
assert.ok(accessToken.length > 20, 'an access token was returned');

// 4. AdminService.SetUpOrg over gRPC (@zitadel/node) with that login, and over gRPC-Web (@zitadel/client) with the PAT.
// The token from above: a second login within the same second would sign the identical assertion, which is single-use here.
const adminOverGrpc = createAdminClient(grpcUrl, createAccessTokenInterceptor(accessToken));
await adminOverGrpc.healthz({});
const viaGrpc = await adminOverGrpc.setUpOrg({ org: { name: 'Org over gRPC', domain: '' }, human: human('grpc-owner'), roles: [] });
assert.match(viaGrpc.orgId, /^\d+$/);
assert.match(viaGrpc.userId, /^\d+$/);
await expectGrpcStatus(adminOverGrpc.setUpOrg({ org: { name: 'Org over gRPC', domain: '' }, human: human('grpc-owner-2'), roles: [] }),
  Status.ALREADY_EXISTS, 'duplicate org over gRPC');
await expectGrpcStatus(
  createAdminClient(grpcUrl, createAccessTokenInterceptor('not-a-token')).setUpOrg({ org: { name: 'Nope' }, human: human('nope') }),
  Status.UNAUTHENTICATED, 'unknown token on the admin API');

const adminOverGrpcWeb = createAdminServiceClient(createClientTransport(created.pat, { baseUrl: httpUrl }));
await adminOverGrpcWeb.healthz({});
const viaGrpcWeb = await adminOverGrpcWeb.setUpOrg({
  org: { name: 'Org over gRPC-Web', domain: 'web.example.com' },
  user: { case: 'human', value: human('web-owner') },
  roles: ['ORG_OWNER'],
});
assert.match(viaGrpcWeb.orgId, /^\d+$/);
await expectConnectCode(
  adminOverGrpcWeb.setUpOrg({ org: { name: 'Weak' }, user: { case: 'human', value: { ...human('weak'), password: 'password' } } }),
  Code.InvalidArgument, 'weak password over gRPC-Web');

// 5. The same system JWT on the JSON door creates a second instance.
const viaJson = await fetch(`${httpUrl}/system/v1/instances/_create`, {
  method: 'POST',
  headers: { authorization: `Bearer ${systemToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    instanceName: 'Second',
    customDomain: 'second.example.com',
    human: { userName: 'second-owner', email: { email: 'owner@second.example.com' }, profile: { firstName: 'S', lastName: 'O' }, password: { password: 'Sec-ret-123!' } },
  }),
});
const viaJsonBody = await viaJson.json();
assert.equal(viaJson.status, 200, JSON.stringify(viaJsonBody));
assert.match(viaJsonBody.instanceId, /^\d+$/);
assert.notEqual(viaJsonBody.instanceId, created.instanceId);

console.log('zitadel client compatibility: ok');
