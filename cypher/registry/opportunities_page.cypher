MATCH (o:Opportunity)
WHERE ($after IS NULL OR o.id > $after)
  AND o.retiredAt IS NULL
  AND (o.publication <> 'CLOSED'
       OR $admin
       OR ($providerId IS NOT NULL AND o.providerId = $providerId)
       OR ($learnerId IS NOT NULL AND $learnerId IN coalesce(o.audienceLearnerIds, []))
       OR any(role IN $roles WHERE role IN coalesce(o.audienceRoles, [])))
RETURN o {.*} AS node
ORDER BY o.id
LIMIT $limit
