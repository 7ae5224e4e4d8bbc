UNWIND $rows AS row
MERGE (p:Provider {id: 'ipeds-' + row.unitId})
SET p.name = row.name, p.city = row.city, p.state = row.state, p.postalCode = row.zip,
    p.url = row.url, p.source = 'IPEDS 2023 institutional characteristics', p.kind = 'INSTITUTION'
MERGE (c:Code {system: 'IPEDS', code: row.unitId})
SET c.title = row.name
MERGE (p)-[:CLASSIFIED_AS]->(c)
