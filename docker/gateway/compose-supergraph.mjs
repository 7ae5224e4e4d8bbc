// Composes a federation v2 supergraph from running subgraphs: fetches each subgraph's
// `_service { sdl }`, composes them with @theguild/federation-composition and prints the
// supergraph SDL that Hive Gateway serves. Exits 1 with the composition errors on failure.
//
// Usage: node compose-supergraph.mjs NAME=URL [NAME=URL ...] > supergraph.graphql
// Example: node compose-supergraph.mjs registry=http://registry:8080/graphql \
//            nj=http://nj-portal:4001/graphql > supergraph.graphql

import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

/** Fetches the SDL a subgraph reports for itself through `_service { sdl }`. */
export async function fetchSubgraphSdl(url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = await response.json().catch(() => null);
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || typeof sdl !== 'string') {
    throw new Error(`The subgraph at ${url} returned no _service.sdl (HTTP ${response.status}). Check that the URL is its GraphQL endpoint and that it is a federation subgraph.`);
  }
  return sdl;
}

/** Composes `services` ({ name, url }) and returns { supergraphSdl } or { errors }. */
export async function composeSupergraph(services) {
  const subgraphs = [];
  for (const { name, url } of services) {
    subgraphs.push({ name, url, typeDefs: parse(await fetchSubgraphSdl(url)) });
  }
  const result = composeServices(subgraphs);
  if (result.errors?.length) {
    return { errors: result.errors.map((error) => error.message) };
  }
  return { supergraphSdl: result.supergraphSdl };
}

function parseServiceArgs(args) {
  return args.map((arg) => {
    const at = arg.indexOf('=');
    if (at <= 0 || !/^https?:\/\//.test(arg.slice(at + 1))) {
      throw new Error(`The argument "${arg}" is not NAME=URL. Pass each subgraph as, for example, registry=http://127.0.0.1:8080/graphql.`);
    }
    return { name: arg.slice(0, at), url: arg.slice(at + 1) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const services = parseServiceArgs(process.argv.slice(2));
    if (services.length === 0) {
      throw new Error('No subgraphs given. Usage: node compose-supergraph.mjs NAME=URL [NAME=URL ...]');
    }
    const { supergraphSdl, errors } = await composeSupergraph(services);
    if (errors) {
      console.error(`Composition failed with ${errors.length} error(s):\n${errors.join('\n')}`);
      process.exit(1);
    }
    process.stdout.write(supergraphSdl);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
