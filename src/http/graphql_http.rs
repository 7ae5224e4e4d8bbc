//! GraphQL over HTTP: request parsing, status codes and response media types as the
//! GraphQL-over-HTTP specification sets them.

use std::time::{Duration, Instant};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use async_graphql::parser::types::OperationType;
use async_graphql::{ServerError, Variables};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::{json, Value};
use tracing::Instrument;

use super::negotiate::{self, ResponseType};
use super::AppState;
use crate::cache::gate::{self, RequestParts};
use crate::error::ErrorCode;
use crate::graphql::loaders::Loaders;
use ler_auth::Principal;

/// The parameters of one GraphQL request, from a JSON body or a query string.
#[derive(Debug, Default)]
struct Params {
    query: Option<String>,
    variables: Option<Value>,
    operation_name: Option<String>,
    extensions: Option<Value>,
}

/// A request that failed before execution: a status and one error message.
struct Rejection {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    /// Stable machine reason, for authentication failures.
    reason: Option<&'static str>,
}

impl Rejection {
    fn bad_request(message: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, code: ErrorCode::BadUserInput, message: message.into(), reason: None }
    }
}

fn error_body(code: ErrorCode, message: &str) -> Value {
    json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] })
}

fn reject(rejection: Rejection, response_type: ResponseType) -> HttpResponse {
    let mut body = error_body(rejection.code, &rejection.message);
    if let Some(reason) = rejection.reason {
        body["errors"][0]["extensions"]["reason"] = json!(reason);
    }
    let mut response = HttpResponse::build(rejection.status);
    if rejection.status == StatusCode::UNAUTHORIZED {
        response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    response.content_type(response_type.mime()).json(body)
}

fn header_str<'a>(req: &'a HttpRequest, name: header::HeaderName) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

fn response_type(req: &HttpRequest) -> Result<ResponseType, HttpResponse> {
    negotiate::choose(header_str(req, header::ACCEPT)).ok_or_else(|| {
        HttpResponse::NotAcceptable().content_type(negotiate::JSON).json(error_body(
            ErrorCode::BadUserInput,
            "The Accept header allows no supported media type. Accept application/graphql-response+json or application/json.",
        ))
    })
}

/// Reads one JSON body into request parameters, checking each field's type.
fn params_from_json(body: &[u8]) -> Result<Params, Rejection> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Rejection::bad_request(format!("The request body is not valid JSON: {e}. Send an object such as {{\"query\": \"{{ __typename }}\"}}.")))?;
    let Value::Object(mut fields) = value else {
        return Err(Rejection::bad_request("The request body must be a JSON object with a `query` string; batched arrays are not supported."));
    };
    let query = match fields.remove("query") {
        None | Some(Value::Null) => None,
        Some(Value::String(q)) => Some(q),
        Some(_) => return Err(Rejection::bad_request("`query` must be a string containing a GraphQL document.")),
    };
    let operation_name = match fields.remove("operationName") {
        None | Some(Value::Null) => None,
        Some(Value::String(n)) => Some(n),
        Some(_) => return Err(Rejection::bad_request("`operationName` must be a string or null.")),
    };
    let variables = object_or_null(fields.remove("variables"), "variables")?;
    let extensions = object_or_null(fields.remove("extensions"), "extensions")?;
    Ok(Params { query, variables, operation_name, extensions })
}

fn object_or_null(value: Option<Value>, name: &str) -> Result<Option<Value>, Rejection> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::Object(_)) => Ok(Some(v)),
        Some(_) => Err(Rejection::bad_request(format!("`{name}` must be a JSON object or null."))),
    }
}

#[derive(Deserialize)]
struct QueryString {
    query: Option<String>,
    variables: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    extensions: Option<String>,
}

