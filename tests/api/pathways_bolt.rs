//! A minimal Bolt 4.4 client used only to read query plans: neo4rs 0.8 drops the summary
//! metadata of a result, where Neo4j returns the plan of an `EXPLAIN`. It speaks just
//! enough PackStream for HELLO, RUN and PULL and their replies, with no authentication
//! (the test Neo4j runs without it).

use serde_json::{Map, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const MAGIC: [u8; 4] = [0x60, 0x60, 0xB0, 0x17];
const HELLO: u8 = 0x01;
const RUN: u8 = 0x10;
const PULL: u8 = 0x3F;
const SUCCESS: u8 = 0x70;
const RECORD: u8 = 0x71;
const FAILURE: u8 = 0x7F;

pub struct BoltClient {
    stream: TcpStream,
}

fn encode(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.push(0xC0),
        Value::Bool(b) => out.push(if *b { 0xC3 } else { 0xC2 }),
        Value::Number(n) => match n.as_i64() {
            Some(i) if (-16..=127).contains(&i) => out.push(i as i8 as u8),
            Some(i) => {
                out.push(0xCB);
                out.extend_from_slice(&i.to_be_bytes());
            }
            None => {
                out.push(0xC1);
                out.extend_from_slice(&n.as_f64().unwrap_or(0.0).to_be_bytes());
            }
        },
        Value::String(s) => {
            header(0x80, 0xD0, s.len(), out);
            out.extend_from_slice(s.as_bytes());
        }
        Value::Array(items) => {
            header(0x90, 0xD4, items.len(), out);
            items.iter().for_each(|item| encode(item, out));
        }
        Value::Object(map) => {
            header(0xA0, 0xD8, map.len(), out);
            for (key, item) in map {
                encode(&Value::String(key.clone()), out);
                encode(item, out);
            }
        }
    }
}

