// Codes mapped to one code within two crosswalk hops, in either direction, with each hop's source.
MATCH (start:Code {system: $system, code: $code})
MATCH path = (start)-[:CROSSWALKS_TO*1..2]-(other:Code)
WHERE other <> start AND (size($to) = 0 OR other.system IN $to)
WITH other, path ORDER BY length(path)
WITH other, collect(path)[0] AS path
RETURN other.system AS system, other.code AS code, other.title AS title,
       [r IN relationships(path) | r.source] AS sources,
       [n IN nodes(path)[1..-1] | n.system + ' ' + n.code] AS via
ORDER BY length(path), system, code
LIMIT $limit