fn params_from_query_string(raw: &str) -> Result<Params, Rejection> {
    let qs: QueryString = serde_urlencoded::from_str(raw)
        .map_err(|e| Rejection::bad_request(format!("The query string could not be parsed: {e}.")))?;
    let parse_object = |text: Option<String>, name: &str| -> Result<Option<Value>, Rejection> {
        match text {
            None => Ok(None),
            Some(t) => {
                let value: Value = serde_json::from_str(&t).map_err(|e| Rejection::bad_request(format!("`{name}` is not valid JSON: {e}.")))?;
                object_or_null(Some(value), name)
            }
        }
    };
    Ok(Params {
        query: qs.query,
        variables: parse_object(qs.variables, "variables")?,
        operation_name: qs.operation_name.filter(|n| !n.is_empty()),
        extensions: parse_object(qs.extensions, "extensions")?,
    })
}

/// Returns the type of the operation the request will run, when the document parses.
fn operation_type(query: &str, operation_name: Option<&str>) -> Option<OperationType> {
    let document = async_graphql::parser::parse_query(query).ok()?;
    match (&document.operations, operation_name) {
        (async_graphql::parser::types::DocumentOperations::Single(op), _) => Some(op.node.ty),
        (async_graphql::parser::types::DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (async_graphql::parser::types::DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| op.node.ty),
        _ => None,
    }
}

/// Reads the body, stopping as soon as it passes the limit.
async fn read_body(mut payload: web::Payload, limit: usize) -> Result<web::BytesMut, Rejection> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| Rejection::bad_request(format!("The request body could not be read: {e}.")))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Validates the bearer token, if any. Without a validator every caller is anonymous.
async fn authenticate(req: &HttpRequest, state: &AppState) -> Result<Principal, Rejection> {
    let header = header_str(req, header::AUTHORIZATION);
    match &state.validator {
        Some(validator) => validator.authenticate(header).await.map_err(|error| {
            tracing::info!(auth.reason = error.reason(), "bearer token rejected");
            Rejection { status: StatusCode::UNAUTHORIZED, code: ErrorCode::Unauthenticated, message: error.to_string(), reason: Some(error.reason()) }
        }),
        None if header.is_some() => Err(Rejection {
            status: StatusCode::UNAUTHORIZED,
            code: ErrorCode::Unauthenticated,
            message: "This server has no token validation configured, so it cannot accept an Authorization header. Remove the header or configure LER_JWT_HS256_SECRET or LER_JWT_JWKS.".into(),
            reason: Some("AUTHENTICATION_DISABLED"),
        }),
        None => Ok(Principal::anonymous()),
    }
}

pub async fn post(req: HttpRequest, payload: web::Payload, state: web::Data<AppState>) -> HttpResponse {
    let response_type = match response_type(&req) {
        Ok(t) => t,
        Err(response) => return response,
    };
    let body = match read_body(payload, state.limits.max_body_bytes).await {
        Ok(body) => body,
        Err(rejection) => return reject(rejection, response_type),
    };
    let content_type = header_str(&req, header::CONTENT_TYPE).unwrap_or("").to_ascii_lowercase();
    let media = content_type.split(';').next().unwrap_or("").trim();
    if media != "application/json" {
        let message = format!("The Content-Type \"{content_type}\" is not supported. Send the request as application/json.");
        return reject(Rejection { status: StatusCode::UNSUPPORTED_MEDIA_TYPE, code: ErrorCode::BadUserInput, message, reason: None }, response_type);
    }
    let params = match params_from_json(&body) {
        Ok(params) => params,
        Err(rejection) => return reject(rejection, response_type),
    };
    match authenticate(&req, &state).await {
        Ok(principal) => execute(params, principal, req.peer_addr().map(|a| a.ip()), response_type, &state).await,
        Err(rejection) => reject(rejection, response_type),
    }
}

