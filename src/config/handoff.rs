//! `[[command]]`: a key that hands the current article to a program, run without a shell.
//! Placeholders `{url}`, `{title}` and `{feed}` are expanded inside the arguments (`{{` and `}}`
//! are braces), each argument staying one argument whatever the values hold; `stdin = "text"`
//! also gives the program the article's text on its standard input.

use serde::Deserialize;
use toml::Spanned;

use super::keys::{Key, KeyBindings, KeyCode};

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    Url,
    Title,
    Feed,
    /// A notification's: how many new articles match.
    Count,
    /// A notification's: the query they match.
    Query,
}

impl Placeholder {
    /// What a `[[command]]` may use: the article's fields.
    const ARTICLE: [Placeholder; 3] = [Placeholder::Url, Placeholder::Title, Placeholder::Feed];
    /// What `notify.command` may use: the count, the newest match's title, the query.
    pub const NOTICE: [Placeholder; 3] = [Placeholder::Count, Placeholder::Title, Placeholder::Query];

    fn name(self) -> &'static str {
        match self {
            Placeholder::Url => "url",
            Placeholder::Title => "title",
            Placeholder::Feed => "feed",
            Placeholder::Count => "count",
            Placeholder::Query => "query",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Placeholder),
}

/// One argument of a program, with its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg(Vec<Piece>);

impl Arg {
    /// Parses `text`, where only the `allowed` placeholders may appear.
    pub fn parse(text: &str, allowed: &[Placeholder]) -> Result<Arg, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['{', '}']) {
            literal.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                literal.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            // A lone `}` is just a brace.
            if let Some(after) = tail.strip_prefix('}') {
                literal.push('}');
                rest = after;
                continue;
            }
            let end = tail
                .find('}')
                .ok_or_else(|| format!("unclosed {{ in \"{text}\" (write {{{{ for a brace)"))?;
            let name = &tail[1..end];
            let field = allowed.iter().find(|p| p.name() == name).ok_or_else(|| unknown(name, allowed))?;
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Field(*field));
            rest = &tail[end + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() || pieces.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Arg(pieces))
    }

    pub fn uses(&self, placeholder: Placeholder) -> bool {
        self.0.contains(&Piece::Field(placeholder))
    }

    /// The argument with every placeholder replaced by `value(placeholder)`: still one argument.
    pub fn fill(&self, value: impl Fn(Placeholder) -> String) -> String {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.clone(),
                Piece::Field(p) => value(*p),
            })
            .collect()
    }
}

fn unknown(name: &str, allowed: &[Placeholder]) -> String {
    let names: Vec<String> = allowed.iter().map(|p| format!("{{{}}}", p.name())).collect();
    match names.as_slice() {
        [] => format!("unknown placeholder {{{name}}}: the program's name takes none"),
        [one] => format!("unknown placeholder {{{name}}}: only {one} here ({{{{ and }}}} for braces)"),
        [first @ .., last] => format!(
            "unknown placeholder {{{name}}}: use {} or {last} ({{{{ and }}}} for braces)",
            first.join(", ")
        ),
    }
}

/// A program and its arguments: never empty, the program's name without placeholders (a feed
/// must not pick what runs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub program: String,
    pub args: Vec<Arg>,
}

impl Run {
    pub fn parse(words: Vec<String>, allowed: &[Placeholder]) -> Result<Run, String> {
        let (program, args) = words.split_first().ok_or("empty: give the program, then its arguments")?;
        if program.trim().is_empty() {
            return Err("the program's name is empty".into());
        }
        Arg::parse(program, &[])?;
        let args = args.iter().map(|a| Arg::parse(a, allowed)).collect::<Result<_, _>>()?;
        Ok(Run { program: program.replace("{{", "{").replace("}}", "}"), args })
    }

    pub fn uses(&self, placeholder: Placeholder) -> bool {
        self.args.iter().any(|a| a.uses(placeholder))
    }

    /// The program and its arguments with `value` for each placeholder.
    pub fn argv(&self, value: impl Fn(Placeholder) -> String) -> Vec<String> {
        let mut argv = vec![self.program.clone()];
        argv.extend(self.args.iter().map(|a| a.fill(&value)));
        argv
    }
}

impl<'de> Deserialize<'de> for Run {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Run::parse(Vec::deserialize(deserializer)?, &Placeholder::ARTICLE).map_err(serde::de::Error::custom)
    }
}

