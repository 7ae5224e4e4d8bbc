// The unique constraint on learnerId makes concurrent first calls keep one key.
MERGE (k:LearnerKey {learnerId: $learnerId})
ON CREATE SET k.keyId = $keyId, k.sealed = $sealed, k.createdAt = $now
RETURN k.sealed AS sealed
