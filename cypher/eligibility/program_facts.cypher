// Program-side facts for eligibility. `socInDemand` is true when a CIP code of the program
// crosswalks to a SOC code on its state's in-demand list, false when the state has such a
// list in this graph and none of the crosswalked SOC codes is on it, and null otherwise.
CALL () {
  MATCH (soc:Code {system: 'SOC'})
  WHERE soc.code IS NOT NULL AND soc.inDemandStates IS NOT NULL
  UNWIND soc.inDemandStates AS listState
  RETURN collect(DISTINCT listState) AS listStates
}
UNWIND $ids AS id
MATCH (p:Program {id: id})
OPTIONAL MATCH (p)-[:CLASSIFIED_AS]->(:Code {system: 'CIP'})-[:CROSSWALKS_TO]->(soc:Code {system: 'SOC'})
WITH p, listStates, collect(DISTINCT soc) AS socs
WITH p, listStates, socs, any(s IN socs WHERE p.state IN coalesce(s.inDemandStates, [])) AS listed
RETURN p.id AS id, p.state AS state,
       p.clockHours AS clockHours, p.creditHours AS creditHours, p.quarterHours AS quarterHours,
       p.weeks AS weeks, p.deliveryMode AS deliveryMode, p.onStateEtpl AS onStateEtpl,
       p.inDemand AS inDemand,
       CASE WHEN listed THEN true
            WHEN p.state IN listStates AND size(socs) > 0 THEN false
            ELSE null END AS socInDemand,
       p.completionRate AS completionRate,
       p.employedRate2 AS employedRate2, p.employedRate4 AS employedRate4,
       p.quarterlyWage2 AS quarterlyWage2, p.quarterlyWage4 AS quarterlyWage4,
       p.quarterlyWage8 AS quarterlyWage8,
       p.awardLevel AS awardLevel, p.cost AS cost, p.costUsd AS costUsd, p.costEstimated AS costEstimated,
       p.weeksEstimated AS weeksEstimated, p.weeksBasis AS weeksBasis
