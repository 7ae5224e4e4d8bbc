MATCH (r:Rule {id: $rule})
SET r.threshold = $threshold
