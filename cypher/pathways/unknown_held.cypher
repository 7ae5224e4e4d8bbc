// Ids among a learner's held programs, courses and CTIDs that match no program id, program
// CTID or course id in the registry.
UNWIND $held AS id
OPTIONAL MATCH (p:Program {id: id})
OPTIONAL MATCH (q:Program {ctid: id})
OPTIONAL MATCH (c:Course {id: id})
WITH id, p, q, c
WHERE p IS NULL AND q IS NULL AND c IS NULL
RETURN DISTINCT id
ORDER BY id
