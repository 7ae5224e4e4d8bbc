// Stores program links stated in CTDL records between two CTDL programs in the graph.
// Each link carries derived: false and source 'CTDL', so rebuilding the derived stack
// links keeps it.
UNWIND $links AS l
MATCH (a:Program {id: l.from})
MATCH (b:Program {id: l.to})
FOREACH (_ IN CASE WHEN l.kind = 'STACKS_INTO' THEN [1] ELSE [] END |
  MERGE (a)-[r:STACKS_INTO]->(b)
  SET r.derived = false, r.source = 'CTDL', r.creditCarried = l.creditCarried, r.derivation = l.derivation)
FOREACH (_ IN CASE WHEN l.kind = 'PREREQUISITE_FOR' THEN [1] ELSE [] END |
  MERGE (a)-[r:PREREQUISITE_FOR]->(b)
  SET r.derived = false, r.source = 'CTDL', r.creditCarried = l.creditCarried, r.derivation = l.derivation)
RETURN count(*) AS links
