UNWIND $keys AS key
MATCH (s:Skill {elementId: key})
RETURN s {.*} AS node
