// Outgoing RELATED_TO and SIMILAR_TO edges of a set of occupations, with the facts of the
// occupations they lead to.
UNWIND $codes AS code
MATCH (a:Occupation {onetSocCode: code})-[r:RELATED_TO|SIMILAR_TO]->(b:Occupation)
RETURN a.onetSocCode AS from, b.onetSocCode AS to, type(r) AS kind, r.score AS score,
       r.tier AS tier, r.rank AS rank, b.socCode AS socCode, b.title AS title, b.medianWage AS medianWage
