CALL db.index.fulltext.queryNodes('registry_search', $query) YIELD node, score
WITH node, score,
     CASE WHEN node:Occupation THEN 'Occupation' WHEN node:Program THEN 'Program'
          WHEN node:Provider THEN 'Provider' ELSE 'Skill' END AS kind,
     coalesce(node.onetSocCode, node.id, node.elementId) AS key
WHERE $afterScore IS NULL OR score < $afterScore OR (score = $afterScore AND kind + ':' + key > $afterKey)
RETURN kind, key, score
ORDER BY score DESC, kind + ':' + key
LIMIT $limit
