// Replaces the SIMILAR_TO edges of a batch of occupations with their current top matches.
// Each row: {from, targets: [{to, score, rank}]}. Edges to occupations no longer in the
// list are deleted, so recomputing after a data change leaves no stale edge.
UNWIND $rows AS row
MATCH (a:Occupation {onetSocCode: row.from})
CALL (a, row) {
  MATCH (a)-[old:SIMILAR_TO]->(b:Occupation)
  WHERE NOT b.onetSocCode IN [t IN row.targets | t.to]
  DELETE old
}
CALL (a, row) {
  UNWIND row.targets AS target
  MATCH (b:Occupation {onetSocCode: target.to})
  MERGE (a)-[s:SIMILAR_TO]->(b)
  SET s.score = target.score, s.rank = target.rank, s.method = $method
}