/// What the program gets on its standard input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stdin {
    /// Nothing (an empty input).
    #[default]
    None,
    /// The article's text as the reader shows it, without markup: the full text when stored.
    Text,
}

/// One `[[command]]` of config.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandOff {
    /// Where it is written, for the error when another binding has the key.
    pub key: Spanned<Key>,
    /// For the help screen and the status line; the program's name when empty.
    #[serde(default)]
    pub description: String,
    pub run: Run,
    #[serde(default)]
    pub stdin: Stdin,
}

/// What the placeholders stand for, from the article acted on.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub feed: &'a str,
}

impl HandOff {
    pub fn key(&self) -> Key {
        *self.key.get_ref()
    }

    /// "Save to wallabag": what the help screen and the status line call it.
    pub fn label(&self) -> String {
        let label = crate::sanitize::clean_line(&self.description);
        if label.is_empty() { crate::sanitize::clean_line(&self.run.program) } else { label }
    }

    /// The program's argv for an article. Titles come from feeds: control characters are
    /// dropped; the URL must be a web link, so it cannot pass for an option or a file.
    pub fn argv(&self, fields: Fields) -> Result<Vec<String>, String> {
        let url = match (self.run.uses(Placeholder::Url), fields.url) {
            (false, _) => String::new(),
            (true, None) => return Err("this article has no link".into()),
            (true, Some(url)) => crate::sanitize::web_link(url)?,
        };
        let (title, feed) =
            (crate::sanitize::clean_line(fields.title), crate::sanitize::clean_line(fields.feed));
        let value = |p: Placeholder| match p {
            Placeholder::Url => url.clone(),
            Placeholder::Title => title.clone(),
            Placeholder::Feed => feed.clone(),
            Placeholder::Count | Placeholder::Query => String::new(),
        };
        Ok(self.run.argv(value))
    }
}

