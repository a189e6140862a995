//! The command line's definitions: consistent, documented, and each command's help readable.

use clap::{CommandFactory, Parser};

use super::{Cli, GLOBAL};

/// The command tree as clap completes it (global options copied into every subcommand).
fn built() -> clap::Command {
    let mut cli = Cli::command();
    cli.build();
    cli
}

fn walk(cmd: &clap::Command, path: &str, visit: &mut dyn FnMut(&str, &clap::Command)) {
    visit(path, cmd);
    for sub in cmd.get_subcommands() {
        walk(sub, &format!("{path} {}", sub.get_name()), visit);
    }
}

/// What `byline ARGS --help` prints.
fn help(args: &[&str]) -> String {
    let argv = ["byline"].iter().chain(args).chain(&["--help"]);
    match Cli::try_parse_from(argv) {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => e.to_string(),
        other => panic!("byline {args:?} --help did not print help: {other:?}"),
    }
}

#[test]
fn the_definitions_are_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn every_command_and_argument_has_a_help_line() {
    let mut missing = Vec::new();
    walk(&built(), "byline", &mut |path, cmd| {
        if cmd.get_about().is_none() {
            missing.push(path.to_string());
        }
        for arg in cmd.get_arguments().filter(|a| a.get_help().is_none()) {
            missing.push(format!("{path} {}", arg.get_id()));
        }
    });
    assert!(missing.is_empty(), "without a help line: {missing:?}");
}

#[test]
fn a_commands_own_options_come_before_the_global_ones() {
    let articles = help(&["articles"]);
    let (own, heading, global) =
        (articles.find("--unread"), articles.find(&format!("{GLOBAL}:")), articles.find("--config"));
    assert!(matches!((own, heading, global), (Some(o), Some(h), Some(g)) if o < h && h < g), "{articles}");
    for sub in built().get_subcommands().filter(|s| s.get_name() != "help") {
        let text = help(&[sub.get_name()]);
        let Some(heading) = text.find(&format!("{GLOBAL}:")) else { panic!("no {GLOBAL} in:\n{text}") };
        for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
            if let Some(long) = arg.get_long() {
                let at = text.find(&format!("--{long}")).unwrap_or(usize::MAX);
                assert!(
                    at < heading,
                    "--{long} of {} is not listed before {GLOBAL}:\n{text}",
                    sub.get_name()
                );
            }
        }
    }
}
