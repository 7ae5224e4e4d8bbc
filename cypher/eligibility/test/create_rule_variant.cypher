// Test fixture: a service with one income rule, under ids unique to the test run.
MERGE (s:Service {id: $service})
SET s.name = 'Test service ' + $service
MERGE (r:Rule {id: $rule})
SET r.subject = $service, r.subjectKind = 'service', r.role = 'requirement',
    r.field = 'monthly_gross_income', r.operator = '<=', r.threshold = $threshold,
    r.unit = 'USD', r.whenMissing = 'unknown', r.verification = 'unverified'
MERGE (s)-[:HAS_RULE]->(r)
