// A sample state-portal subgraph: New Jersey adds its own fields to the registry's Program
// entity and points at registry occupations by SOC code. The data below is illustrative,
// keyed by registry ids that the seed files create; the URLs are placeholders.
//
// Usage: node state-subgraph.mjs PORT   (listens on 127.0.0.1:PORT/graphql)

import http from 'node:http';

import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

export const typeDefs = parse(`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@tag"])

  "A registry program, extended with what the New Jersey portal knows about it."
  type Program @key(fields: "registryId") {
    registryId: String!
    "Page of the program on the state's training explorer."
    njTrainingExplorerUrl: String
    "True when the state lists the program as approved for training funds."
    stateApproved: Boolean!
    "Occupations the state counts as in demand for this program, by SOC 2018 code."
    stateInDemandOccupations: [Occupation!]! @tag(name: "state")
  }

  "A registry occupation, referenced by SOC code and resolved by the registry subgraph."
  type Occupation @key(fields: "socCode", resolvable: false) {
    socCode: String!
  }

  type Query {
    "Programs the state has approved, in registry-id order."
    stateApprovedPrograms: [Program!]!
  }
`);

// Registry id ("nj-etpl-<ETPL id>-<CIP code>" for New Jersey programs) to the state's facts.
const approvals = new Map([
  ['nj-etpl-64-48.0508', { etplId: '64', inDemandSocs: ['51-4121'] }],
  ['nj-etpl-68-48.0508', { etplId: '68', inDemandSocs: ['51-4121', '51-4122'] }],
  ['nj-etpl-146-51.3901', { etplId: '146', inDemandSocs: ['29-2061'] }],
]);

function program(registryId) {
  const approval = approvals.get(registryId);
  return {
    registryId,
    njTrainingExplorerUrl: approval ? `https://example.org/nj-training-explorer/programs/${approval.etplId}` : null,
    stateApproved: Boolean(approval),
    stateInDemandOccupations: (approval?.inDemandSocs ?? []).map((socCode) => ({ socCode })),
  };
}

export const resolvers = {
  Query: {
    stateApprovedPrograms: () => [...approvals.keys()].sort().map(program),
  },
  Program: {
    __resolveReference: (reference) => program(reference.registryId),
  },
};

export function startStateSubgraph(port) {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const handler = createHandler({ schema });
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) {
      handler(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 4102);
  await startStateSubgraph(port);
  console.log(`state subgraph listening on http://127.0.0.1:${port}/graphql`);
}
