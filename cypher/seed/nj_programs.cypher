UNWIND $rows AS row
MATCH (provider:Provider {id: 'nj-etpl-' + row.etplId})
MERGE (p:Program {id: 'nj-etpl-' + row.etplId + '-' + row.cip})
SET p.name = row.name, p.state = 'NJ', p.credentialType = 'TRAINING_PROGRAM',
    p.onStateEtpl = true, p.inDemand = row.inDemand, p.cipCode = row.cip,
    p.employedRate2 = row.employedRate2, p.employedRate4 = row.employedRate4,
    p.employedRate8 = row.employedRate8, p.quarterlyWage2 = row.quarterlyWage2,
    p.quarterlyWage4 = row.quarterlyWage4, p.quarterlyWage8 = row.quarterlyWage8,
    p.retentionRate4 = row.retentionRate4, p.completers2 = row.completers2,
    p.completers4 = row.completers4, p.completers8 = row.completers8,
    p.source = 'New Jersey Eligible Training Provider List outcomes by provider and CIP'
MERGE (p)-[:OFFERED_BY]->(provider)
MERGE (cip:Code {system: 'CIP', code: row.cip})
MERGE (p)-[:CLASSIFIED_AS]->(cip)
