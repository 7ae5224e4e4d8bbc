// Candidate pathways to each target occupation. A candidate is a simple chain of at most
// 4 program links (STACKS_INTO, PREREQUISITE_FOR, PREPARES_FOR_APPRENTICESHIP) that ends
// at a program opening the target, through the CIP-SOC crosswalk or a PREPARES_FOR link.
// CIP 99.9999 is the crosswalk's placeholder for occupations without a matching program,
// so it opens nothing.
// A chain is kept only when every program in it is published, not retired and passes the
// state and modality filters (held programs always pass), and every program it requires is held or in the chain.
// Weeks, costs, credit reductions and ranking are applied by the caller.
UNWIND $targets AS targetCode
MATCH (o:Occupation {onetSocCode: targetCode})
OPTIONAL CALL (o) {
  MATCH (o)-[:CLASSIFIED_AS]->(:Code {system: 'SOC'})<-[:CROSSWALKS_TO]-(cip:Code {system: 'CIP'})<-[:CLASSIFIED_AS]-(t:Program)
  WHERE cip.code <> '99.9999'
  RETURN t
  UNION
  MATCH (o)<-[:PREPARES_FOR]-(t:Program)
  RETURN t
}
WITH o, collect(t) AS openers
CALL (o, openers) {
  UNWIND openers AS t
  MATCH path = (first:Program)-[:STACKS_INTO|PREREQUISITE_FOR|PREPARES_FOR_APPRENTICESHIP*0..4]->(t)
  WITH path, nodes(path) AS chain
  WHERE all(i IN range(0, size(chain) - 2) WHERE NOT chain[i] IN chain[i + 1..])
    AND all(n IN chain WHERE n.id IN $held OR coalesce(n.ctid, '') IN $held
          OR (n.retiredAt IS NULL AND coalesce(n.status, 'PUBLISHED') = 'PUBLISHED'
              AND ($state IS NULL OR n.state = $state) AND ($modality IS NULL OR n.modality IS NULL OR n.modality = $modality)))
    AND all(n IN chain WHERE n.id IN $held OR coalesce(n.ctid, '') IN $held
          OR all(m IN [(m:Program)-[:PREREQUISITE_FOR]->(n) | m] WHERE m IN chain OR m.id IN $held OR coalesce(m.ctid, '') IN $held))
  WITH path, chain
  ORDER BY length(path)
  LIMIT $maxCandidates
  RETURN collect({
    programs: [n IN chain | n {
      .id, .name, .awardLevel, .stage, .credentialType, .weeks, .costUsd, .creditHours,
      .weeksEstimated, .costEstimated, .weeksBasis, .costBasis, .state, .modality,
      held: n.id IN $held OR coalesce(n.ctid, '') IN $held,
      heldCredit: reduce(total = 0.0, c IN [(c:Course)-[:PART_OF]->(n) WHERE c.id IN $held | c] | total + coalesce(c.creditHours, 0.0)),
      missingCourses: [(pre:Course)-[:PREREQUISITE_FOR]->(c:Course)-[:PART_OF]->(n)
          WHERE NOT pre.id IN $held AND NOT c.id IN $held AND NOT EXISTS { (pre)-[:PART_OF]->(n) }
          | pre {.id, name: coalesce(pre.name, pre.title), .creditHours}],
      apprenticeship: coalesce(n.credentialType, '') IN ['APPRENTICESHIP', 'ApprenticeshipCertificate']
    }],
    links: [r IN relationships(path) | {kind: type(r), creditCarried: r.creditCarried}]
  }) AS chains
}
RETURN o.onetSocCode AS code, o.title AS title, o.entryWage AS entryWage, o.medianWage AS medianWage,
       size(openers) AS openers, chains
ORDER BY code
