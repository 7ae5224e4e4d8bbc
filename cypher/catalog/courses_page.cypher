// Published and registered courses in id order, without retired ones; drafts only for the
// provider that ingested them.
MATCH (c:Course)
WHERE ($after IS NULL OR c.id > $after)
  AND ($providerId IS NULL OR c.providerId = $providerId)
  AND (coalesce(c.status, 'PUBLISHED') = 'PUBLISHED' OR c.providerId IN $draftProviders)
  AND c.retiredAt IS NULL
RETURN c {.id, .code, .title, .description, .creditHours, .creditHoursMax, .clockHours, .costUsd,
          .prerequisitesText, .corequisitesText, .status, .providerId, .sourceDocument, .ctid} AS node
ORDER BY c.id
LIMIT $limit
