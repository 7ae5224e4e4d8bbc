// Deletes the SIMILAR_TO edges of occupations that no longer have skill ratings.
MATCH (a:Occupation)-[old:SIMILAR_TO]->(:Occupation)
WHERE NOT a.onetSocCode IN $codes
DELETE old
