UNWIND $keys AS key
MATCH (o:Occupation {onetSocCode: key})
RETURN o {.*} AS node
