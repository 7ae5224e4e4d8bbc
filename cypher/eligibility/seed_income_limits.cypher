// `props` holds one table row in camelCase plus `table`; dates are stored as dates.
UNWIND $rows AS row
MERGE (l:IncomeLimit {id: row.id})
SET l = row.props,
    l.id = row.id,
    l.effectiveFrom = date(row.props.effectiveFrom),
    l.effectiveTo = date(row.props.effectiveTo)
