// Stack links that follow the derivation rule of the pathways module, marked derived so
// `stackability` reads them like derived links.
UNWIND $rows AS row
MATCH (a:Program {id: row.from})
MATCH (b:Program {id: row.to})
MERGE (a)-[s:STACKS_INTO]->(b)
SET s.derived = true, s.generated = true, s.creditCarried = row.creditCarried,
    s.sharedCourses = row.sharedCourses, s.derivation = row.derivation
