"""Independent checks of credentials issued by the ler-credentials crate.

Reads the folder written by the crate's `write_peer_fixtures` example and checks, with
libraries unrelated to the Rust code:

* JSON Schema: every OpenBadgeCredential, EndorsementCredential and ClrCredential against
  the official 1EdTech schema (Python `jsonschema`), plus the rule that each
  credentialSubject has an id or an identifier.
* VC-JWT: each token verifies with PyJWT and `cryptography`, its claims match the
  credential, and a tampered token is rejected.
* Data Integrity: each eddsa-rdfc-2022 proof verifies with pyld (URDNA2015, which RDFC-1.0
  renamed) and `cryptography`, offline, and a tampered credential is rejected.
* Bitstring Status List: the revoked index decodes as set with gzip and base64 alone, the
  unrevoked index as clear, and the list is at least 16 KB.

Usage: python verify_credentials.py FOLDER
Exits with status 1 when any check fails.
"""

import base64
import gzip
import hashlib
import json
import sys
from pathlib import Path

import jsonschema
import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

REPO_ROOT = Path(__file__).resolve().parents[3]
STANDARDS = REPO_ROOT / "seeds" / "standards"

# Context URL to bundled file; the loader serves nothing else, so no request leaves the machine.
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-3.0.3.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
}

SCHEMA_FILES = {
    "achievements": "ob_v3p0_achievementcredential_schema.json",
    "endorsements": "ob_v3p0_endorsementcredential_schema.json",
    "clrs": "clr_v2p0_clrcredential_schema.json",
}

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")


def offline_loader(url, options=None):
    file_name = CONTEXT_FILES.get(url)
    if file_name is None:
        raise jsonld.JsonLdError(
            f"context {url} is not bundled", "jsonld.LoadDocumentError", code="loading document failed"
        )
    document = json.loads((STANDARDS / "contexts" / file_name).read_text())
    return {"contextUrl": None, "documentUrl": url, "document": document}


def base58_decode(text):
    number = 0
    for character in text:
        number = number * 58 + BASE58_ALPHABET.index(character)
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * leading_zeros + body


def canonical_hash(document):
    nquads = jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": offline_loader},
    )
    return hashlib.sha256(nquads.encode("utf-8")).digest()


def ed25519_key_from_did_document(did_document, method_id):
    for method in did_document.get("verificationMethod", []):
        if method["id"] == method_id and "publicKeyMultibase" in method:
            raw = base58_decode(method["publicKeyMultibase"][1:])
            if raw[:2] != b"\xed\x01":
                raise ValueError(f"{method_id} is not an Ed25519 Multikey")
            return Ed25519PublicKey.from_public_bytes(raw[2:])
    raise KeyError(f"verification method {method_id} is not in the DID document")


def verify_data_integrity(credential, did_document):
    proofs = credential["proof"] if isinstance(credential["proof"], list) else [credential["proof"]]
    proof = next(p for p in proofs if p.get("cryptosuite") == "eddsa-rdfc-2022")
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = credential["@context"]
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    hash_data = canonical_hash(config) + canonical_hash(unsecured)
    signature = base58_decode(proof["proofValue"][1:])
    public_key = ed25519_key_from_did_document(did_document, proof["verificationMethod"])
    try:
        public_key.verify(signature, hash_data)
        return True
    except InvalidSignature:
        return False


def subject_identified(credential):
    subjects = credential.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    return all(isinstance(s, dict) and (s.get("id") or s.get("identifier")) for s in subjects)


