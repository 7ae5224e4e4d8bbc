UNWIND $rows AS row
MERGE (p:Provider {id: 'nj-etpl-' + row.etplId})
SET p.name = row.name, p.city = row.city, p.state = row.state, p.postalCode = row.zip,
    p.url = row.url, p.etplStatus = row.status, p.kind = 'TRAINING_PROVIDER',
    p.source = 'New Jersey Eligible Training Provider List, 2021-03-05'
