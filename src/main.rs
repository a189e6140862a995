//! byline's binary: parse the command line, then run the reader or a headless command.

use clap::Parser;

use byline::cli::{Cli, run};
use byline::config::Paths;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let paths =
        Paths::resolve(cli.global.config.as_deref(), cli.global.feeds.as_deref(), cli.global.db.as_deref());
    byline::logging::init(&paths.log_dir);
    let result = match cli.command {
        Some(command) => run(&cli.global, command),
        None => {
            eprintln!("byline: the reader is not built yet; see `byline --help` for the headless commands");
            Ok(())
        }
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
