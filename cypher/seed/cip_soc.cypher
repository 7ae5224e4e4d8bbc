UNWIND $rows AS row
MERGE (cip:Code {system: 'CIP', code: row.cip})
MERGE (soc:Code {system: 'SOC', code: row.soc})
MERGE (cip)-[x:CROSSWALKS_TO]->(soc)
SET x.source = 'NCES CIP 2020 to SOC 2018 crosswalk'
