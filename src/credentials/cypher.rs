//! Cypher statements of the credential feature, loaded from `cypher/credentials/`.

macro_rules! cypher {
    ($($name:ident => $path:literal),* $(,)?) => {
        $(pub const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/credentials/", $path));)*
    };
}

cypher! {
    COMPLETE_ENDORSEMENT => "complete_endorsement.cypher",
    CONSTRAINTS => "constraints.cypher",
    CREATE_ENDORSEMENT_REQUEST => "create_endorsement_request.cypher",
    CREATE_LEARNER_KEY => "create_learner_key.cypher",
    CREATE_WALLET_ITEM => "create_wallet_item.cypher",
    CREATE_ISSUER_IDENTITY => "create_issuer_identity.cypher",
    CREDENTIAL_BY_ID => "credential_by_id.cypher",
    DECLINE_ENDORSEMENT => "decline_endorsement.cypher",
    ENDORSEMENT_REQUEST => "endorsement_request.cypher",
    ISSUANCE_BY_KEY => "issuance_by_key.cypher",
    ISSUE_BATCH => "issue_batch.cypher",
    ISSUER_KEYS => "issuer_keys.cypher",
    LEARNER_KEY => "learner_key.cypher",
    RECORD_FOR_ISSUE => "record_for_issue.cypher",
    ROTATE_ISSUER_KEYS => "rotate_issuer_keys.cypher",
    SET_STATUS => "set_status.cypher",
    STATUS_LIST_BY_ID => "status_list_by_id.cypher",
    STATUS_LISTS => "status_lists.cypher",
    WALLET_ITEMS => "wallet_items.cypher",
}
