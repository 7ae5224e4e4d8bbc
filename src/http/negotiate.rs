//! Media types of GraphQL over HTTP and Accept negotiation.

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
pub const JSON: &str = "application/json";

/// The response media type chosen from an Accept header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    GraphqlResponseJson,
    Json,
}

impl ResponseType {
    pub fn mime(self) -> &'static str {
        match self {
            Self::GraphqlResponseJson => GRAPHQL_RESPONSE_JSON,
            Self::Json => JSON,
        }
    }
}

/// Picks the response type; `None` when the client accepts neither JSON type.
/// A missing Accept header means `application/json`, as the spec allows for legacy clients.
pub fn choose(accept: Option<&str>) -> Option<ResponseType> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(ResponseType::Json);
    };
    let mut best: Option<(f32, ResponseType)> = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';').map(str::trim);
        let media = pieces.next().unwrap_or("").to_ascii_lowercase();
        let quality = pieces
            .filter_map(|p| p.strip_prefix("q="))
            .find_map(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let kind = match media.as_str() {
            GRAPHQL_RESPONSE_JSON => ResponseType::GraphqlResponseJson,
            JSON | "application/*" | "*/*" => ResponseType::Json,
            _ => continue,
        };
        if quality <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((q, k)) => quality > q || (quality == q && k == ResponseType::Json && kind == ResponseType::GraphqlResponseJson),
        };
        if better {
            best = Some((quality, kind));
        }
    }
    best.map(|(_, kind)| kind)
}

/// Returns true when the Accept header requests HTML, so GET /graphql serves GraphiQL.
pub fn wants_html(accept: Option<&str>) -> bool {
    accept.is_some_and(|a| a.contains("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_missing_means_json() {
        assert_eq!(choose(None), Some(ResponseType::Json));
    }

    #[test]
    fn accept_prefers_graphql_response_json() {
        assert_eq!(choose(Some("application/graphql-response+json, application/json;q=0.9")), Some(ResponseType::GraphqlResponseJson));
        assert_eq!(choose(Some("application/json, application/graphql-response+json")), Some(ResponseType::GraphqlResponseJson));
    }

    #[test]
    fn accept_wildcard_means_json() {
        assert_eq!(choose(Some("*/*")), Some(ResponseType::Json));
    }

    #[test]
    fn accept_unsupported_is_none() {
        assert_eq!(choose(Some("text/xml")), None);
        assert_eq!(choose(Some("application/json;q=0")), None);
    }
}
