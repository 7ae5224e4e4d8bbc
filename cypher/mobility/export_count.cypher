// Number of transition edges the export writes.
MATCH (:Occupation)-[r:RELATED_TO|SIMILAR_TO]->(:Occupation)
RETURN count(r) AS total
