// Services by registry id, with the eligibility rules stored for each, in rule order.
UNWIND $keys AS key
MATCH (s:Service {id: key})
OPTIONAL MATCH (s)-[:HAS_RULE]->(r:Rule)
WITH s, r ORDER BY coalesce(r.position, 1000000), r.id
WITH s, collect(r {.id, .field, .operator, .threshold, .unit, .source, .verification,
                   effectiveFrom: toString(r.effectiveFrom), effectiveTo: toString(r.effectiveTo)}) AS rules
RETURN s {.*, rules: rules} AS node
