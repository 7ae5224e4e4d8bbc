// Prerequisites stated by several documents (course text and a prerequisite table) are
// listed once, with the lowest group and concurrency allowed when any statement allows it.
UNWIND $keys AS key
MATCH (:Course {id: key})<-[r:PREREQUISITE_FOR]-(c:Course)
WITH key, c, min(r.group) AS group, any(flag IN collect(coalesce(r.concurrentAllowed, false)) WHERE flag) AS concurrentAllowed
RETURN key, group, concurrentAllowed,
       c {.id, .code, .title, .description, .creditHours, .creditHoursMax, .clockHours, .costUsd,
          .prerequisitesText, .corequisitesText, .status, .providerId, .sourceDocument, .ctid} AS node
ORDER BY key, group, c.id
