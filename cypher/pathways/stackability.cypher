// The transitive stack of a program in both directions: every program reachable over at
// most 8 links (STACKS_INTO, PREREQUISITE_FOR, PREPARES_FOR_APPRENTICESHIP), on simple
// paths, with the shortest distance and the nearest link of each. Award ranks run 1 to 6,
// so 8 links cover any stack the derivation rule builds.
// NOTE: Neo4j 5.26's default runtime fails on that row of nulls once the graph is large
// ("AnyValue.writeTo ... value is null"); the slotted runtime returns it.
CYPHER runtime=slotted
MATCH (p:Program {id: $programId})
OPTIONAL CALL (p) {
  MATCH path = (p)-[:STACKS_INTO|PREREQUISITE_FOR|PREPARES_FOR_APPRENTICESHIP*1..8]->(other:Program)
  WHERE other <> p AND all(i IN range(0, length(path) - 1) WHERE NOT nodes(path)[i] IN nodes(path)[i + 1..])
  RETURN 'UP' AS direction, other, length(path) AS hops, relationships(path)[-1] AS link, nodes(path)[-2].id AS linkFrom, other.id AS linkTo
  UNION ALL
  MATCH path = (other:Program)-[:STACKS_INTO|PREREQUISITE_FOR|PREPARES_FOR_APPRENTICESHIP*1..8]->(p)
  WHERE other <> p AND all(i IN range(0, length(path) - 1) WHERE NOT nodes(path)[i] IN nodes(path)[i + 1..])
  RETURN 'DOWN' AS direction, other, length(path) AS hops, relationships(path)[0] AS link, other.id AS linkFrom, nodes(path)[1].id AS linkTo
}
WITH p, direction, other, hops, link, linkFrom, linkTo
ORDER BY direction, other.id, hops, linkFrom, linkTo
// A program without links has one row of nulls. Its map is left out of the collect, because
// collecting a map that holds a null relationship fails inside Neo4j 5.26.
WITH p, direction, other, collect(CASE WHEN other IS NULL THEN null ELSE {hops: hops, link: link, linkFrom: linkFrom, linkTo: linkTo} END)[0] AS nearest
RETURN p {.id, .name, .awardLevel, .stage, .creditHours, .weeks, .costUsd, .weeksEstimated, .costEstimated, .weeksBasis, .costBasis, .credentialType} AS program,
       direction, nearest.hops AS hops, nearest.linkFrom AS linkFrom, nearest.linkTo AS linkTo,
       other {.id, .name, .awardLevel, .stage, .creditHours, .weeks, .costUsd, .weeksEstimated, .costEstimated, .weeksBasis, .costBasis, .credentialType} AS other,
       type(nearest.link) AS linkKind, nearest.link.creditCarried AS creditCarried, nearest.link.derivation AS derivation
ORDER BY direction, hops, other.id
