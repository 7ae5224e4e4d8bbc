//! Prints the canonical N-Quads (RDFC-1.0) of a JSON-LD file without its `proof`, which is
//! the document half of what an `eddsa-rdfc-2022` proof signs. Useful to diff against
//! another JSON-LD processor when a proof verifies in one place and not in another.
//!
//! Usage: `cargo run -p ler-credentials --example canonicalize_file -- <credential.json>`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("missing file; usage: canonicalize_file <credential.json>")?;
    let mut document: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
    if let Some(object) = document.as_object_mut() {
        object.remove("proof");
    }
    print!("{}", ler_credentials::canon::canonicalize(&document)?);
    Ok(())
}
