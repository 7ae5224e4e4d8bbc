//! Cypher statements of the credential feature, loaded from `cypher/credentials/`.

macro_rules! cypher {
    ($($name:ident => $path:literal),* $(,)?) => {
        $(pub const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/credentials/", $path));)*
    };
}

cypher! {
    CONSTRAINTS => "constraints.cypher",
    CREATE_ISSUER_IDENTITY => "create_issuer_identity.cypher",
    CREDENTIAL_BY_ID => "credential_by_id.cypher",
    ISSUANCE_BY_KEY => "issuance_by_key.cypher",
    ISSUE_BATCH => "issue_batch.cypher",
    ISSUER_KEYS => "issuer_keys.cypher",
    RECORD_FOR_ISSUE => "record_for_issue.cypher",
    ROTATE_ISSUER_KEYS => "rotate_issuer_keys.cypher",
    SET_STATUS => "set_status.cypher",
    STATUS_LIST_BY_ID => "status_list_by_id.cypher",
    STATUS_LISTS => "status_lists.cypher",
}