def check_schemas(folder, manifest, results):
    for group, schema_file in SCHEMA_FILES.items():
        schema = json.loads((STANDARDS / "schemas" / schema_file).read_text())
        validator = jsonschema.Draft201909Validator(schema)
        for name in manifest[group]:
            credential = json.loads((folder / name).read_text())
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(credential)]
            results.record(f"schema {name}", not errors, "; ".join(errors[:5]))
            results.record(f"subject id or identifier {name}", subject_identified(credential), "neither found")
            if group == "clrs":
                for position, inner in enumerate(credential["credentialSubject"]["verifiableCredential"]):
                    inner_validator = jsonschema.Draft201909Validator(
                        json.loads((STANDARDS / "schemas" / SCHEMA_FILES["achievements"]).read_text())
                    )
                    inner_errors = [e.message for e in inner_validator.iter_errors(inner)]
                    results.record(f"schema {name} embedded {position}", not inner_errors, "; ".join(inner_errors[:5]))


def check_jwts(folder, manifest, results):
    for entry in manifest["jwts"]:
        jwk = dict(entry["jwk"], alg=entry["alg"])
        key = jwt.PyJWK(jwk).key
        token = (folder / entry["file"]).read_text().strip()
        header = jwt.get_unverified_header(token)
        try:
            claims = jwt.decode(
                token, key, algorithms=[entry["alg"]], issuer=manifest["did"],
                options={"require": ["iss", "jti", "nbf"]},
            )
            ok = (
                header.get("typ") == "JWT"
                and header.get("kid", "").startswith(manifest["did"] + "#")
                and claims["jti"] == claims["id"]
                and claims["iss"] == claims["issuer"]["id"]
                and claims.get("sub") == claims["credentialSubject"].get("id")
            )
            results.record(f"JWT {entry['alg']} verifies", ok, f"header or claims differ: {header}")
        except jwt.PyJWTError as error:
            results.record(f"JWT {entry['alg']} verifies", False, repr(error))

        tampered = (folder / entry["tamperedFile"]).read_text().strip()
        try:
            jwt.decode(tampered, key, algorithms=[entry["alg"]], issuer=manifest["did"])
            results.record(f"tampered JWT {entry['alg']} rejected", False, "it verified")
        except jwt.InvalidSignatureError:
            results.record(f"tampered JWT {entry['alg']} rejected", True)


def check_data_integrity(folder, manifest, results):
    did_document = json.loads((folder / "did.json").read_text())
    for name in manifest["dataIntegrity"]:
        credential = json.loads((folder / name).read_text())
        try:
            results.record(f"Data Integrity {name}", verify_data_integrity(credential, did_document), "signature mismatch")
        except Exception as error:  # a peer failure of any kind is a failed check
            results.record(f"Data Integrity {name}", False, repr(error))
    for name in manifest["tamperedDataIntegrity"]:
        credential = json.loads((folder / name).read_text())
        results.record(f"tampered Data Integrity {name} rejected", not verify_data_integrity(credential, did_document), "it verified")


def check_status_list(folder, manifest, results):
    status = manifest["statusList"]
    list_credential = json.loads((folder / status["file"]).read_text())
    encoded = list_credential["credentialSubject"]["encodedList"]
    results.record("encodedList has multibase prefix u", encoded.startswith("u"), encoded[:8])
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    results.record("status list is at least 16 KB", len(bits) >= 16384, f"{len(bits)} bytes")

    def bit(index):
        return (bits[index // 8] >> (7 - index % 8)) & 1

    results.record("revoked index is set", bit(status["revokedIndex"]) == 1, str(status["revokedIndex"]))
    results.record("valid index is clear", bit(status["validIndex"]) == 0, str(status["validIndex"]))
    results.record("exactly one bit is set", sum(bin(b).count("1") for b in bits) == 1, "other bits set")


def main():
    if len(sys.argv) != 2:
        print("usage: python verify_credentials.py FOLDER", file=sys.stderr)
        return 2
    folder = Path(sys.argv[1])
    manifest = json.loads((folder / "manifest.json").read_text())
    results = Results()
    check_schemas(folder, manifest, results)
    check_jwts(folder, manifest, results)
    check_data_integrity(folder, manifest, results)
    check_status_list(folder, manifest, results)
    print(f"{results.passed} passed, {results.failed} failed")
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