/// Writes a size marker: the tiny form below 16, else the 8, 16 or 32-bit form.
fn header(tiny: u8, sized: u8, len: usize, out: &mut Vec<u8>) {
    if len < 16 {
        out.push(tiny | len as u8);
    } else if len <= u8::MAX as usize {
        out.extend_from_slice(&[sized, len as u8]);
    } else if len <= u16::MAX as usize {
        out.push(sized + 1);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(sized + 2);
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> &[u8] {
        let slice = &self.bytes[self.at..self.at + n];
        self.at += n;
        slice
    }

    fn size(&mut self, marker: u8, base: u8) -> usize {
        match marker - base {
            0 => self.take(1)[0] as usize,
            1 => u16::from_be_bytes(self.take(2).try_into().unwrap()) as usize,
            _ => u32::from_be_bytes(self.take(4).try_into().unwrap()) as usize,
        }
    }

    /// Decodes one value; a structure becomes {"$tag": tag, "fields": [...]}.
    fn value(&mut self) -> Value {
        let marker = self.take(1)[0];
        match marker {
            0x00..=0x7F => Value::from(marker as i64),
            0xF0..=0xFF => Value::from(marker as i8 as i64),
            0x80..=0x8F => self.string(marker as usize & 0x0F),
            0x90..=0x9F => self.list(marker as usize & 0x0F),
            0xA0..=0xAF => self.map(marker as usize & 0x0F),
            0xB0..=0xBF => {
                let tag = self.take(1)[0];
                let fields = (0..(marker & 0x0F)).map(|_| self.value()).collect();
                serde_json::json!({ "$tag": tag, "fields": Value::Array(fields) })
            }
            0xC0 => Value::Null,
            0xC1 => Value::from(f64::from_be_bytes(self.take(8).try_into().unwrap())),
            0xC2 => Value::Bool(false),
            0xC3 => Value::Bool(true),
            0xC8 => Value::from(self.take(1)[0] as i8 as i64),
            0xC9 => Value::from(i16::from_be_bytes(self.take(2).try_into().unwrap()) as i64),
            0xCA => Value::from(i32::from_be_bytes(self.take(4).try_into().unwrap()) as i64),
            0xCB => Value::from(i64::from_be_bytes(self.take(8).try_into().unwrap())),
            0xCC..=0xCE => {
                let len = self.size(marker, 0xCC);
                self.take(len);
                Value::String("(bytes)".into())
            }
            0xD0..=0xD2 => {
                let len = self.size(marker, 0xD0);
                self.string(len)
            }
            0xD4..=0xD6 => {
                let len = self.size(marker, 0xD4);
                self.list(len)
            }
            0xD8..=0xDA => {
                let len = self.size(marker, 0xD8);
                self.map(len)
            }
            other => panic!("PackStream marker {other:#04x} is not supported by this test client"),
        }
    }

    fn string(&mut self, len: usize) -> Value {
        Value::String(String::from_utf8_lossy(self.take(len)).into_owned())
    }

    fn list(&mut self, len: usize) -> Value {
        Value::Array((0..len).map(|_| self.value()).collect())
    }

    fn map(&mut self, len: usize) -> Value {
        let mut map = Map::new();
        for _ in 0..len {
            let key = self.value().as_str().unwrap_or_default().to_string();
            map.insert(key, self.value());
        }
        Value::Object(map)
    }
}

impl BoltClient {
    /// Connects to `bolt://host:port` and sends HELLO without credentials.
    pub async fn connect(uri: &str) -> Self {
        let address = uri.trim_start_matches("bolt://").trim_start_matches("neo4j://");
        let mut stream = TcpStream::connect(address).await.expect("test Neo4j accepts Bolt connections");
        let mut handshake = MAGIC.to_vec();
        handshake.extend_from_slice(&[0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        stream.write_all(&handshake).await.unwrap();
        let mut version = [0u8; 4];
        stream.read_exact(&mut version).await.unwrap();
        assert_eq!(version, [0, 0, 4, 4], "Neo4j did not accept Bolt 4.4");
        let mut client = Self { stream };
        let hello = serde_json::json!({ "user_agent": "ler-registry-plan-test/1", "scheme": "none" });
        client.send(HELLO, &[hello]).await;
        let (tag, meta) = client.receive().await;
        assert_eq!(tag, SUCCESS, "HELLO failed: {meta}");
        client
    }

    async fn send(&mut self, tag: u8, fields: &[Value]) {
        let mut body = vec![0xB0 | fields.len() as u8, tag];
        fields.iter().for_each(|field| encode(field, &mut body));
        let mut framed = Vec::new();
        for chunk in body.chunks(u16::MAX as usize) {
            framed.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
            framed.extend_from_slice(chunk);
        }
        framed.extend_from_slice(&[0, 0]);
        self.stream.write_all(&framed).await.unwrap();
    }

    /// Reads one message and returns its tag and first field.
    async fn receive(&mut self) -> (u8, Value) {
        let mut body = Vec::new();
        loop {
            let mut size = [0u8; 2];
            self.stream.read_exact(&mut size).await.unwrap();
            let size = u16::from_be_bytes(size) as usize;
            if size == 0 {
                if body.is_empty() {
                    continue;
                }
                break;
            }
            let start = body.len();
            body.resize(start + size, 0);
            self.stream.read_exact(&mut body[start..]).await.unwrap();
        }
        let mut reader = Reader { bytes: &body, at: 0 };
        let message = reader.value();
        let tag = message["$tag"].as_u64().unwrap() as u8;
        (tag, message["fields"][0].clone())
    }

    /// Runs `EXPLAIN text` and returns the plan tree, or the Neo4j failure message.
    pub async fn explain(&mut self, text: &str, params: &Value) -> Result<Value, String> {
        self.send(RUN, &[Value::String(format!("EXPLAIN {text}")), params.clone(), Value::Object(Map::new())]).await;
        self.send(PULL, &[serde_json::json!({ "n": -1 })]).await;
        let (tag, meta) = self.receive().await;
        if tag == FAILURE {
            // The PULL is IGNORED after a failure; RESET is not needed for a fresh connection per file.
            let _ = self.receive().await;
            return Err(meta.to_string());
        }
        loop {
            let (tag, meta) = self.receive().await;
            match tag {
                RECORD => continue,
                SUCCESS => return meta.get("plan").cloned().ok_or_else(|| format!("no plan in {meta}")),
                _ => return Err(meta.to_string()),
            }
        }
    }
}
