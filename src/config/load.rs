//! Turns a toml error into one line that names the file, the line and the key.

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}:{line}: {key}: {message}")]
    Invalid { file: String, line: usize, key: String, message: String },
    #[error("{file}: {message}")]
    Io { file: String, message: String },
}

/// Locates a deserialisation error in `text`: its line, and the dotted key written there
/// (`general.refresh_minutes`, or `feed[2].url` inside an array of tables).
pub fn located_error(text: &str, file: &str, err: &toml::de::Error) -> ConfigError {
    let offset = err.span().map_or(0, |s| s.start).min(text.len());
    let line = text[..offset].matches('\n').count() + 1;
    ConfigError::Invalid {
        file: file.to_string(),
        line,
        key: key_at(text, line),
        message: one_line(err.message()),
    }
}

/// Builds an error for a problem found after parsing (a bad URL, a duplicate) at a byte offset.
pub fn error_at(text: &str, file: &str, offset: usize, message: impl Into<String>) -> ConfigError {
    let offset = offset.min(text.len());
    let line = text[..offset].matches('\n').count() + 1;
    ConfigError::Invalid {
        file: file.to_string(),
        line,
        key: key_at(text, line),
        message: one_line(&message.into()),
    }
}

/// The key on line `line` (1-based), qualified by the table it is in.
fn key_at(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.saturating_sub(1)).map_or("", |l| l.trim());
    let own = here.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string());
    // The table this line belongs to, counting repeats of [[array]] tables.
    let mut table = String::new();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in lines.iter().take(line) {
        let l = l.trim();
        if let Some(name) = l.strip_prefix("[[").and_then(|r| r.split_once("]]")).map(|(n, _)| n.trim()) {
            let n = counts.entry(name.to_string()).or_insert(0);
            *n += 1;
            table = format!("{name}[{n}]");
        } else if let Some(name) = l.strip_prefix('[').and_then(|r| r.split_once(']')).map(|(n, _)| n.trim())
        {
            table = name.to_string();
        }
    }
    match (table.is_empty(), own) {
        (_, Some(k)) if here.starts_with('[') => k,
        (true, Some(k)) => k,
        (false, Some(k)) => format!("{table}.{k}"),
        (true, None) => "(top level)".to_string(),
        (false, None) => table,
    }
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_qualified_by_their_table() {
        let text = "a = 1\n[general]\nx = 2\n[[feed]]\nurl = 1\n[[feed]]\nurl = 2\n";
        assert_eq!(key_at(text, 1), "a");
        assert_eq!(key_at(text, 3), "general.x");
        assert_eq!(key_at(text, 5), "feed[1].url");
        assert_eq!(key_at(text, 7), "feed[2].url");
        assert_eq!(key_at(text, 6), "feed[2]");
    }
}
