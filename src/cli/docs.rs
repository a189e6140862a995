//! `byline completions SHELL` and `byline man`: generated from the clap definitions, so they
//! need no configuration or database.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

pub fn completions(shell: Shell) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "byline", &mut script);
    print(&script)
}

/// The main page on stdout, or every page into `dir` (the main one names the commands' pages).
pub fn man(dir: Option<&Path>) -> anyhow::Result<()> {
    let cli = Cli::command().disable_help_subcommand(true);
    if let Some(dir) = dir {
        return clap_mangen::generate_to(cli, dir)
            .with_context(|| format!("cannot write the manual pages into {}", dir.display()));
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(cli).render(&mut page)?;
    print(&page)
}

/// Written whole from a buffer: the generators panic on a failed write (`byline man | head`).
fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
