//! byline's binary: parse the command line, then run the reader or a headless command.

use clap::Parser;

use byline::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match (cli.demo, cli.command) {
        (true, None) => cli::demo(),
        (true, Some(_)) => Err(anyhow::anyhow!("--demo opens the reader; it takes no command")),
        (false, None) => cli::reader(&cli.global),
        (false, Some(command)) => cli::run(&cli.global, command),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
