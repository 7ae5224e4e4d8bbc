UNWIND $rows AS row
MATCH (soc:Code {system: 'SOC', code: row.soc})
SET soc.inDemandStates = CASE WHEN 'NJ' IN coalesce(soc.inDemandStates, []) THEN soc.inDemandStates
                              ELSE coalesce(soc.inDemandStates, []) + 'NJ' END
