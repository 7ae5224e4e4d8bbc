//! Token minting for tests, behind the `test-util` feature.
//!
//! Keys are generated with OpenSSL at test time, so no private key is stored in the
//! repository. Nothing here belongs in production code.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey};
use openssl::nid::Nid;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;
use serde_json::{json, Map, Value};

/// Claims of a token, as a JSON object that tests can change freely.
pub type Claims = Map<String, Value>;

/// Returns the current Unix time in seconds.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("system clock is after 1970")
        .as_secs()
}

/// Returns claims that pass validation for `issuer` and `audience`: subject `user-1`,
/// the given roles, issued now and expiring in 10 minutes. Add the ids that the roles
/// need, such as `provider_id`, before signing.
pub fn claims(issuer: &str, audience: &str, roles: &[&str]) -> Claims {
    let now = now();
    let value = json!({
        "iss": issuer,
        "aud": audience,
        "sub": "user-1",
        "roles": roles,
        "iat": now,
        "exp": now + 600,
    });
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json! of an object literal"),
    }
}

/// Signs `claims` with HS256 and `secret`, with no kid in the header.
pub fn sign_hs256(secret: &[u8], claims: &Claims) -> String {
    let header = Header::new(Algorithm::HS256);
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(secret))
        .expect("HS256 signing does not fail")
}

/// Builds a token with `header` and `claims` as given and `signature` as its third
/// part, for malformed and `alg: none` cases.
pub fn unsigned_token(header: &Value, claims: &Claims, signature: &str) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(Value::Object(claims.clone()).to_string()),
        signature
    )
}

/// Replaces the payload of a signed token with `claims`, keeping header and signature.
pub fn replace_payload(token: &str, claims: &Claims) -> String {
    let mut parts = token.split('.');
    let header = parts.next().expect("token has a header");
    let _payload = parts.next().expect("token has a payload");
    let signature = parts.next().expect("token has a signature");
    let payload = URL_SAFE_NO_PAD.encode(Value::Object(claims.clone()).to_string());
    format!("{header}.{payload}.{signature}")
}

/// A generated key pair with its kid and public JWK.
pub struct TestKey {
    kid: String,
    algorithm: Algorithm,
    encoding_key: EncodingKey,
    jwk: Value,
}

impl TestKey {
    /// Generates a 2048-bit RSA key for RS256.
    pub fn rsa(kid: &str) -> Self {
        let rsa = Rsa::generate(2048).expect("RSA key generation");
        let pem = rsa.private_key_to_pem().expect("RSA private key PEM");
        let jwk = json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": kid,
            "n": URL_SAFE_NO_PAD.encode(rsa.n().to_vec()),
            "e": URL_SAFE_NO_PAD.encode(rsa.e().to_vec()),
        });
        TestKey {
            kid: kid.to_owned(),
            algorithm: Algorithm::RS256,
            encoding_key: EncodingKey::from_rsa_pem(&pem).expect("RSA PEM is valid"),
            jwk,
        }
    }

    /// Generates a P-256 key for ES256.
    pub fn ec_p256(kid: &str) -> Self {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("P-256 group");
        let ec_key = EcKey::generate(&group).expect("EC key generation");

        let mut context = BigNumContext::new().expect("BIGNUM context");
        let mut x = BigNum::new().expect("BIGNUM");
        let mut y = BigNum::new().expect("BIGNUM");
        ec_key
            .public_key()
            .affine_coordinates(&group, &mut x, &mut y, &mut context)
            .expect("affine coordinates");
        let jwk = json!({
            "kty": "EC",
            "crv": "P-256",
            "use": "sig",
            "alg": "ES256",
            "kid": kid,
            "x": URL_SAFE_NO_PAD.encode(x.to_vec_padded(32).expect("x fits 32 bytes")),
            "y": URL_SAFE_NO_PAD.encode(y.to_vec_padded(32).expect("y fits 32 bytes")),
        });

        // jsonwebtoken reads EC private keys only in PKCS#8 form.
        let pkey = PKey::from_ec_key(ec_key).expect("EC PKey");
        let pem = pkey.private_key_to_pem_pkcs8().expect("PKCS#8 PEM");
        TestKey {
            kid: kid.to_owned(),
            algorithm: Algorithm::ES256,
            encoding_key: EncodingKey::from_ec_pem(&pem).expect("EC PEM is valid"),
            jwk,
        }
    }

    /// Returns the kid that [`TestKey::sign`] writes into the header.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Returns the public key as a JWK object.
    pub fn jwk(&self) -> &Value {
        &self.jwk
    }

    /// Signs `claims` with this key, naming its kid in the header.
    pub fn sign(&self, claims: &Claims) -> String {
        self.sign_with_kid(claims, Some(&self.kid))
    }

    /// Signs `claims` with this key and any kid, or none.
    pub fn sign_with_kid(&self, claims: &Claims, kid: Option<&str>) -> String {
        let mut header = Header::new(self.algorithm);
        header.kid = kid.map(str::to_owned);
        jsonwebtoken::encode(&header, claims, &self.encoding_key)
            .expect("signing with a generated key")
    }
}

/// Returns the JWKS document that publishes the public keys of `keys`.
pub fn jwks_json(keys: &[&TestKey]) -> String {
    let keys: Vec<&Value> = keys.iter().map(|key| key.jwk()).collect();
    json!({ "keys": keys }).to_string()
}
