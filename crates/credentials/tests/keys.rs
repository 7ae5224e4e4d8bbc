//! Issuer keys: generation, sealing under the master key, public forms, and redaction.

use ler_credentials::did::{did_web_document_url, find_verification_key};
use ler_credentials::{
    build_did_document, build_jwks, did_web_for_issuer, resolve_did_key, IssuerKey, KeyAlgorithm,
    KeyState, MasterKey, PublicKey, SealedKey,
};

const ALGORITHMS: [KeyAlgorithm; 3] = [
    KeyAlgorithm::Ed25519,
    KeyAlgorithm::P256,
    KeyAlgorithm::Rsa2048,
];

#[test]
fn sealed_keys_unseal_to_same_key() {
    let master = MasterKey::generate();
    for algorithm in ALGORITHMS {
        let key = IssuerKey::generate(algorithm).unwrap();
        let sealed = key.seal(&master).unwrap();
        let stored = serde_json::to_string(&sealed).unwrap();
        let restored: SealedKey = serde_json::from_str(&stored).unwrap();
        let unsealed = IssuerKey::unseal(&restored, &master).unwrap();
        assert_eq!(unsealed.key_id(), key.key_id(), "{algorithm:?}");
        assert_eq!(unsealed.public_key(), key.public_key(), "{algorithm:?}");
        assert_eq!(unsealed.algorithm(), algorithm);
    }
}

#[test]
fn unseal_with_other_master_fails() {
    let key = IssuerKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let sealed = key.seal(&MasterKey::generate()).unwrap();
    let error = IssuerKey::unseal(&sealed, &MasterKey::generate()).unwrap_err();
    assert_eq!(error.code(), "INTERNAL");
    assert!(error.to_string().contains(key.key_id()));
}

#[test]
fn relabelled_sealed_key_fails() {
    let master = MasterKey::generate();
    let key = IssuerKey::generate(KeyAlgorithm::P256).unwrap();
    let mut sealed = key.seal(&master).unwrap();
    sealed.key_id = "zDnaeOtherKeyId".into();
    assert!(IssuerKey::unseal(&sealed, &master).is_err());
}

#[test]
fn altered_ciphertext_fails_unseal() {
    let master = MasterKey::generate();
    let key = IssuerKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let mut sealed = key.seal(&master).unwrap();
    let mut bytes = sealed.ciphertext.into_bytes();
    bytes[3] = if bytes[3] == b'A' { b'B' } else { b'A' };
    sealed.ciphertext = String::from_utf8(bytes).unwrap();
    assert!(IssuerKey::unseal(&sealed, &master).is_err());
}

#[test]
fn sealed_key_hides_private_bytes() {
    let master = MasterKey::from_bytes([7; 32]);
    let seed = [42u8; 32];
    let key = IssuerKey::from_ed25519_seed(&seed);
    let stored = serde_json::to_string(&key.seal(&master).unwrap()).unwrap();
    let seed_base64 = ler_credentials::encoding::encode_base64url(&seed);
    assert!(!stored.contains(&seed_base64));
}

#[test]
fn debug_output_omits_key_material() {
    let seed = [42u8; 32];
    let key = IssuerKey::from_ed25519_seed(&seed);
    let master = MasterKey::from_bytes([9; 32]);
    let key_debug = format!("{key:?}");
    let master_debug = format!("{master:?}");
    assert!(key_debug.contains("redacted"));
    assert!(!key_debug.contains("42, 42"));
    assert!(!master_debug.contains('9'));
    let rsa = IssuerKey::generate(KeyAlgorithm::Rsa2048).unwrap();
    assert!(format!("{rsa:?}").len() < 200);
}

#[test]
fn master_key_length_is_checked() {
    let short = MasterKey::from_base64("c2hvcnQ").unwrap_err();
    assert_eq!(short.code(), "BAD_USER_INPUT");
    assert!(short.to_string().contains("5 bytes"));
    let not_base64 = MasterKey::from_base64("***").unwrap_err();
    assert!(not_base64.to_string().contains("openssl rand -base64 32"));
    let valid = MasterKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    assert!(valid.is_ok());
}

