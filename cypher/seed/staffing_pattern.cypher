UNWIND $rows AS row
MERGE (soc:Code {system: 'SOC', code: row.soc})
MERGE (naics:Code {system: 'NAICS', code: row.naics})
MERGE (soc)-[e:EMPLOYED_IN]->(naics)
SET e.employment = row.employment, e.percentOfIndustry = row.percentOfIndustry,
    e.medianWage = row.medianWage, e.source = 'BLS OEWS May 2024 national industry-specific estimates'
