// One page of the transition export: the outgoing edges of the next $limit occupations
// after $after in O*NET-SOC code order (keyset paging on the unique code).
MATCH (a:Occupation)
WHERE a.onetSocCode > $after
WITH a ORDER BY a.onetSocCode LIMIT $limit
OPTIONAL MATCH (a)-[r:RELATED_TO|SIMILAR_TO]->(b:Occupation)
RETURN a.onetSocCode AS from, a.title AS fromTitle, a.medianWage AS fromMedianWage,
       b.onetSocCode AS to, b.title AS toTitle, b.medianWage AS toMedianWage,
       type(r) AS kind, r.score AS score, r.tier AS tier, r.rank AS rank, r.method AS method
ORDER BY from, kind, rank, to
