// Hive Gateway settings for the registry supergraph (the `GatewayConfig` type of
// @graphql-hive/gateway). The CLI loads this file with `--config-path`; the supergraph
// file comes from compose-supergraph.mjs. It imports nothing, so it loads the same from
// the Docker image and from an npm install anywhere else.
export const gatewayConfig = {
  // The registry validates bearer tokens itself, so the caller's Authorization header is
  // forwarded to it. Other subgraphs get no token unless they are added here.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }: { request: Request; subgraphName: string }) =>
      subgraphName === 'registry' ? { authorization: request.headers.get('authorization') } : undefined,
  },
};
