UNWIND $keys AS key
MATCH (p:Program {id: key})
RETURN p {.*, ctdlJson: null} AS node
