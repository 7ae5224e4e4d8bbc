//! The committed SDL matches the schema the code builds.
//! Regenerate it with `cargo run -- schema > schema/schema.graphql`.

#[test]
fn committed_sdl_matches_code() {
    let committed = include_str!("../schema/schema.graphql");
    let built = ler_registry::graphql::sdl();

    assert!(committed == built, "schema/schema.graphql is stale. Regenerate it with: cargo run -- schema > schema/schema.graphql");
}
