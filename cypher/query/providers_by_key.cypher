UNWIND $keys AS key
MATCH (v:Provider {id: key})
RETURN v {.*} AS node
