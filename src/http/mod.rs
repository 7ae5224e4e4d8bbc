//! The actix-web app: GraphQL over HTTP, GraphiQL and health checks.

mod graphql_http;
mod health;
mod negotiate;

use std::net::{SocketAddr, TcpListener};

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};

use crate::cache::Cache;
use crate::config::Limits;
use crate::graph::Graph;
use crate::graphql::{build_schema, RegistrySchema};

/// Everything a request handler needs.
pub struct AppState {
    pub schema: RegistrySchema,
    pub graph: Graph,
    pub limits: Limits,
    /// Bearer-token validator; `None` when authentication is off.
    pub validator: Option<ler_auth::Validator>,
    pub cache: Cache,
}

/// Settings of the HTTP app beyond the graph connection.
#[derive(Clone, Default)]
pub struct AppSettings {
    pub limits: Limits,
    pub validator: Option<ler_auth::Validator>,
    /// Response cache; `None` builds an in-process one.
    pub cache: Option<Cache>,
    /// Credential issuance settings; `None` turns issuance off.
    pub credentials: Option<crate::credentials::CredentialSettings>,
}

/// A running server and the address it listens on.
pub struct Running {
    pub server: Server,
    pub addr: SocketAddr,
}

/// Binds the listener and builds the server. Port 0 picks a free port, which tests use.
pub fn start(addr: SocketAddr, graph: Graph, settings: AppSettings, workers: usize) -> std::io::Result<Running> {
    let listener = TcpListener::bind(addr)?;
    let addr = listener.local_addr()?;
    let AppSettings { limits, validator, cache, credentials } = settings;
    let cache = cache.unwrap_or_else(Cache::in_process);
    let credentials = credentials.map(|settings| crate::credentials::CredentialService::new(graph.clone(), settings));
    let credentials_data = web::Data::new(credentials.clone());
    let state = web::Data::new(AppState { schema: build_schema(graph.clone(), &limits, credentials), graph, limits, validator, cache });
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(credentials_data.clone())
            .configure(routes)
            .configure(crate::credentials::routes::configure)
    })
    .workers(workers)
    .listen(listener)?
    .disable_signals()
    .run();
    Ok(Running { server, addr })
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql_http::post))
        .route("/graphql", web::get().to(graphql_http::get))
        .route("/graphql", web::route().to(graphql_http::method_not_allowed))
        .route("/health/live", web::get().to(health::live))
        .route("/health/ready", web::get().to(health::ready));
}
