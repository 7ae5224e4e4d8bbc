UNWIND $ids AS listId
MATCH (l:StatusList {id: listId})
RETURN l.id AS id, l.providerId AS providerId, l.purpose AS purpose, l.encoded AS encoded,
       l.assigned AS assigned, l.version AS version
