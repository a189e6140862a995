//! Atom 0.3 (2003, still served by old blogs) as Atom 1.0: the namespace, the renamed elements,
//! and `mode` folded into `type`. feed-rs reads only 1.0, and reads a 0.3 feed as empty.

const ATOM03: &str = "http://purl.org/atom/ns#";
const ATOM10: &str = "http://www.w3.org/2005/Atom";

/// Whether a `feed` root is not Atom 1.0 (0.3, or a namespace nobody knows: a person still
/// reads it as Atom); if so its namespace becomes Atom 1.0's.
pub(super) fn map_root(attrs: &mut Vec<(String, String)>) -> bool {
    let mut old = false;
    for (name, value) in attrs.iter_mut() {
        if name.starts_with("xmlns:") && value.trim_end_matches('/') == ATOM03.trim_end_matches('/') {
            *value = ATOM10.to_string();
            old = true;
        }
    }
    match attrs.iter_mut().find(|(name, _)| name == "xmlns") {
        Some((_, value)) if value == ATOM10 => {}
        Some((_, value)) => {
            *value = ATOM10.to_string();
            old = true;
        }
        None => {
            old |= attrs.iter().any(|(name, value)| name == "version" && value.starts_with("0."));
            attrs.push(("xmlns".into(), ATOM10.into()));
        }
    }
    attrs.retain(|(name, _)| name != "version");
    old
}

/// The Atom 1.0 name of an Atom 0.3 element (prefix kept).
pub(super) fn element(name: &str) -> String {
    let (prefix, local) = match name.rsplit_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, name),
    };
    let mapped = match local {
        "issued" | "created" => "published",
        "modified" => "updated",
        "tagline" => "subtitle",
        "copyright" => "rights",
        "url" => "uri",
        other => other,
    };
    match prefix {
        Some(prefix) => format!("{prefix}:{mapped}"),
        None => mapped.to_string(),
    }
}

/// Renames the element and turns 0.3's `type` (a MIME type) and `mode` (xml, escaped, base64)
/// into 1.0's `type` (text, html, xhtml). `mode="base64"` stays for the caller to decode.
pub(super) fn map_tag(name: &mut String, attrs: &mut Vec<(String, String)>) {
    *name = element(name);
    let local = name.rsplit(':').next().unwrap_or(name);
    if !matches!(local, "title" | "subtitle" | "summary" | "content" | "rights" | "info") {
        return;
    }
    let get = |key: &str| attrs.iter().find(|(n, _)| n == key).map(|(_, v)| v.to_ascii_lowercase());
    let mime = get("type").unwrap_or_else(|| "text/plain".into());
    let mode = get("mode").unwrap_or_else(|| "xml".into());
    let html = mime.contains("html");
    let mapped = match mode.as_str() {
        "escaped" | "base64" if html => "html",
        "escaped" | "base64" => "text",
        _ if html => "xhtml",
        _ => "text",
    };
    attrs.retain(|(n, _)| n != "type" && (n != "mode" || mode == "base64"));
    attrs.push(("type".into(), mapped.into()));
}
