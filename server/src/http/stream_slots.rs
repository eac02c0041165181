//! How many event streams are open per token and per client address, so one client cannot
//! hold every connection.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::rate_limits::RateLimits;

/// What a client refused a stream is told to wait before trying again.
pub(super) const STREAM_RETRY: Duration = Duration::from_secs(30);

/// Open event streams per token and per IP, capped (`--rate-limits streams-per-…`).
pub struct StreamSlots {
    enabled: bool,
    per_token: Arc<OpenCounts<u64>>,
    per_ip: Arc<OpenCounts<IpAddr>>,
}

impl StreamSlots {
    pub fn new(limits: &RateLimits) -> StreamSlots {
        StreamSlots {
            enabled: limits.enabled,
            per_token: Arc::new(OpenCounts::new(limits.streams_per_token)),
            per_ip: Arc::new(OpenCounts::new(limits.streams_per_ip)),
        }
    }

    /// A slot for one more stream, or `None` when the token (if any) or the IP has its fill.
    pub(super) fn open(&self, ip: IpAddr, token_key: Option<u64>) -> Option<StreamSlot> {
        if !self.enabled {
            return Some(StreamSlot { _held: None });
        }
        let token = match token_key {
            Some(key) => Some(OpenCounts::take(&self.per_token, key)?),
            None => None,
        };
        // Taking the IP's slot second: if it fails, dropping `token` gives the first back.
        let ip = OpenCounts::take(&self.per_ip, ip)?;
        Some(StreamSlot {
            _held: Some((token, ip)),
        })
    }
}

/// Open streams per key, each at most `cap`.
struct OpenCounts<K> {
    cap: u32,
    open: Mutex<HashMap<K, u32>>,
}

impl<K: Hash + Eq + Copy> OpenCounts<K> {
    fn new(cap: u32) -> OpenCounts<K> {
        OpenCounts {
            cap,
            open: Mutex::new(HashMap::new()),
        }
    }

    fn take(counts: &Arc<OpenCounts<K>>, key: K) -> Option<Held<K>> {
        let mut open = counts.open.lock().expect("stream counts lock");
        let count = open.entry(key).or_insert(0);
        if *count >= counts.cap {
            return None;
        }
        *count += 1;
        Some(Held {
            counts: counts.clone(),
            key,
        })
    }
}

/// One counted stream of `key`; dropping it gives the slot back.
struct Held<K: Hash + Eq + Copy> {
    counts: Arc<OpenCounts<K>>,
    key: K,
}

impl<K: Hash + Eq + Copy> Drop for Held<K> {
    fn drop(&mut self) {
        let mut open = self.counts.open.lock().expect("stream counts lock");
        if let Some(count) = open.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// An open stream's slots (none when limits are off; no token's for a presence stream).
pub(super) struct StreamSlot {
    _held: Option<(Option<Held<u64>>, Held<IpAddr>)>,
}
