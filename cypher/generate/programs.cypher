// Each row: {props, cip, occupations}. The provider and the codes already exist.
UNWIND $rows AS row
MATCH (provider:Provider {id: row.props.providerId})
MATCH (cip:Code {system: 'CIP', code: row.cip})
MERGE (p:Program {id: row.props.id})
SET p += row.props
MERGE (p)-[:OFFERED_BY]->(provider)
MERGE (p)-[:CLASSIFIED_AS]->(cip)
WITH p, row
UNWIND row.occupations AS code
MATCH (o:Occupation {onetSocCode: code})
MERGE (p)-[r:PREPARES_FOR]->(o)
SET r.source = 'ler-registry generate', r.generated = true
