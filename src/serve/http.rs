//! The preview server's HTTP side: the built site from memory, the live
//! script and its event stream. Only the built site is served: a request
//! path that could climb out of it is refused before any lookup.

use std::convert::Infallible;
use std::path::Path;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use tower_http::set_header::SetResponseHeaderLayer;

use super::live::{self, Event, Hub};
use super::store::{Entry, Store, content_type};

#[derive(Clone)]
pub struct App {
    pub store: Arc<RwLock<Arc<Store>>>,
    pub hub: Arc<Hub>,
    /// Copied files are served only from inside these folders.
    pub roots: Arc<Vec<std::path::PathBuf>>,
    /// Told of requests, so the search index is made when it is used.
    pub indexer: super::search::Indexer,
}

pub fn router(app: App) -> Router {
    Router::new()
        .route(live::SCRIPT_PATH, axum::routing::get(script))
        .route(live::EVENTS_PATH, axum::routing::get(events))
        .fallback(axum::routing::get(page))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(app)
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        live::SCRIPT,
    )
        .into_response()
}

async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let (generation, errors) = {
        let s = app.hub.status.read().expect("status lock");
        (s.generation, s.errors.clone())
    };
    let mut first = vec![
        SseEvent::default()
            .event("hello")
            .data(generation.to_string()),
    ];
    if let Some(json) = errors {
        first.push(SseEvent::default().event("errors").data(&*json));
    }
    let receiver = app.hub.sender.subscribe();
    let stream = futures_util::stream::unfold(
        (first.into_iter(), receiver),
        |(mut first, mut rx)| async move {
            if let Some(e) = first.next() {
                return Some((Ok(e), (first, rx)));
            }
            loop {
                match rx.recv().await {
                    Ok(event) => return Some((Ok(to_sse(&event)), (first, rx))),
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(_) => return None,
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_sse(event: &Event) -> SseEvent {
    match event {
        Event::Reload { generation } => SseEvent::default()
            .event("reload")
            .data(generation.to_string()),
        Event::Errors(json) => SseEvent::default().event("errors").data(&**json),
        // Browsers drop events with no data: always send some.
        Event::Ok => SseEvent::default().event("ok").data("ok"),
    }
}

async fn page(State(app): State<App>, uri: Uri) -> Response {
    let Some(path) = safe_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad request path\n").into_response();
    };
    app.indexer.requested(&path);
    let store = app.store.read().expect("store lock").clone();
    let (key, entry) = match lookup(&store, &path) {
        Found::Entry(key, entry) => (key, entry),
        Found::Redirect(to) => {
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
        }
        Found::Missing => {
            let generation = app.hub.status.read().expect("status lock").generation;
            return not_found(&store, generation);
        }
    };
    let bytes = match entry {
        Entry::Bytes(b) => b.to_vec(),
        Entry::File(p) => match read_inside(&p, &app.roots) {
            Some(b) => b,
            None => return (StatusCode::FORBIDDEN, "forbidden\n").into_response(),
        },
    };
    let generation = app.hub.status.read().expect("status lock").generation;
    respond(StatusCode::OK, &key, bytes, generation)
}

enum Found {
    Entry(String, Entry),
    Redirect(String),
    Missing,
}

fn lookup(store: &Store, path: &str) -> Found {
    let rel = path.trim_start_matches('/');
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(e) = store.get(&key) {
        return Found::Entry(key, e.clone());
    }
    if !rel.is_empty() && store.get(&format!("{rel}/index.html")).is_some() {
        let to = crate::model::url::encode_path(&format!("/{rel}/"));
        return Found::Redirect(to);
    }
    Found::Missing
}

fn not_found(store: &Store, generation: u64) -> Response {
    match store.bytes("404.html") {
        Some(b) => respond(StatusCode::NOT_FOUND, "404.html", b.to_vec(), generation),
        None => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><body><p>页面不存在 / not found</p></body></html>"
                .as_bytes()
                .to_vec(),
            generation,
        ),
    }
}

fn respond(status: StatusCode, key: &str, bytes: Vec<u8>, generation: u64) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        live::inject(&bytes, generation)
    } else {
        bytes
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, kind)
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The decoded request path, or `None` when it could leave the site:
/// `..` or `.` segments (also percent-encoded), encoded slashes, any
/// backslash, NUL, empty segments (`//etc`), drive letters, bad UTF-8.
pub fn safe_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%5c") || lower.contains("%2f") || lower.contains("%00")
    {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    if !decoded.starts_with('/') || decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let inner = decoded.trim_start_matches('/');
    if decoded.len() - inner.len() > 1 {
        return None;
    }
    let segments: Vec<&str> = inner.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        if *seg == ".." || *seg == "." || (seg.is_empty() && i != last) || seg.contains(':') {
            return None;
        }
    }
    Some(decoded)
}

/// Reads a copied file only when its real path (symbolic links resolved)
/// lies inside the site or theme folders.
fn read_inside(path: &Path, roots: &[std::path::PathBuf]) -> Option<Vec<u8>> {
    let real = path.canonicalize().ok()?;
    if !roots.iter().any(|r| real.starts_with(r)) {
        return None;
    }
    std::fs::read(real).ok()
}

#[cfg(test)]
mod tests {
    use super::safe_path;

    #[test]
    fn paths_that_climb_out_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/a/%2E%2E/%2e%2e/etc",
            "/a%2fb",
            "/a%5cb",
            "/a\\b",
            "//etc/passwd",
            "/C:/windows",
            "/a/./b",
            "/a//b",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordinary_and_chinese_paths_pass() {
        assert_eq!(safe_path("/").as_deref(), Some("/"));
        assert_eq!(safe_path("/notices/a/").as_deref(), Some("/notices/a/"));
        assert_eq!(
            safe_path("/news/%E9%80%9A%E7%9F%A5/").as_deref(),
            Some("/news/通知/")
        );
    }
}
