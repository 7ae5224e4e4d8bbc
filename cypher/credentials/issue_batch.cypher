// Writes one issuance batch in a single transaction: the status list with its new indices,
// the request record that makes retries idempotent, and every credential. The status list
// is locked first and checked against the version read before signing, so a concurrent
// batch that changed it makes this statement return no rows and write nothing.
MATCH (l:StatusList {id: $listId})
SET l.lock = true
WITH l
WHERE l.version = $listVersion
SET l.encoded = $encoded, l.assigned = $assigned, l.version = l.version + 1
CREATE (req:IssuanceRequest {key: $requestKey, providerId: $providerId,
  fingerprint: $fingerprint, createdAt: $now})
WITH l, req
OPTIONAL MATCH (record) WHERE elementId(record) = $recordNodeId
WITH l, req, record
UNWIND $credentials AS c
CREATE (cred:Credential {
  id: c.id, kind: c.kind, providerId: $providerId, recordId: $recordId, learnerId: c.learnerId,
  recipient: c.recipient, position: c.position, jwt: c.jwt, document: c.document,
  statusListId: $listId, statusIndex: c.statusIndex, state: 'ISSUED', issuedAt: $now})
CREATE (req)-[:ISSUED]->(cred)
CREATE (cred)-[:STATUS_IN]->(l)
FOREACH (_ IN CASE WHEN record IS NULL THEN [] ELSE [1] END | CREATE (cred)-[:ATTESTS]->(record))
FOREACH (_ IN CASE WHEN c.learnerId IS NULL THEN [] ELSE [1] END |
  CREATE (:WalletItem {id: 'wallet-' + c.id, learnerId: c.learnerId, kind: $walletKind,
    recordId: $recordId, state: 'ISSUED', createdAt: $now})-[:HOLDS]->(cred))
RETURN count(cred) AS issued
