//! HTTP endpoints: issuer DID documents, JWK sets and status list credentials.

use actix_web::{web, HttpResponse};
use ler_credentials::{build_did_document, build_jwks, PublishedKey};
use serde_json::json;

use super::error::CredentialsError;
use super::service::CredentialService;

/// Registers the credential routes. Without a configured service they return 404.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/issuers/{provider_id}/did.json", web::get().to(did_document))
        .route("/issuers/{provider_id}/jwks.json", web::get().to(jwks))
        .route("/status/{list_id}", web::get().to(status_list));
}

fn error_response(error: CredentialsError) -> HttpResponse {
    let status = match error.code() {
        "BAD_USER_INPUT" => actix_web::http::StatusCode::BAD_REQUEST,
        "NOT_FOUND" => actix_web::http::StatusCode::NOT_FOUND,
        _ => actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
    };
    let api = crate::error::ApiError::from(error);
    HttpResponse::build(status).json(json!({"error": api.message, "code": api.code.as_str()}))
}

fn not_configured() -> HttpResponse {
    HttpResponse::NotFound().json(json!({"error": CredentialsError::NotConfigured.to_string(), "code": "NOT_FOUND"}))
}

async fn published_keys(service: &CredentialService, provider_id: &str) -> Result<(String, Vec<PublishedKey>), CredentialsError> {
    let did = service.issuer_did(provider_id).map_err(|e| CredentialsError::BadInput(e.to_string()))?;
    let keys: Vec<PublishedKey> = service.stored_keys(provider_id).await?.into_iter().map(|key| key.published).collect();
    if keys.is_empty() {
        return Err(CredentialsError::NotFound(format!(
            "Provider \"{provider_id}\" has no issuer keys yet. Keys are created with its first issued credential."
        )));
    }
    Ok((did, keys))
}

async fn did_document(service: web::Data<Option<CredentialService>>, path: web::Path<String>) -> HttpResponse {
    let Some(service) = service.as_ref() else { return not_configured() };
    match published_keys(service, &path).await {
        Ok((did, keys)) => match build_did_document(&did, &keys) {
            Ok(document) => HttpResponse::Ok().content_type("application/did+json").json(document),
            Err(error) => error_response(error.into()),
        },
        Err(error) => error_response(error),
    }
}

async fn jwks(service: web::Data<Option<CredentialService>>, path: web::Path<String>) -> HttpResponse {
    let Some(service) = service.as_ref() else { return not_configured() };
    match published_keys(service, &path).await {
        Ok((did, keys)) => HttpResponse::Ok().content_type("application/jwk-set+json").json(build_jwks(&did, &keys)),
        Err(error) => error_response(error),
    }
}

async fn status_list(service: web::Data<Option<CredentialService>>, path: web::Path<String>) -> HttpResponse {
    let Some(service) = service.as_ref() else { return not_configured() };
    let list_id = path.into_inner();
    let lists = match service.lists_by_id(std::slice::from_ref(&list_id)).await {
        Ok(lists) => lists,
        Err(error) => return error_response(error),
    };
    let Some(list) = lists.first() else {
        return error_response(CredentialsError::NotFound(format!("Status list \"{list_id}\" was not found. Use the statusListCredential URL of a credential.")));
    };
    match service.list_credential(list, true).await {
        Ok(credential) => HttpResponse::Ok().content_type("application/vc+ld+json").json(credential),
        Err(error) => error_response(error),
    }
}
