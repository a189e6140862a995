//! The `[sync]` table: which feed server owns the subscriptions and read state, and how to log in.

use serde::Deserialize;

/// Which protocol the server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    /// Local feeds (feeds.toml), as without a `[sync]` table.
    None,
    /// The Google Reader API: FreshRSS, Miniflux, Inoreader, The Old Reader, BazQux.
    Greader,
    /// Tiny Tiny RSS's JSON API.
    Ttrss,
}

impl ServiceKind {
    pub fn name(self) -> &'static str {
        match self {
            ServiceKind::None => "none",
            ServiceKind::Greader => "greader",
            ServiceKind::Ttrss => "ttrss",
        }
    }
}

#[derive(Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncSettings {
    pub service: Option<ServiceKind>,
    /// greader: the API's address (…/api/greader.php); ttrss: TT-RSS's address (its /api/ is found).
    pub url: String,
    pub user: String,
    /// Run without a shell; the first line it prints is the password (`pass show …`).
    pub password_command: Vec<String>,
    /// The name of an environment variable holding the password.
    pub password_env: Option<String>,
    /// The password itself: a warning when others can read the file.
    pub password: Option<String>,
}

impl SyncSettings {
    /// The service in use, if any (`none` and an absent table are the same).
    pub fn service(&self) -> Option<ServiceKind> {
        self.service.filter(|s| *s != ServiceKind::None)
    }
}

/// Never prints the password, whatever prints the configuration.
impl std::fmt::Debug for SyncSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncSettings")
            .field("service", &self.service)
            .field("url", &self.url)
            .field("user", &self.user)
            .field("password_command", &self.password_command.first())
            .field("password_env", &self.password_env)
            .field("password", &self.password.as_ref().map(|_| "(set)"))
            .finish()
    }
}

/// What a `[sync]` table lacks before it can be used: the key and why, for a located error.
pub(super) fn problem(sync: &SyncSettings) -> Option<(&'static str, String)> {
    sync.service()?;
    if sync.url.trim().is_empty() {
        return Some(("url", "the server's address is missing".into()));
    }
    match url::Url::parse(sync.url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {}
        _ => return Some(("url", format!("not an http(s) address: {}", sync.url.trim()))),
    }
    if sync.user.trim().is_empty() {
        return Some(("user", "the user name is missing".into()));
    }
    let sources = usize::from(!sync.password_command.is_empty())
        + usize::from(sync.password_env.is_some())
        + usize::from(sync.password.is_some());
    match sources {
        0 => Some(("password_command", "no password: set password_command, password_env or password".into())),
        1 => None,
        _ => Some(("password", "give one of password_command, password_env and password".into())),
    }
}
