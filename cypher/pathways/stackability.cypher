// The programs a program stacks into and the programs that stack into it, up to 4 hops.
MATCH (p:Program {id: $programId})
CALL (p) {
  MATCH path = (p)-[:STACKS_INTO*1..4]->(next:Program)
  RETURN 'UP' AS direction, next AS other, length(path) AS hops, relationships(path)[-1] AS link, nodes(path)[-2].id AS linkFrom, next.id AS linkTo
  UNION ALL
  MATCH path = (previous:Program)-[:STACKS_INTO*1..4]->(p)
  RETURN 'DOWN' AS direction, previous AS other, length(path) AS hops, relationships(path)[0] AS link, previous.id AS linkFrom, nodes(path)[1].id AS linkTo
}
RETURN direction, hops, linkFrom, linkTo, other.id AS id, other.name AS name, other.awardLevel AS awardLevel, other.stage AS stage,
       other.creditHours AS creditHours, other.weeks AS weeks, other.costUsd AS costUsd,
       link.creditCarried AS creditCarried, link.derivation AS derivation
ORDER BY direction, hops, id
