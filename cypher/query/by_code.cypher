// Every record classified with one code, plus occupations for SOC and O*NET-SOC codes.
MATCH (c:Code {system: $system, code: $code})
CALL (c) {
  MATCH (c)<-[:CLASSIFIED_AS]-(n)
  RETURN n
  UNION
  MATCH (c)-[:CROSSWALKS_TO]->(:Code {system: 'ONET_SOC'})<-[:CLASSIFIED_AS]-(n:Occupation)
  RETURN n
}
RETURN CASE WHEN n:Occupation THEN 'Occupation' WHEN n:Program THEN 'Program' ELSE 'Provider' END AS kind,
       coalesce(n.onetSocCode, n.id) AS key
ORDER BY kind, key
LIMIT $limit
