// Opportunities by registry id, for federation entity lookups. The caller filters CLOSED
// posts by audience.
UNWIND $keys AS key
MATCH (o:Opportunity {id: key})
RETURN o {.*} AS node
