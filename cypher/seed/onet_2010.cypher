UNWIND $rows AS row
MERGE (old:Code {system: 'ONET_SOC_2010', code: row.code2010})
SET old.title = row.title2010
MERGE (new:Code {system: 'ONET_SOC', code: row.code2019})
MERGE (old)-[x:CROSSWALKS_TO]->(new)
SET x.source = 'O*NET-SOC 2010 to 2019 crosswalk'
