// `props` holds every Rule field in camelCase; dates arrive as ISO strings and are stored as dates.
UNWIND $rows AS row
MERGE (r:Rule {id: row.props.id})
SET r = row.props,
    r.effectiveFrom = date(row.props.effectiveFrom),
    r.effectiveTo = date(row.props.effectiveTo)
WITH r, row
OPTIONAL MATCH (a:AidProgram {id: row.props.subject})
OPTIONAL MATCH (s:Service {id: row.props.subject})
WITH r, row, CASE row.props.subjectKind WHEN 'aid_program' THEN a ELSE s END AS subject
WHERE subject IS NOT NULL
MERGE (subject)-[:HAS_RULE]->(r)
