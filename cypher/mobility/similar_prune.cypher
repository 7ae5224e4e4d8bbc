// Deletes the SIMILAR_TO edges of occupations that no longer have skill ratings.
// Scans the about 1 000 occupations, which is cheap enough because it runs once per seed, never per request.
MATCH (a:Occupation)-[old:SIMILAR_TO]->(:Occupation)
WHERE NOT a.onetSocCode IN $codes
DELETE old
