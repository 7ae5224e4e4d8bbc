//! The OpenAI-compatible extractor against a stub server on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ler_catalog::openai::{ApiKey, OpenAiExtractor};
use ler_catalog::{CatalogError, Extractor, ParseOptions, SourceDocument, MAX_DOCUMENT_BYTES};
use serde_json::{json, Value};

const CATALOG: &str = "\
Front matter.

ACCT 1100 - Financial Accounting I (4)
Introduces the accounting cycle.

ACCT 1105 - Financial Accounting II (4)
Pre-requisites: ACCT 1100
Partnerships and corporations.
";

/// Serves one request with `status` and `body`, and sends the raw request back.
fn stub_server(status: u16, body: String) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept one connection");
        let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
        let mut request = String::new();
        let mut content_length = 0usize;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("read request line");
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                content_length = value.trim().parse().expect("numeric content length");
            }
            request.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let mut payload = vec![0u8; content_length];
        reader.read_exact(&mut payload).expect("read request body");
        request.push_str(&String::from_utf8(payload).expect("UTF-8 body"));
        let response = format!(
            "HTTP/1.1 {status} Stub\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut stream = stream;
        stream
            .write_all(response.as_bytes())
            .expect("write response");
        sender.send(request).expect("send request to test");
    });
    (format!("http://{address}/v1"), receiver)
}

fn completion(content: &Value) -> String {
    json!({ "choices": [{ "message": { "role": "assistant", "content": content.to_string() } }] })
        .to_string()
}

fn extractor(base_url: String) -> OpenAiExtractor {
    OpenAiExtractor {
        base_url,
        api_key: ApiKey::new("test-key-123"),
        model: "stub-model".to_string(),
        timeout: Duration::from_secs(10),
    }
}

fn document() -> SourceDocument {
    SourceDocument::from_text("catalog.txt", CATALOG.to_string(), MAX_DOCUMENT_BYTES)
        .expect("valid document")
}

fn model_reply() -> Value {
    let first = CATALOG.find("ACCT 1100 -").unwrap();
    let second = CATALOG.find("ACCT 1105 -").unwrap();
    json!({
        "courses": [
            { "code": "ACCT 1100", "title": "Financial Accounting I", "credits": 4, "start": first, "end": second },
            { "code": "ACCT 1105", "title": "Financial Accounting II", "credits": "4",
              "prerequisites": "ACCT 1100", "start": second, "end": CATALOG.len() }
        ],
        "programs": []
    })
}

#[test]
fn stub_reply_becomes_lossless_catalog() {
    let (url, requests) = stub_server(200, completion(&model_reply()));
    let catalog = extractor(url)
        .extract(&document(), &ParseOptions::new("acme"))
        .expect("extraction succeeds");

    assert_eq!(catalog.courses.len(), 2);
    assert_eq!(
        catalog.course("ACCT 1105").unwrap().prerequisite_codes,
        vec!["ACCT 1100"]
    );
    assert_eq!(catalog.reassemble(), CATALOG);
    assert_eq!(catalog.remainders[0].span.text, "Front matter.\n\n");

    let request = requests
        .recv_timeout(Duration::from_secs(10))
        .expect("stub saw the request");
    assert!(request.starts_with("POST /v1/chat/completions HTTP/1.1"));
    assert!(request.contains("Authorization: Bearer test-key-123"));
    assert!(request.contains("\"model\":\"stub-model\""));
}

#[test]
fn invented_offsets_are_rejected() {
    let mut reply = model_reply();
    reply["courses"][0]["start"] = json!(0);
    reply["courses"][0]["end"] = json!(5);
    let (url, _requests) = stub_server(200, completion(&reply));
    let error = extractor(url)
        .extract(&document(), &ParseOptions::new("acme"))
        .unwrap_err();
    assert!(
        matches!(error, CatalogError::InvalidExtraction { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("do not contain its code"));
}

#[test]
fn out_of_range_offsets_are_rejected() {
    let mut reply = model_reply();
    reply["courses"][1]["end"] = json!(CATALOG.len() + 10);
    let (url, _requests) = stub_server(200, completion(&reply));
    let error = extractor(url)
        .extract(&document(), &ParseOptions::new("acme"))
        .unwrap_err();
    assert!(error.to_string().contains("outside the"), "{error}");
}

#[test]
fn overlapping_records_are_rejected() {
    let mut reply = model_reply();
    let inside_first = CATALOG.find("Introduces").unwrap();
    reply["courses"][1]["start"] = json!(inside_first);
    let (url, _requests) = stub_server(200, completion(&reply));
    let error = extractor(url)
        .extract(&document(), &ParseOptions::new("acme"))
        .unwrap_err();
    assert!(error.to_string().contains("gap or overlap"), "{error}");
}

#[test]
fn server_error_status_is_reported() {
    let (url, _requests) = stub_server(503, "{\"error\":\"overloaded\"}".to_string());
    let error = extractor(url)
        .extract(&document(), &ParseOptions::new("acme"))
        .unwrap_err();
    assert!(
        matches!(error, CatalogError::ExtractorFailed { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("HTTP status 503"));
    assert_eq!(error.code(), "INTERNAL");
}

#[test]
fn reply_without_json_content_is_rejected() {
    let body = json!({ "choices": [{ "message": { "content": "Sure! Here are the courses." } }] })
        .to_string();
    let (url, _requests) = stub_server(200, body);
    let error = extractor(url)
        .extract(&document(), &ParseOptions::new("acme"))
        .unwrap_err();
    assert!(
        error.to_string().contains("not the expected JSON"),
        "{error}"
    );
}

#[test]
fn https_url_is_rejected_before_connecting() {
    let error = extractor("https://127.0.0.1:9/v1".to_string())
        .extract(&document(), &ParseOptions::new("acme"))
        .unwrap_err();
    assert!(error.to_string().contains("only http:// URLs"), "{error}");
}

#[test]
fn api_key_debug_is_redacted() {
    let debug = format!("{:?}", extractor("http://127.0.0.1:9".to_string()));
    assert!(!debug.contains("test-key-123"));
    assert!(debug.contains("<redacted>"));
}
