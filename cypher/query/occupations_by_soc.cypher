// One occupation per SOC 2018 code: the lowest O*NET-SOC code under it, so "51-4121"
// resolves to "51-4121.00" as `occupation(code:)` does.
UNWIND $keys AS key
MATCH (o:Occupation {socCode: key})
WITH key, o
ORDER BY o.onetSocCode
WITH key, collect(o)[0] AS o
RETURN o {.*} AS node
