MATCH (c:Credential {id: $credentialId})
RETURN c {.id, .kind, .providerId, .recordId, .learnerId, .recipient, .jwt, .document,
          .statusListId, .statusIndex, .state, .issuedAt} AS credential
