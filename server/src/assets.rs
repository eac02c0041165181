//! The widget as browsers download it: the loader (`/widget.js`) and the web build's content-hashed
//! build output, read once at start-up and compressed once with brotli and gzip at their
//! highest levels, so every visitor gets the smallest bytes without per-request work; and the
//! staff console's files, compressed quickly.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use axum::http::header::ACCEPT_ENCODING;
use axum::http::{HeaderMap, HeaderValue};

/// The loader source; `__PEERHELP_JS__` / `__PEERHELP_WASM__` are replaced by the hashed names.
const LOADER_SOURCE: &str = include_str!("../../loader/widget.js");

/// One file in its three encodings.
pub struct Asset {
    pub content_type: &'static str,
    identity: Vec<u8>,
    gzip: Vec<u8>,
    brotli: Vec<u8>,
}

/// Which encoding a response carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best encoding the request's `Accept-Encoding` allows.
    pub fn negotiate(headers: &HeaderMap) -> Encoding {
        let accepted = headers
            .get(ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let offers = |name: &str| {
            accepted.split(',').any(|item| {
                let mut parts = item.split(';').map(str::trim);
                let quality =
                    |param: &str| param.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok());
                parts.next() == Some(name) && parts.find_map(quality).unwrap_or(1.0) > 0.0
            })
        };
        if offers("br") {
            Encoding::Brotli
        } else if offers("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// The `Content-Encoding` value, if any.
    pub fn header_value(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

/// How hard to compress: what every visitor downloads gets the smallest bytes whatever the
/// start-up cost; the staff console, fetched once by a few people, is not worth seconds of it.
/// The loader, a few kilobytes on every brand page and budgeted in gzip, gets zopfli's gzip,
/// a few percent under zlib's best, which would take seconds on the widget's wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    Smallest,
    Best,
    Quick,
}

impl Asset {
    pub fn new(content_type: &'static str, identity: Vec<u8>) -> Asset {
        Asset::compressed(content_type, identity, Effort::Best)
    }

    pub fn compressed(content_type: &'static str, identity: Vec<u8>, effort: Effort) -> Asset {
        let gzip = gzip(&identity, effort);
        let brotli = brotli(&identity, effort);
        Asset {
            content_type,
            identity,
            gzip,
            brotli,
        }
    }

    pub fn bytes(&self, encoding: Encoding) -> &[u8] {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
        }
    }
}

fn gzip(data: &[u8], effort: Effort) -> Vec<u8> {
    let level = match effort {
        Effort::Smallest => {
            let mut out = Vec::new();
            zopfli::compress(
                zopfli::Options::default(),
                zopfli::Format::Gzip,
                data,
                &mut out,
            )
            .expect("writing to memory cannot fail");
            return out;
        }
        Effort::Best => flate2::Compression::best(),
        Effort::Quick => flate2::Compression::default(),
    };
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder
        .write_all(data)
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

fn brotli(data: &[u8], effort: Effort) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: match effort {
            Effort::Smallest | Effort::Best => 11,
            Effort::Quick => 5,
        },
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)
        .expect("writing to memory cannot fail");
    out
}

/// The loader and the hashed widget files.
pub struct WidgetAssets {
    pub loader: Asset,
    files: HashMap<String, Asset>,
}

impl WidgetAssets {
    /// Reads the widget's build folder (`dist`). Without a build the loader is still served: it
    /// then tells visitors that help is unavailable instead of breaking the page.
    pub fn load(dist: &Path) -> WidgetAssets {
        let mut files = HashMap::new();
        let (mut glue, mut wasm) = (String::new(), String::new());
        match std::fs::read_dir(dist) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let Some(content_type) =
                        content_type(&name).filter(|t| !t.starts_with("text/html"))
                    else {
                        continue;
                    };
                    let Ok(bytes) = std::fs::read(entry.path()) else {
                        continue;
                    };
                    if name.ends_with("_bg.wasm") {
                        wasm.clone_from(&name);
                    } else {
                        glue.clone_from(&name);
                    }
                    files.insert(name, Asset::new(content_type, bytes));
                }
            }
            Err(error) => {
                tracing::warn!(%error, dist = %dist.display(), "no widget build found; build it with node scripts/web/build.mjs")
            }
        }
        let loader = crate::loader_minify::minify(
            &LOADER_SOURCE
                .replace("__PEERHELP_JS__", &glue)
                .replace("__PEERHELP_WASM__", &wasm),
        );
        WidgetAssets {
            loader: Asset::compressed(
                "text/javascript; charset=utf-8",
                loader.into_bytes(),
                Effort::Smallest,
            ),
            files,
        }
    }

    pub fn file(&self, name: &str) -> Option<&Asset> {
        self.files.get(name)
    }

    /// The hashed files by name, for the size benchmark.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Asset)> {
        self.files
            .iter()
            .map(|(name, asset)| (name.as_str(), asset))
    }
}

/// The staff console as the web build wrote it: `index.html`, its hashed JS, wasm and CSS.
pub struct ConsoleAssets {
    files: HashMap<String, Asset>,
    /// The page's Content-Security-Policy, worked out from the page on first use and kept,
    /// since the page never changes while the server runs.
    pub page_policy: OnceLock<HeaderValue>,
}

impl ConsoleAssets {
    /// Reads the console's build folder; without a build, `/console/` answers 404.
    pub fn load(dist: &Path) -> ConsoleAssets {
        let files = match std::fs::read_dir(dist) {
            Ok(entries) => entries
                .flatten()
                .filter_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let content_type = content_type(&name)?;
                    let bytes = std::fs::read(entry.path()).ok()?;
                    Some((name, Asset::compressed(content_type, bytes, Effort::Quick)))
                })
                .collect(),
            Err(error) => {
                tracing::warn!(%error, dist = %dist.display(), "no console build found; build it with node scripts/web/build.mjs");
                HashMap::new()
            }
        };
        ConsoleAssets {
            files,
            page_policy: OnceLock::new(),
        }
    }

    pub fn file(&self, name: &str) -> Option<&Asset> {
        self.files.get(name)
    }
}

/// The content type of a built file, by its extension; `None` for files never served.
fn content_type(name: &str) -> Option<&'static str> {
    match name.rsplit('.').next()? {
        "wasm" => Some("application/wasm"),
        "js" => Some("text/javascript; charset=utf-8"),
        "css" => Some("text/css; charset=utf-8"),
        "html" => Some("text/html; charset=utf-8"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_brotli_then_gzip_then_identity() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(ACCEPT_ENCODING, value.parse().unwrap());
            Encoding::negotiate(&headers)
        };
        assert_eq!(with("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(with("gzip, br;q=0"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::negotiate(&HeaderMap::new()), Encoding::Identity);
    }
}
