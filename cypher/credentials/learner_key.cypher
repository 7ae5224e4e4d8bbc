MATCH (k:LearnerKey {learnerId: $learnerId})
RETURN k.sealed AS sealed
