MATCH (c:Code) RETURN c.system AS name, count(*) AS count ORDER BY name
