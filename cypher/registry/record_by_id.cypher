MATCH (n:__LABEL__ {id: $id})
OPTIONAL MATCH (n)-[:OFFERED_BY]->(v:Provider)
RETURN n {.*} AS node, head(collect(v.id)) AS linkedProvider
