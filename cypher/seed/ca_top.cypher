UNWIND $rows AS row
MERGE (top:Code {system: 'CA_TOP', code: row.top})
SET top.title = row.title
FOREACH (cipCode IN CASE WHEN row.cip IS NULL THEN [] ELSE [row.cip] END |
  MERGE (cip:Code {system: 'CIP', code: cipCode})
  MERGE (top)-[x:CROSSWALKS_TO]->(cip)
  SET x.source = 'California Community Colleges TOP-CIP-SOC crosswalk, 2025-02')
FOREACH (socCode IN CASE WHEN row.soc IS NULL THEN [] ELSE [row.soc] END |
  MERGE (soc:Code {system: 'SOC', code: socCode})
  MERGE (top)-[x:CROSSWALKS_TO]->(soc)
  SET x.source = 'California Community Colleges TOP-CIP-SOC crosswalk, 2025-02')