/// The first command whose key cannot work: taken by a built-in binding or an earlier command,
/// or a digit (the reader reads digits as a link number). The key's offset in the file, and why.
pub(super) fn problem(handoffs: &[HandOff], keys: &KeyBindings) -> Option<(usize, String)> {
    for (i, handoff) in handoffs.iter().enumerate() {
        let key = handoff.key();
        let at = handoff.key.span().start;
        if let Some(command) = keys.command(&key) {
            let why = format!(
                "{key} is already bound to {} (give it other keys under [keys], or pick another key)",
                command.name()
            );
            return Some((at, why));
        }
        if let Some(earlier) = handoffs[..i].iter().find(|h| h.key() == key) {
            return Some((at, format!("{key} is already bound to the command \"{}\"", earlier.label())));
        }
        if let (KeyCode::Char('0'..='9'), false, false) = (key.code, key.ctrl, key.alt) {
            return Some((at, format!("{key}: digits pick a link number in the reader")));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn fields<'a>(title: &'a str) -> Fields<'a> {
        Fields { url: Some("https://news.example/a?b=1&c=2"), title, feed: "Feed \"one\"" }
    }

    #[test]
    fn a_good_entry_parses() {
        let text = "[[command]]\nkey = \"W\"\ndescription = \"Save to wallabag\"\nrun = [\"wallabag\", \"add\", \"{url}\"]\n\n[[command]]\nkey = \"C-s\"\nrun = [\"summarise\", \"--title={title}\"]\nstdin = \"text\"\n";
        let config = Config::parse(text, "c.toml").expect("valid");
        let [save, summarise] = config.commands.as_slice() else { panic!("two commands") };
        assert_eq!(save.key(), Key::parse("W").expect("key"));
        assert_eq!((save.label(), save.stdin), ("Save to wallabag".to_string(), Stdin::None));
        assert_eq!((summarise.key(), summarise.stdin), (Key::ctrl('s'), Stdin::Text));
        assert_eq!(summarise.label(), "summarise", "the program names a command without a description");
    }

    #[test]
    fn placeholders_expand_inside_one_argument_each() {
        let text = "[[command]]\nkey = \"W\"\nrun = [\"prog\", \"{title}\", \"--feed={feed}\", \"{url}\", \"{{x}} {{{url}}}\"]\n";
        let config = Config::parse(text, "c.toml").expect("valid");
        let title = "It's \"quoted\"; rm -rf ~ $(echo hi) \u{1b}[2J";
        let argv = config.commands[0].argv(fields(title)).expect("expands");
        assert_eq!(
            argv,
            [
                "prog",
                "It's \"quoted\"; rm -rf ~ $(echo hi)",
                "--feed=Feed \"one\"",
                "https://news.example/a?b=1&c=2",
                "{x} {https://news.example/a?b=1&c=2}",
            ]
        );
    }

    #[test]
    fn the_url_must_be_a_web_link() {
        let text = "[[command]]\nkey = \"W\"\nrun = [\"prog\", \"{url}\"]\n";
        let handoff = &Config::parse(text, "c.toml").expect("valid").commands[0];
        let no_link = Fields { url: None, ..fields("t") };
        assert_eq!(handoff.argv(no_link), Err("this article has no link".into()));
        let option = Fields { url: Some("--delete-everything"), ..fields("t") };
        assert!(handoff.argv(option).expect_err("not a link").starts_with("not a web link"));
        // Without {url}, an article without a link is fine.
        let text = "[[command]]\nkey = \"W\"\nrun = [\"prog\", \"{title}\"]\n";
        let handoff = &Config::parse(text, "c.toml").expect("valid").commands[0];
        assert_eq!(handoff.argv(no_link), Ok(vec!["prog".to_string(), "t".to_string()]));
    }

    fn error(text: &str) -> String {
        Config::parse(text, "c.toml").expect_err("invalid").to_string()
    }

    #[test]
    fn bad_entries_name_file_line_and_key() {
        let bad_placeholder = "[[command]]\nkey = \"W\"\nrun = [\"prog\", \"{titel}\"]\n";
        assert_eq!(
            error(bad_placeholder),
            "c.toml:3: command[1].run: unknown placeholder {titel}: use {url}, {title} or {feed} ({{ and }} for braces)"
        );
        let empty = "[[command]]\nkey = \"W\"\nrun = [\"a\"]\n[[command]]\nkey = \"X\"\nrun = []\n";
        assert!(error(empty).starts_with("c.toml:6: command[2].run: empty"), "{}", error(empty));
        let program = "[[command]]\nkey = \"W\"\nrun = [\"{feed}\"]\n";
        assert!(
            error(program).starts_with("c.toml:3: command[1].run: unknown placeholder {feed}: the program")
        );
        let unclosed = "[[command]]\nkey = \"W\"\nrun = [\"p\", \"{url\"]\n";
        assert!(error(unclosed).starts_with("c.toml:3: command[1].run: unclosed {"), "{}", error(unclosed));
        let no_run = "[[command]]\nkey = \"W\"\n";
        assert!(error(no_run).contains("missing field `run`"), "{}", error(no_run));
        let bad_key = "[[command]]\nkey = \"Hyper-w\"\nrun = [\"p\"]\n";
        assert!(
            error(bad_key).starts_with("c.toml:2: command[1].key: unknown key name"),
            "{}",
            error(bad_key)
        );
        let bad_stdin = "[[command]]\nkey = \"W\"\nrun = [\"p\"]\nstdin = \"html\"\n";
        assert!(
            error(bad_stdin).starts_with("c.toml:4: command[1].stdin: unknown variant"),
            "{}",
            error(bad_stdin)
        );
    }

    #[test]
    fn a_key_clash_is_an_error_at_its_line() {
        let builtin = "[general]\nrefresh_on_start = false\n\n[[command]]\nkey = \"s\"\nrun = [\"p\"]\n";
        assert_eq!(
            error(builtin),
            "c.toml:5: command[1].key: s is already bound to toggle_star (give it other keys under [keys], or pick another key)"
        );
        let twice = "[[command]]\nkey = \"W\"\nrun = [\"p\"]\n\n[[command]]\ndescription = \"Mail it\"\nkey = \"W\"\nrun = [\"q\"]\n";
        assert_eq!(error(twice), "c.toml:7: command[2].key: W is already bound to the command \"p\"");
        let digit = "[[command]]\nkey = \"3\"\nrun = [\"p\"]\n";
        assert!(error(digit).starts_with("c.toml:2: command[1].key: 3: digits"), "{}", error(digit));
        // A key given to other keys under [keys] (written before or after) is free.
        let freed = "[[command]]\nkey = \"s\"\nrun = [\"p\"]\n\n[keys]\ntoggle_star = [\"S\"]\n";
        assert_eq!(Config::parse(freed, "c.toml").expect("s is free").commands.len(), 1);
    }
}
