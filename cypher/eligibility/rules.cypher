// Rules of the given subject kinds, in seed order; rules added later without a position come last.
MATCH (r:Rule)
WHERE r.subjectKind IN $kinds
RETURN r {.*, effectiveFrom: toString(r.effectiveFrom), effectiveTo: toString(r.effectiveTo)} AS node
ORDER BY coalesce(r.position, 1000000), r.id
