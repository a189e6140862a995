//! `[[opener]]`: which program opens a link or an enclosure, by its type or its address, before
//! the browser. `match` is a MIME type pattern (`audio/*`, `application/pdf`) or, when it holds
//! `://`, a URL pattern (`https://*.youtube.com/watch*`). The first opener that matches wins.

use serde::Deserialize;

use super::handoff::{Placeholder, Run};

/// What an opener matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `type/subtype`, lowercase; `*` for any run of characters.
    Mime(String),
    /// Scheme, host (with its port, if any) and path-plus-query, compared part by part, so a
    /// pattern's host can only match the link's host. An empty path matches any.
    Url { scheme: String, host: String, path: String },
}

impl TryFrom<String> for Pattern {
    type Error = String;

    fn try_from(text: String) -> Result<Pattern, String> {
        let bad = || {
            format!(
                "\"{text}\" is neither a MIME type pattern (audio/*) nor a URL pattern (https://host/path*)"
            )
        };
        if let Some((scheme, rest)) = text.split_once("://") {
            let (host, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
            if scheme.is_empty() || host.is_empty() || host.contains(['@', '?', '#']) {
                return Err(bad());
            }
            let (scheme, host) = (scheme.to_ascii_lowercase(), host.to_ascii_lowercase());
            return Ok(Pattern::Url { scheme, host, path: path.to_string() });
        }
        let token = |s: &str| {
            !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+*".contains(c))
        };
        match text.split_once('/') {
            Some((kind, sub)) if token(kind) && token(sub) => Ok(Pattern::Mime(text.to_ascii_lowercase())),
            _ => Err(bad()),
        }
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Pattern::try_from(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl Pattern {
    /// Whether a link (already a valid web link) of type `mime` (if known) matches.
    pub fn matches(&self, url: &url::Url, mime: Option<&str>) -> bool {
        match self {
            Pattern::Mime(pattern) => mime.is_some_and(|m| glob(pattern, m)),
            Pattern::Url { scheme, host, path } => {
                let here = &url[url::Position::BeforeHost..url::Position::AfterPort];
                // `*.example.com` is the site and its subdomains.
                let host_matches =
                    glob(host, here) || host.strip_prefix("*.").is_some_and(|bare| bare == here);
                let path_matches =
                    path.is_empty() || glob(path, &url[url::Position::BeforePath..url::Position::AfterQuery]);
                glob(scheme, url.scheme()) && host_matches && path_matches
            }
        }
    }
}

/// Runs in the background like the browser; `{url}` is the link, added last when absent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opener {
    #[serde(rename = "match")]
    pub pattern: Pattern,
    pub run: OpenerRun,
}

/// An opener's program: only `{url}` means anything there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenerRun(pub Run);

impl<'de> Deserialize<'de> for OpenerRun {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Run::parse(Vec::deserialize(deserializer)?, &[Placeholder::Url])
            .map(OpenerRun)
            .map_err(serde::de::Error::custom)
    }
}

impl Opener {
    pub fn program(&self) -> &str {
        &self.run.0.program
    }

    /// The argv for a link (already a valid web link).
    pub fn argv(&self, url: &str) -> Vec<String> {
        let run = &self.run.0;
        let mut argv = vec![run.program.clone()];
        argv.extend(run.args.iter().map(|a| a.fill(|_| url.to_string())));
        if !run.uses(Placeholder::Url) {
            argv.push(url.to_string());
        }
        argv
    }
}

/// The first opener for a link: `mime` is its type when known (an enclosure's), else guessed
/// from the path's extension.
pub fn pick<'a>(openers: &'a [Opener], url: &str, mime: Option<&str>) -> Option<&'a Opener> {
    let parsed = url::Url::parse(url).ok()?;
    let mime = match mime.map(essence) {
        Some(known) if !known.is_empty() => Some(known),
        _ => guess(&parsed).map(String::from),
    };
    openers.iter().find(|o| o.pattern.matches(&parsed, mime.as_deref()))
}

