// Federation and GraphQL-over-HTTP checks against a running registry server:
//   1. the registry's `_service { sdl }` composes with the sample state subgraph through
//      docker/gateway/compose-supergraph.mjs, the script operators use,
//   2. Hive Gateway, with docker/gateway/gateway.config.ts, joins both subgraphs in one query,
//   3. the graphql-http server audit passes every MUST against the registry.
// Prints one line per check and closes with "N passed, M failed"; exits 1 on any failure.
//
// Usage: node check.mjs REGISTRY_GRAPHQL_URL STATE_PORT GATEWAY_PORT

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { auditServer } from 'graphql-http';

import { startStateSubgraph } from './state-subgraph.mjs';

const [registryUrl, statePort, gatewayPort] = process.argv.slice(2);
if (!registryUrl || !statePort || !gatewayPort) {
  console.error('usage: node check.mjs REGISTRY_GRAPHQL_URL STATE_PORT GATEWAY_PORT');
  process.exit(2);
}

let passed = 0;
let failed = 0;

function check(name, condition, detail = '') {
  if (condition) {
    passed += 1;
    console.log(`ok    ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL  ${name}${detail ? `: ${detail}` : ''}`);
  }
}

async function post(url, query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function waitFor(url, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const { status } = await post(url, '{ __typename }');
      if (status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

// 1. Composition of the registry subgraph with the state subgraph.
const service = await post(registryUrl, '{ _service { sdl } }');
const registrySdl = service.body?.data?._service?.sdl ?? '';
check('registry serves _service.sdl', registrySdl.length > 0, JSON.stringify(service.body).slice(0, 300));
check('registry SDL links federation v2', /@link\(\s*url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/.test(registrySdl));

const stateServer = await startStateSubgraph(Number(statePort));
const stateUrl = `http://127.0.0.1:${statePort}/graphql`;
const gatewayDir = join(import.meta.dirname, '../../docker/gateway');
// The state subgraph serves requests from this process, so the composer must not block it.
const composition = await runNode([join(gatewayDir, 'compose-supergraph.mjs'), `registry=${registryUrl}`, `state=${stateUrl}`]);
check('composition has no errors', composition.status === 0, composition.stderr.slice(0, 2000));
if (composition.status !== 0) {
  stateServer.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}

// 2. Queries through Hive Gateway serving the composed supergraph.
const workDir = mkdtempSync(join(tmpdir(), 'ler-federation-'));
const supergraphPath = join(workDir, 'supergraph.graphql');
writeFileSync(supergraphPath, composition.stdout);
const gateway = spawn(
  process.execPath,
  [join(import.meta.dirname, 'node_modules/@graphql-hive/gateway/dist/bin.js'), 'supergraph', supergraphPath, '--config-path', join(gatewayDir, 'gateway.config.ts'), '--host', '127.0.0.1', '--port', gatewayPort],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let gatewayLog = '';
gateway.stdout.on('data', (chunk) => { gatewayLog += chunk; });
gateway.stderr.on('data', (chunk) => { gatewayLog += chunk; });
const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
const gatewayUp = await waitFor(gatewayUrl, 120);
check('gateway starts on the supergraph', gatewayUp, gatewayLog.slice(-2000));

if (gatewayUp) {
  // The state subgraph owns the list; the gateway fetches registry fields by registryId
  // and occupations by SOC code through the registry's `_entities`.
  const fromState = await post(gatewayUrl, `{
    stateApprovedPrograms {
      registryId name stateApproved njTrainingExplorerUrl
      provider { registryId }
      stateInDemandOccupations { socCode onetSocCode title }
    }
  }`);
  const programs = fromState.body?.data?.stateApprovedPrograms ?? [];
  const welding = programs.find((p) => p.registryId === 'nj-etpl-64-48.0508');
  check('gateway returns state programs', programs.length === 3, JSON.stringify(fromState.body).slice(0, 500));
  check('gateway joins registry name into state program', welding?.name === 'Welding Technology/Welder', JSON.stringify(welding));
  check('gateway joins registry provider into state program', typeof welding?.provider?.registryId === 'string', JSON.stringify(welding));
  check('gateway resolves occupation by SOC key', welding?.stateInDemandOccupations?.[0]?.onetSocCode === '51-4121.00', JSON.stringify(welding));
  check('gateway query from state has no errors', fromState.body?.errors === undefined, JSON.stringify(fromState.body?.errors));

  // The registry owns the root field; the gateway fetches state fields by registryId.
  const fromRegistry = await post(gatewayUrl, `query ($id: ID!) {
    program(id: $id) { registryId name credentialType stateApproved njTrainingExplorerUrl }
  }`, { id: 'nj-etpl-146-51.3901' });
  const nurse = fromRegistry.body?.data?.program;
  check('gateway joins state fields into registry program', nurse?.stateApproved === true && nurse?.njTrainingExplorerUrl?.endsWith('/146'), JSON.stringify(fromRegistry.body).slice(0, 500));

  const page = await post(gatewayUrl, '{ programs(first: 20) { edges { node { registryId name stateApproved } } } }');
  const edges = page.body?.data?.programs?.edges ?? [];
  check('gateway joins a registry page with state fields', edges.length === 20 && edges.every((e) => typeof e.node.stateApproved === 'boolean'), JSON.stringify(page.body).slice(0, 500));

  const occupation = await post(gatewayUrl, '{ occupation(code: "51-4121") { onetSocCode skills(first: 2) { edges { node { elementId } } } } }');
  check('gateway serves registry-only fields', occupation.body?.data?.occupation?.onetSocCode === '51-4121.00', JSON.stringify(occupation.body).slice(0, 500));
}
gateway.kill('SIGTERM');
stateServer.close();

// 3. The graphql-http server audit against the registry itself.
const results = await auditServer({ url: registryUrl });
const counts = { MUST: { ok: 0, other: 0 }, SHOULD: { ok: 0, other: 0 }, MAY: { ok: 0, other: 0 } };
for (const result of results) {
  const level = result.name.split(' ')[0];
  const bucket = counts[level];
  if (!bucket) continue;
  if (result.status === 'ok') bucket.ok += 1;
  else bucket.other += 1;
  if (level === 'MUST') {
    check(`audit ${result.id} ${result.name}`, result.status === 'ok', result.reason);
  } else if (result.status !== 'ok') {
    console.log(`note  audit ${result.id} ${result.name}: ${result.status}: ${result.reason}`);
  }
}
console.log(`audit: ${results.length} audits; MUST ${counts.MUST.ok} ok, ${counts.MUST.other} not; SHOULD ${counts.SHOULD.ok} ok, ${counts.SHOULD.other} not; MAY ${counts.MAY.ok} ok, ${counts.MAY.other} not`);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
