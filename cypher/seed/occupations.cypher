UNWIND $rows AS row
MERGE (o:Occupation {onetSocCode: row.onet})
SET o.socCode = row.soc, o.title = row.title, o.description = row.description,
    o.jobZone = row.jobZone, o.alternateTitles = row.alternateTitles,
    o.alternateTitlesText = reduce(s = '', t IN row.alternateTitles | s + t + '; '),
    o.technologySkills = row.technologySkills, o.tasks = row.tasks,
    o.medianWage = row.medianWage, o.entryWage = row.entryWage, o.meanWage = row.meanWage,
    o.employment = row.employment, o.growthPercent = row.growthPercent,
    o.annualOpenings = row.annualOpenings, o.entryEducation = row.entryEducation,
    o.source = 'O*NET 29.3; BLS OEWS May 2024; BLS Employment Projections 2024-34'
MERGE (onet:Code {system: 'ONET_SOC', code: row.onet})
SET onet.title = row.title
MERGE (soc:Code {system: 'SOC', code: row.soc})
MERGE (o)-[:CLASSIFIED_AS]->(onet)
MERGE (o)-[:CLASSIFIED_AS]->(soc)
MERGE (onet)-[x:CROSSWALKS_TO]->(soc)
SET x.source = 'O*NET-SOC 2019 to SOC 2018 crosswalk'
