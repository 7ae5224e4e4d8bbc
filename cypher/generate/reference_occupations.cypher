// Seeded occupations, for the occupation of each generated opportunity.
MATCH (o:Occupation)
RETURN o.socCode AS socCode, o.title AS title, o.medianWage AS medianWage
ORDER BY o.onetSocCode
