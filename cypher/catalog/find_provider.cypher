// Finds an IPEDS institution whose name equals $name, ignoring case.
CALL db.index.fulltext.queryNodes('registry_search', $phrase) YIELD node
WITH node WHERE node:Provider AND node.kind = 'INSTITUTION' AND toLower(node.name) = toLower($name)
RETURN node.id AS id
ORDER BY id
LIMIT 1
