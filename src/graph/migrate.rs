use super::{cypher, Graph, GraphError, Statement};

/// Applies the constraints and indexes in `cypher/schema/`. Each statement uses
/// `IF NOT EXISTS`, so running this on every start is safe.
pub async fn apply_schema(graph: &Graph) -> Result<(), GraphError> {
    for line in cypher::CONSTRAINTS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        // The statement text must be 'static for error reports; the file is.
        graph.run(Statement::new("schema", line)).await?;
    }
    Ok(())
}
