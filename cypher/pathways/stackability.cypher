// The transitive stack of a program in both directions: every program reachable over at
// most 8 links (STACKS_INTO, PREREQUISITE_FOR, PREPARES_FOR_APPRENTICESHIP), on simple
// paths, with the shortest distance and the nearest link of each. Award ranks run 1 to 6,
// so 8 links cover any stack the derivation rule builds.
// A SELF row always comes back, so a program without links still has one row, and no row
// holds a null node or relationship: Neo4j 5.26 failed to write such rows
// ("AnyValue.writeTo ... value is null") under concurrent load.
MATCH (p:Program {id: $programId})
CALL (p) {
  MATCH path = (p)-[:STACKS_INTO|PREREQUISITE_FOR|PREPARES_FOR_APPRENTICESHIP*1..8]->(other:Program)
  WHERE other <> p AND all(i IN range(0, length(path) - 1) WHERE NOT nodes(path)[i] IN nodes(path)[i + 1..])
  WITH other, path, relationships(path)[-1] AS link
  RETURN 'UP' AS direction, other, length(path) AS hops, type(link) AS linkKind, link.creditCarried AS creditCarried,
         link.derivation AS derivation, nodes(path)[-2].id AS linkFrom, other.id AS linkTo
  UNION ALL
  MATCH path = (other:Program)-[:STACKS_INTO|PREREQUISITE_FOR|PREPARES_FOR_APPRENTICESHIP*1..8]->(p)
  WHERE other <> p AND all(i IN range(0, length(path) - 1) WHERE NOT nodes(path)[i] IN nodes(path)[i + 1..])
  WITH other, path, relationships(path)[0] AS link
  RETURN 'DOWN' AS direction, other, length(path) AS hops, type(link) AS linkKind, link.creditCarried AS creditCarried,
         link.derivation AS derivation, other.id AS linkFrom, nodes(path)[1].id AS linkTo
  UNION ALL
  RETURN 'SELF' AS direction, p AS other, 0 AS hops, '' AS linkKind, 0.0 AS creditCarried, '' AS derivation,
         p.id AS linkFrom, p.id AS linkTo
}
WITH p, direction, other, hops, linkKind, creditCarried, derivation, linkFrom, linkTo
ORDER BY direction, other.id, hops, linkFrom, linkTo
WITH p, direction, other,
     collect({hops: hops, linkKind: linkKind, creditCarried: creditCarried, derivation: derivation, linkFrom: linkFrom, linkTo: linkTo})[0] AS nearest
RETURN p {.id, .name, .awardLevel, .stage, .creditHours, .weeks, .costUsd, .weeksEstimated, .costEstimated, .weeksBasis, .costBasis, .credentialType} AS program,
       direction, nearest.hops AS hops, nearest.linkFrom AS linkFrom, nearest.linkTo AS linkTo,
       other {.id, .name, .awardLevel, .stage, .creditHours, .weeks, .costUsd, .weeksEstimated, .costEstimated, .weeksBasis, .costBasis, .credentialType} AS other,
       nearest.linkKind AS linkKind, nearest.creditCarried AS creditCarried, nearest.derivation AS derivation
ORDER BY direction, hops, other.id
