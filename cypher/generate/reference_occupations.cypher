// Seeded occupations, for the occupation of each generated opportunity.
// Scans the about 1 000 occupations, which is cheap enough because it runs once per `generate`, never per request.
MATCH (o:Occupation)
RETURN o.socCode AS socCode, o.title AS title, o.medianWage AS medianWage
ORDER BY o.onetSocCode
