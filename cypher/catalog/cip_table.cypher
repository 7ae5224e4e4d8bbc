MATCH (c:Code {system: 'CIP'})
WHERE c.level = 'PROGRAM'
RETURN c.code AS code, c.title AS title, coalesce(c.definition, '') AS definition
ORDER BY code
