UNWIND $keys AS key
MATCH (c:Course {id: key})
RETURN c {.id, .code, .title, .description, .creditHours, .creditHoursMax, .clockHours, .costUsd,
          .prerequisitesText, .corequisitesText, .status, .providerId, .sourceDocument, .ctid, .ctdlJson} AS node