pub async fn get(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let accept = header_str(&req, header::ACCEPT);
    if negotiate::wants_html(accept) && !req.query_string().contains("query=") {
        let page = async_graphql::http::GraphiQLSource::build().endpoint("/graphql").finish();
        return HttpResponse::Ok().content_type("text/html; charset=utf-8").body(page);
    }
    let response_type = match response_type(&req) {
        Ok(t) => t,
        Err(response) => return response,
    };
    let params = match params_from_query_string(req.query_string()) {
        Ok(p) => p,
        Err(rejection) => return reject(rejection, response_type),
    };
    if let Some(query) = &params.query {
        if operation_type(query, params.operation_name.as_deref()) == Some(OperationType::Mutation) {
            let message = "Mutations are not allowed over GET. Send them with POST.";
            return HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, HeaderValue::from_static("POST")))
                .content_type(response_type.mime())
                .json(error_body(ErrorCode::BadUserInput, message));
        }
    }
    match authenticate(&req, &state).await {
        Ok(principal) => execute(params, principal, req.peer_addr().map(|a| a.ip()), response_type, &state).await,
        Err(rejection) => reject(rejection, response_type),
    }
}

pub async fn method_not_allowed() -> HttpResponse {
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, HeaderValue::from_static("GET, POST")))
        .content_type(negotiate::JSON)
        .json(error_body(ErrorCode::BadUserInput, "GraphQL requests use GET or POST."))
}

fn too_large(limit: usize) -> Rejection {
    Rejection {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        code: ErrorCode::BadUserInput,
        message: format!("The request body is larger than the limit of {limit} bytes. Send a smaller document or fewer variables."),
        reason: None,
    }
}

/// Rewrites the executor's limit errors so they name the limit and carry QUERY_TOO_COMPLEX.
fn explain_limits(errors: &mut [ServerError], state: &AppState) {
    for error in errors {
        let limit = match error.message.as_str() {
            "Query is nested too deep." => format!("The query is nested deeper than the limit of {} levels. Split it into smaller queries.", state.limits.max_depth),
            "Query is too complex." => format!(
                "The query's complexity exceeds the limit of {}. Each field costs 1 and a list field costs its `first` times its selection; request smaller pages.",
                state.limits.max_complexity
            ),
            _ => continue,
        };
        error.message = limit;
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", ErrorCode::QueryTooComplex.as_str());
    }
}

/// Gives each error without a code one. Syntax errors get GRAPHQL_PARSE_FAILED, and other
/// errors found before execution GRAPHQL_VALIDATION_FAILED. A value of the wrong type and a
/// declared variable without a value get BAD_USER_INPUT, and the latter a clearer message.
/// Returns true when every error is of these request kinds.
fn classify_errors(errors: &mut [ServerError]) -> bool {
    let mut all_request_errors = true;
    for error in errors {
        let has_code = error.extensions.as_ref().is_some_and(|extensions| extensions.get("code").is_some());
        let variable = error.message.strip_prefix("Variable ").and_then(|rest| rest.strip_suffix(" is not defined.")).map(str::to_string);
        if let Some(name) = variable {
            error.message = format!("Variable `${name}` has no value. Pass it in `variables`, or give it a default value in the operation.");
            error.extensions.get_or_insert_with(Default::default).set("code", ErrorCode::BadUserInput.as_str());
            continue;
        }
        if !error.path.is_empty() {
            all_request_errors = false;
            continue;
        }
        if !has_code {
            let code = if error.message.trim_start().starts_with("-->") {
                "GRAPHQL_PARSE_FAILED"
            } else if error.message.starts_with("Invalid value for argument") {
                ErrorCode::BadUserInput.as_str()
            } else {
                "GRAPHQL_VALIDATION_FAILED"
            };
            error.extensions.get_or_insert_with(Default::default).set("code", code);
        }
    }
    all_request_errors
}

