MATCH (c:Code {system: $system, code: $code})
RETURN c.system AS system, c.code AS code, c.title AS title
