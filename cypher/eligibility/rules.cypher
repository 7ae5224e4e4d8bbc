// Rules of the given subject kinds, in seed order; rules added later without a position come last.
// A rule deleted by another transaction while this one reads it projects as an empty map;
// the id check drops it, so the read sees the rule set after the deletion.
MATCH (r:Rule)
WHERE r.subjectKind IN $kinds
WITH r {.*, effectiveFrom: toString(r.effectiveFrom), effectiveTo: toString(r.effectiveTo)} AS node
WHERE node.id IS NOT NULL
RETURN node
ORDER BY coalesce(node.position, 1000000), node.id
