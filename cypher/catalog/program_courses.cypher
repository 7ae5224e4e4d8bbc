UNWIND $keys AS key
MATCH (:Program {id: key})<-[r:PART_OF]-(c:Course)
RETURN key, r.required AS required, r.position AS position,
       c {.id, .code, .title, .description, .creditHours, .creditHoursMax, .clockHours, .costUsd,
          .prerequisitesText, .corequisitesText, .status, .providerId, .sourceDocument, .ctid} AS node
ORDER BY key, position, c.id