async fn execute(params: Params, principal: Principal, peer: Option<std::net::IpAddr>, response_type: ResponseType, state: &AppState) -> HttpResponse {
    let parts = RequestParts { query: params.query, variables: params.variables.as_ref(), operation_name: params.operation_name.as_deref(), extensions: params.extensions.as_ref() };
    let (query, gate) = match gate::admit(&state.cache, &principal, peer, parts).await {
        Ok(admitted) => admitted,
        Err(early) => return early.respond(response_type.mime()),
    };
    let Some(query) = query.filter(|q| !q.trim().is_empty()) else {
        return reject(Rejection::bad_request("The request has no `query`. Pass a GraphQL document in `query`."), response_type);
    };
    let operation = params.operation_name.clone().unwrap_or_default();
    let span = tracing::info_span!("graphql.request", graphql.operation.name = %operation, duration_ms = tracing::field::Empty, outcome = tracing::field::Empty);
    let started = Instant::now();
    let mut request = async_graphql::Request::new(query)
        .data(Loaders::with_tags(&state.graph, gate.tags.clone(), Duration::from_millis(state.limits.loader_delay_ms), principal.clone()))
        .data(crate::eligibility::EligibilityLoaders::new(&state.graph))
        .data(gate.tags.clone())
        .data(principal);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = params.variables {
        request = request.variables(Variables::from_json(variables));
    }
    if let Some(Value::Object(extensions)) = params.extensions {
        for (key, value) in extensions {
            if let Ok(value) = async_graphql::Value::from_json(value) {
                request.extensions.insert(key, value);
            }
        }
    }
    let timeout = Duration::from_secs(state.limits.request_timeout_secs);
    let result = tokio::time::timeout(timeout, state.schema.execute(request)).instrument(span.clone()).await;
    let mut response = match result {
        Ok(response) => response,
        Err(_) => {
            span.record("outcome", "timeout");
            // A mutation cut short may already have written records, so invalidate them.
            gate.finish(&state.cache, &Value::Null, false).await;
            let message = format!("The request did not finish within the limit of {} seconds. Narrow the query or request smaller pages.", state.limits.request_timeout_secs);
            return HttpResponse::GatewayTimeout().content_type(response_type.mime()).json(error_body(ErrorCode::UpstreamUnavailable, &message));
        }
    };
    explain_limits(&mut response.errors, state);
    let request_errors = classify_errors(&mut response.errors);
    // A request error (parse, validation, a variable without a value) means execution never
    // ran, so there is no `data` entry. A field error on a non-null root field keeps
    // `data: null`.
    let failed_before_execution = response.data == async_graphql::Value::Null && !response.errors.is_empty() && request_errors;
    let status = if failed_before_execution && response_type == ResponseType::GraphqlResponseJson { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    span.record("outcome", if response.errors.is_empty() { "ok" } else if failed_before_execution { "rejected" } else { "partial" });
    span.in_scope(|| tracing::info!("graphql request finished"));
    let mut body = serde_json::to_value(&response).unwrap_or_else(|_| json!({}));
    if failed_before_execution {
        if let Value::Object(map) = &mut body {
            map.remove("data");
        }
    }
    let x_cache = gate.finish(&state.cache, &body, response.errors.is_empty()).await;
    HttpResponse::build(status).insert_header((gate::X_CACHE, x_cache)).content_type(response_type.mime()).json(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_params_reject_non_object_variables() {
        assert!(params_from_json(br#"{"query":"{a}","variables":[1]}"#).is_err());
        assert!(params_from_json(br#"{"query":"{a}","variables":"x"}"#).is_err());
        assert!(params_from_json(br#"{"query":"{a}","variables":null}"#).is_ok());
    }

    #[test]
    fn json_params_reject_non_string_query() {
        assert!(params_from_json(br#"{"query":1}"#).is_err());
        assert!(params_from_json(br#"{"query":"{a}","operationName":3}"#).is_err());
    }

    #[test]
    fn operation_type_finds_named_mutation() {
        let doc = "query A { a } mutation B { b }";
        assert_eq!(operation_type(doc, Some("B")), Some(OperationType::Mutation));
        assert_eq!(operation_type(doc, Some("A")), Some(OperationType::Query));
        assert_eq!(operation_type("mutation { b }", None), Some(OperationType::Mutation));
    }
}
