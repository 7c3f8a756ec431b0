//! The Thai guide as a page of `serve` ([`crate::guide::ROOT`]), with its pictures. It is
//! read-only and holds nothing of the site, so it is there whatever `--bind` says, and
//! before a site exists (the "create a website" page links to it).

use crate::guide::{self, Images};
use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::sync::Arc;

/// The guide's routes; `nav`: the links above the guide (`(href, text)`).
pub fn router(nav: &[(&str, &str)]) -> Router {
    let html: Arc<str> = guide::page(Images::Served, nav).into();
    let examples: Arc<str> = guide::examples_page(nav).into();
    Router::new()
        .route(
            guide::ROOT,
            get(move || {
                let html = html.clone();
                async move { respond("text/html; charset=utf-8", Body::from(html.to_string())) }
            }),
        )
        .route("/__prongsai/guide", get(|| async { Redirect::to(guide::ROOT) }))
        .route(&format!("{}{{name}}", guide::IMAGES_PATH), get(image))
        // The example site's pages the guide links to (`../content/2569/ita/`).
        .route(
            &format!("{}{}", guide::ROOT, guide::EXAMPLES_DIR),
            get(move || {
                let html = examples.clone();
                async move { respond("text/html; charset=utf-8", Body::from(html.to_string())) }
            }),
        )
        .route(&format!("{}{}{{name}}", guide::ROOT, guide::EXAMPLES_DIR), get(example))
}

async fn image(Path(name): Path<String>) -> Response {
    match guide::IMAGES.get_file(&name) {
        Some(f) => {
            let ctype = if name.ends_with(".png") { "image/png" } else { "application/octet-stream" };
            respond(ctype, Body::from(f.contents()))
        }
        None => (StatusCode::NOT_FOUND, "ไม่พบรูปนี้ในคู่มือ\n").into_response(),
    }
}

/// One example page's Markdown, as text.
async fn example(Path(name): Path<String>) -> Response {
    match guide::EXAMPLES.get_file(&name) {
        Some(f) => respond("text/plain; charset=utf-8", Body::from(f.contents())),
        None => (StatusCode::NOT_FOUND, "ไม่พบไฟล์ตัวอย่างนี้\n").into_response(),
    }
}

fn respond(ctype: &'static str, body: Body) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(ctype));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
    r
}
