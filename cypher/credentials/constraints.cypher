// One statement per line; each is idempotent. Applied before the first credential operation.
CREATE CONSTRAINT issuer_identity_provider IF NOT EXISTS FOR (i:IssuerIdentity) REQUIRE i.providerId IS UNIQUE
CREATE CONSTRAINT issuer_key_id IF NOT EXISTS FOR (k:IssuerKey) REQUIRE k.keyId IS UNIQUE
CREATE CONSTRAINT status_list_id IF NOT EXISTS FOR (l:StatusList) REQUIRE l.id IS UNIQUE
CREATE CONSTRAINT credential_id IF NOT EXISTS FOR (c:Credential) REQUIRE c.id IS UNIQUE
CREATE CONSTRAINT issuance_request_key IF NOT EXISTS FOR (r:IssuanceRequest) REQUIRE r.key IS UNIQUE
CREATE CONSTRAINT learner_key_learner IF NOT EXISTS FOR (k:LearnerKey) REQUIRE k.learnerId IS UNIQUE
CREATE CONSTRAINT wallet_item_id IF NOT EXISTS FOR (w:WalletItem) REQUIRE w.id IS UNIQUE
CREATE CONSTRAINT endorsement_request_id IF NOT EXISTS FOR (e:EndorsementRequest) REQUIRE e.id IS UNIQUE
CREATE INDEX wallet_item_learner IF NOT EXISTS FOR (w:WalletItem) ON (w.learnerId)
CREATE INDEX credential_learner IF NOT EXISTS FOR (c:Credential) ON (c.learnerId)