#[test]
fn did_key_round_trips_ed25519_and_p256() {
    for algorithm in [KeyAlgorithm::Ed25519, KeyAlgorithm::P256] {
        let key = IssuerKey::generate(algorithm).unwrap();
        let did = key.public_key().to_did_key().unwrap();
        assert_eq!(
            &resolve_did_key(&did).unwrap(),
            key.public_key(),
            "{algorithm:?}"
        );
    }
}

#[test]
fn p256_did_key_has_expected_prefix() {
    let key = IssuerKey::generate(KeyAlgorithm::P256).unwrap();
    let did = key.public_key().to_did_key().unwrap();
    assert!(did.starts_with("did:key:zDn"), "{did}");
}

#[test]
fn public_jwk_round_trips() {
    for algorithm in ALGORITHMS {
        let key = IssuerKey::generate(algorithm).unwrap();
        let jwk = key.public_key().to_jwk();
        assert!(jwk.get("d").is_none());
        assert_eq!(&PublicKey::from_jwk(&jwk).unwrap(), key.public_key());
    }
}

#[test]
fn private_jwk_is_rejected() {
    let jwk = serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": "AAAA", "d": "BBBB"});
    let error = PublicKey::from_jwk(&jwk).unwrap_err();
    assert!(error.to_string().contains("'d'"));
    assert!(!error.to_string().contains("BBBB"));
}

#[test]
fn rfc7638_thumbprint_matches_example() {
    // RSA key and thumbprint from RFC 7638 section 3.1.
    let jwk = serde_json::json!({
        "kty": "RSA",
        "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        "e": "AQAB"
    });
    let key = PublicKey::from_jwk(&jwk).unwrap();
    assert_eq!(
        key.thumbprint(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

#[test]
fn did_web_encodes_port() {
    let did = did_web_for_issuer("localhost:8080", "p-1").unwrap();
    assert_eq!(did, "did:web:localhost%3A8080:issuers:p-1");
    let url = did_web_document_url(&did).unwrap();
    assert_eq!(url, "https://localhost:8080/issuers/p-1/did.json");
}

#[test]
fn did_web_rejects_bad_segments() {
    let error = did_web_for_issuer("registry.example.org", "a/b").unwrap_err();
    assert!(error.to_string().contains("'a/b'"));
    assert!(did_web_for_issuer("bad host", "p1").is_err());
}

#[test]
fn did_document_lists_retired_keys() {
    let did = did_web_for_issuer("registry.example.org", "p1").unwrap();
    let current = IssuerKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let retired = IssuerKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let rsa = IssuerKey::generate(KeyAlgorithm::Rsa2048).unwrap();
    let keys = [
        current.published(KeyState::Active),
        retired.published(KeyState::Retired),
        rsa.published(KeyState::Active),
    ];
    let document = build_did_document(&did, &keys).unwrap();
    assert_eq!(document["id"], did);
    assert_eq!(document["verificationMethod"].as_array().unwrap().len(), 3);
    assert_eq!(document["assertionMethod"].as_array().unwrap().len(), 3);
    let retired_id = format!("{did}#{}", retired.key_id());
    assert_eq!(
        &find_verification_key(&document, &retired_id).unwrap(),
        retired.public_key()
    );
    let rsa_id = format!("{did}#{}", rsa.key_id());
    assert_eq!(document["verificationMethod"][2]["type"], "JsonWebKey");
    assert_eq!(
        &find_verification_key(&document, &rsa_id).unwrap(),
        rsa.public_key()
    );
}

#[test]
fn jwks_kids_are_method_ids() {
    let did = did_web_for_issuer("registry.example.org", "p1").unwrap();
    let key = IssuerKey::generate(KeyAlgorithm::P256).unwrap();
    let jwks = build_jwks(&did, &[key.published(KeyState::Active)]);
    assert_eq!(jwks["keys"][0]["kid"], format!("{did}#{}", key.key_id()));
    assert_eq!(jwks["keys"][0]["alg"], "ES256");
    assert!(jwks["keys"][0].get("d").is_none());
}
