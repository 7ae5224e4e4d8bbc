// Number of transition edges the export writes.
// Scans the transition edges (about 27 000), which is cheap enough because it runs once per export, never per request.
MATCH (:Occupation)-[r:RELATED_TO|SIMILAR_TO]->(:Occupation)
RETURN count(r) AS total
