//! A cheap HTML -> words conversion for the search index. It only has to find the words: no
//! layout, no full entity table, and script/style bodies are skipped.

/// At most this much text of one article goes into the index.
const MAX_CHARS: usize = 64 * 1024;

pub(super) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len().min(MAX_CHARS));
    let mut rest = html;
    while !rest.is_empty() && out.len() < MAX_CHARS {
        match rest.find(['<', '&']) {
            None => {
                out.push_str(rest);
                break;
            }
            Some(i) => {
                out.push_str(&rest[..i]);
                rest = &rest[i..];
            }
        }
        if rest.starts_with('<') && !starts_tag(rest) {
            out.push('<');
            rest = &rest[1..];
        } else if rest.starts_with('<') {
            rest = skip_tag(rest);
            // Tags separate words: "a<br>b" is two words.
            out.push(' ');
        } else {
            let (text, after) = entity(rest);
            out.push_str(text);
            rest = after;
        }
    }
    out
}

/// "a < b" is text, "<p", "</p", "<!--" are markup.
fn starts_tag(s: &str) -> bool {
    s.as_bytes().get(1).is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!' || b == b'?')
}

/// Skips one tag (or comment), and the whole body of script and style elements.
fn skip_tag(s: &str) -> &str {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map_or("", |end| &body[end + 3..]);
    }
    let after = s.find('>').map_or("", |end| &s[end + 1..]);
    for name in ["script", "style"] {
        let open = s.get(1..1 + name.len());
        if open.is_some_and(|o| o.eq_ignore_ascii_case(name)) {
            let closing = format!("</{name}");
            let lower = after.to_ascii_lowercase();
            return lower.find(&closing).map_or("", |i| skip_tag(&after[i..]));
        }
    }
    after
}

/// Decodes the entity at the start of `s` ("&..."), or passes the ampersand through.
fn entity(s: &str) -> (&'static str, &str) {
    // The ';' is ASCII, so its position is a char boundary.
    let Some(end) = s.bytes().take(12).position(|b| b == b';') else {
        return ("&", &s[1..]);
    };
    let text = match &s[1..end] {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" | "#39" => "'",
        "nbsp" | "#160" => " ",
        // Other entities are rare in words worth searching: a space keeps words apart.
        _ => " ",
    };
    (text, &s[end + 1..])
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn strips_tags_scripts_and_entities() {
        let html = "<p>Rust &amp; C<br>code</p><script>var x = '<b>';</script><!-- hidden -->done";
        let text = plain_text(html);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["Rust", "&", "C", "code", "done"]);
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(plain_text("a < b & c").split_whitespace().count(), 5);
        assert_eq!(plain_text("é&é;ü").trim(), "é ü");
        assert_eq!(plain_text("x &amp").trim(), "x &amp");
        assert_eq!(plain_text("<style>p{}").trim(), "");
    }
}
