//! The request-scoped sets of record tags: the records a request read, which index its
//! cached entry, and the records a mutation changed, which invalidate entries.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use super::key::{list_tag, record_tag};

/// Tags gathered while one request runs. Clones share the same sets.
#[derive(Clone, Default)]
pub struct RequestTags {
    inner: Arc<Mutex<Sets>>,
}

#[derive(Default)]
struct Sets {
    read: BTreeSet<String>,
    changed: BTreeSet<String>,
}

impl RequestTags {
    /// Records that the response contains the records `kind:id` for each id.
    pub fn read<'a>(&self, kind: &str, ids: impl IntoIterator<Item = &'a String>) {
        let mut sets = self.inner.lock().expect("tag lock is not poisoned");
        sets.read.extend(ids.into_iter().map(|id| record_tag(kind, id)));
    }

    /// Records that a mutation changed `kind:id`, which also changes every list of `kind`.
    pub fn changed(&self, kind: &str, id: &str) {
        let mut sets = self.inner.lock().expect("tag lock is not poisoned");
        sets.changed.insert(record_tag(kind, id));
        sets.changed.insert(list_tag(kind));
    }

    pub fn read_tags(&self) -> Vec<String> {
        self.inner.lock().expect("tag lock is not poisoned").read.iter().cloned().collect()
    }

    pub fn changed_tags(&self) -> Vec<String> {
        self.inner.lock().expect("tag lock is not poisoned").changed.iter().cloned().collect()
    }
}
