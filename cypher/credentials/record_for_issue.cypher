// Finds an issuable record by id: a Program or Course by `id`, an Occupation by its
// O*NET-SOC code, or a Skill by its O*NET element id. Each branch is a unique-index seek.
CALL () {
  MATCH (r:Program {id: $recordId}) RETURN r, 'Program' AS kind
  UNION
  MATCH (r:Course {id: $recordId}) RETURN r, 'Course' AS kind
  UNION
  MATCH (r:Occupation {onetSocCode: $recordId}) RETURN r, 'Occupation' AS kind
  UNION
  MATCH (r:Skill {elementId: $recordId}) RETURN r, 'Skill' AS kind
}
OPTIONAL MATCH (issuer:Provider {id: $providerId})
RETURN kind, elementId(r) AS nodeId,
       coalesce(r.name, r.title, $recordId) AS name,
       r.description AS description, r.ctid AS ctid, r.url AS url,
       issuer.name AS issuerName, issuer.url AS issuerUrl,
       (EXISTS { (r)-[:OFFERED_BY]->(:Provider {id: $providerId}) }
        OR EXISTS { (:Provider {id: $providerId})-[:GRANTED_ISSUANCE]->(r) }) AS granted,
       [(r)-[:CLASSIFIED_AS]->(c:Code) | {system: c.system, code: c.code, title: c.title}] AS codes,
       [(r)-[:PREPARES_FOR]->(o:Occupation) | {onet: o.onetSocCode, soc: o.socCode, title: o.title}]
         + CASE WHEN kind = 'Occupation' THEN [{onet: r.onetSocCode, soc: r.socCode, title: r.title}] ELSE [] END
         AS occupations,
       [(r)-[:PART_OF]->(program:Program) | program.id] AS partOf
