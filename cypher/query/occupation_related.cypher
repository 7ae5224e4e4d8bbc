UNWIND $keys AS key
MATCH (:Occupation {onetSocCode: key})-[r:RELATED_TO]->(o:Occupation)
RETURN key, o.onetSocCode AS related, r.tier AS tier, r.rank AS rank
ORDER BY key, r.rank