/// "audio/mpeg" of "Audio/MPEG; charset=x".
fn essence(mime: &str) -> String {
    mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// A type from the path's extension, for the kinds of file people hand to a player or viewer.
fn guess(url: &url::Url) -> Option<&'static str> {
    let name = url.path_segments()?.next_back()?;
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" => "audio/ogg",
        "opus" => "audio/opus",
        "flac" => "audio/flac",
        "wav" => "audio/wav",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "mov" => "video/quicktime",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// `*` matches any run of characters (none included); everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    // Where the last star was, and where in the text its match ends for now.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            // Let the star take one more character and try again after it.
            star = Some((sp, st + 1));
            (pi, ti) = (sp + 1, st + 1);
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn openers(text: &str) -> Vec<Opener> {
        Config::parse(text, "c.toml").expect("valid").openers
    }

    const SEVERAL: &str = "[[opener]]\nmatch = \"https://*.youtube.com/watch*\"\nrun = [\"mpv\", \"--\", \"{url}\"]\n\n[[opener]]\nmatch = \"audio/*\"\nrun = [\"mpv\", \"--no-video\"]\n\n[[opener]]\nmatch = \"application/pdf\"\nrun = [\"zathura\", \"{url}\"]\n\n[[opener]]\nmatch = \"http*://media.example:8080\"\nrun = [\"vlc\", \"{url}\"]\n";

    fn chosen(url: &str, mime: Option<&str>) -> Option<Vec<String>> {
        let list = openers(SEVERAL);
        pick(&list, url, mime).map(|o| o.argv(url))
    }

    #[test]
    fn the_first_matching_opener_runs_with_the_url() {
        let video = "https://www.youtube.com/watch?v=abc";
        assert_eq!(chosen(video, None), Some(vec!["mpv".into(), "--".into(), video.into()]));
        assert_eq!(chosen("https://youtube.com/watch?v=abc", None).map(|a| a[0].clone()), Some("mpv".into()));
        // The enclosure's own type; the URL is added last when run has no {url}.
        let episode = "https://cdn.example/feed/episode";
        assert_eq!(
            chosen(episode, Some("Audio/MPEG")),
            Some(vec!["mpv".into(), "--no-video".into(), episode.into()])
        );
        // No type known: the extension says.
        assert_eq!(
            chosen("https://x.example/paper.PDF?dl=1", None).map(|a| a[0].clone()),
            Some("zathura".into())
        );
        assert_eq!(chosen("https://x.example/a.mp3", None).map(|a| a[0].clone()), Some("mpv".into()));
        assert_eq!(chosen("http://media.example:8080/live", None).map(|a| a[0].clone()), Some("vlc".into()));
    }

    #[test]
    fn other_links_go_to_the_browser() {
        assert_eq!(chosen("https://www.youtube.com/feed/trending", None), None);
        assert_eq!(chosen("https://x.example/article.html", None), None);
        assert_eq!(
            chosen("https://x.example/a.mp3", Some("text/html")),
            None,
            "a known type wins over the guess"
        );
        assert_eq!(chosen("https://media.example/live", None), None, "the port is part of the host");
        // The host is the link's host, wherever else the pattern's host appears in it.
        assert_eq!(chosen("https://evil.example/www.youtube.com/watch?v=1", None), None);
        assert_eq!(chosen("https://www.youtube.com@evil.example/watch?v=1", None), None);
        assert_eq!(chosen("https://notyoutube.com/watch?v=1", None), None);
    }

    #[test]
    fn globs() {
        assert!(glob("a*c", "abbbc") && glob("*", "") && glob("a**", "a") && glob("*b*b", "abab"));
        assert!(!glob("a*c", "abcd") && !glob("abc", "ab") && !glob("", "a"));
    }

    #[test]
    fn a_bad_opener_names_its_line() {
        let error = |text: &str| Config::parse(text, "c.toml").expect_err("invalid").to_string();
        let pattern = "[[opener]]\nmatch = \"audio\"\nrun = [\"mpv\"]\n";
        assert!(
            error(pattern).starts_with("c.toml:2: opener[1].match: \"audio\" is neither a MIME type pattern"),
            "{}",
            error(pattern)
        );
        let placeholder = "[[opener]]\nmatch = \"audio/*\"\nrun = [\"mpv\", \"{title}\"]\n";
        assert!(
            error(placeholder)
                .starts_with("c.toml:3: opener[1].run: unknown placeholder {title}: only {url} here"),
            "{}",
            error(placeholder)
        );
        let empty = "[[opener]]\nmatch = \"audio/*\"\nrun = []\n";
        assert!(error(empty).starts_with("c.toml:3: opener[1].run: empty"), "{}", error(empty));
        assert!(
            error("[[opener]]\nmatch = \"https://\"\nrun = [\"x\"]\n")
                .starts_with("c.toml:2: opener[1].match:")
        );
    }
}
