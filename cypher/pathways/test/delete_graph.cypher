// Test fixture cleanup: deletes the programs and courses of one test by id.
UNWIND $ids AS id
CALL (id) {
  MATCH (p:Program {id: id})
  DETACH DELETE p
}
CALL (id) {
  MATCH (c:Course {id: id})
  DETACH DELETE c
}
RETURN count(*) AS deleted
