//! `--config FILE` (`PEERHELP_CONFIG`): settings from a TOML file whose keys are the long names
//! of the global flags and of `serve`'s (`addr = "0.0.0.0:8080"`, `trusted-proxy =
//! ["10.0.0.0/8"]`, `demo = true`, `max-connections = 5000`). A flag beats its environment
//! variable, which beats the file, which beats the built-in default: the file's values become
//! the flags' defaults, so clap applies that order and parses them with each flag's own parser.
//! The whole file is checked before anything runs, each error naming the file and the key;
//! `serve`'s keys are checked for every command and used by `serve` only.

use std::any::TypeId;
use std::ffi::OsString;
use std::path::Path;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches, Parser};

use crate::cli::Cli;

/// The command whose flags a file may set besides the global ones.
const SERVE: &str = "serve";
/// The flag naming the file, which the file itself cannot set.
const CONFIG: &str = "config";

/// Why a configuration file cannot be used; the message names the file (and the key).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

/// A key of the file: the flag it sets and whether that is one of `serve`'s.
struct Key<'a> {
    arg: &'a Arg,
    serve_only: bool,
}

/// Parses the command line `args` (the program's name first), with the values of the
/// configuration file it names, if any. Command-line mistakes, `--help` and `--version` exit
/// as with [`Cli::parse`].
pub fn parse_from(args: Vec<OsString>) -> Result<Cli, ConfigError> {
    let cli = Cli::try_parse_from(&args).unwrap_or_else(|error| error.exit());
    let Some(file) = &cli.config else {
        return Ok(cli);
    };
    let command = with_file_defaults(Cli::command(), file)?;
    let matches = command
        .try_get_matches_from(args)
        .unwrap_or_else(|error| error.exit());
    Ok(Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit()))
}

/// `command` with the file's values as the defaults of the flags they name.
fn with_file_defaults(mut command: Command, file: &Path) -> Result<Command, ConfigError> {
    let shown = file.display();
    let text = std::fs::read_to_string(file).map_err(|error| {
        ConfigError(format!(
            "cannot read the configuration file {shown}: {error}"
        ))
    })?;
    let table: toml::Table = text
        .parse()
        .map_err(|error| ConfigError(format!("{shown} is not valid TOML: {error}")))?;
    let mut defaults = Vec::new();
    {
        let keys = keys(&command);
        for (name, value) in &table {
            let key = keys
                .iter()
                .find(|key| key.arg.get_long() == Some(name.as_str()))
                .ok_or_else(|| ConfigError(format!("{shown}: {}", unknown(name, &keys))))?;
            let values = raw_values(key.arg, value)
                .and_then(|values| check(key.arg, &values).map(|()| values))
                .map_err(|problem| ConfigError(format!("{shown}: {name}: {problem}")))?;
            defaults.push((key.arg.get_id().clone(), key.serve_only, values));
        }
    }
    for (id, serve_only, values) in defaults {
        let set = |arg: Arg| arg.default_values(values);
        command = if serve_only {
            command.mut_subcommand(SERVE, |serve| serve.mut_arg(id, set))
        } else {
            command.mut_arg(id, set)
        };
    }
    Ok(command)
}

/// The flags a file may set: the global ones, then `serve`'s.
fn keys(command: &Command) -> Vec<Key<'_>> {
    let settable = |arg: &&Arg| {
        !matches!(arg.get_action(), ArgAction::Help | ArgAction::Version)
            && arg.get_long().is_some_and(|long| long != CONFIG)
    };
    let global = command.get_arguments().filter(settable).map(|arg| Key {
        arg,
        serve_only: false,
    });
    let serve = command
        .find_subcommand(SERVE)
        .expect("the serve command")
        .get_arguments()
        .filter(settable)
        .map(|arg| Key {
            arg,
            serve_only: true,
        });
    global.chain(serve).collect()
}

/// The error for a key no flag has, suggesting the closest known one.
fn unknown(name: &str, keys: &[Key<'_>]) -> String {
    let longs = keys.iter().filter_map(|key| key.arg.get_long());
    // The similarity clap uses for its own suggestions: close enough to be a typo.
    let closest = longs
        .clone()
        .map(|long| (strsim::jaro(name, long), long))
        .filter(|(similarity, _)| *similarity > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, long)) => format!("unknown key {name:?}; did you mean {long:?}?"),
        None => format!(
            "unknown key {name:?}; the keys are the long flag names: {}",
            longs.collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The value as the flag's command-line values: `true`/`false` for a switch, a string or an
/// array of strings for a repeatable flag, a string (or a whole number, for a number) for the
/// rest.
fn raw_values(arg: &Arg, value: &toml::Value) -> Result<Vec<String>, String> {
    use toml::Value::{Array, Boolean, Integer, String as Text};
    let expected = match (arg.get_action(), value) {
        (ArgAction::SetTrue, Boolean(on)) => return Ok(vec![on.to_string()]),
        (ArgAction::SetTrue, _) => "true or false",
        (ArgAction::Append, Text(text)) => return Ok(vec![text.clone()]),
        (ArgAction::Append, Array(items)) => {
            let texts: Option<Vec<String>> = items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect();
            return texts.ok_or_else(|| "expected an array of strings".to_owned());
        }
        (ArgAction::Append, _) => "a string or an array of strings",
        (_, Text(text)) => return Ok(vec![text.clone()]),
        (_, Integer(number)) if takes_number(arg) => return Ok(vec![number.to_string()]),
        _ if takes_number(arg) => "a whole number",
        _ => "a string",
    };
    Err(format!("expected {expected}, found {}", value.type_str()))
}

fn takes_number(arg: &Arg) -> bool {
    let parsed = arg.get_value_parser().type_id();
    parsed == TypeId::of::<u64>() || parsed == TypeId::of::<usize>()
}

/// Parses `values` with the flag's own parser, alone (no environment, no other flag), so the
/// file is checked by the same rules as the command line.
fn check(arg: &Arg, values: &[String]) -> Result<(), String> {
    if matches!(arg.get_action(), ArgAction::SetTrue) {
        // A switch takes no value: `true` and `false` are all a file can say.
        return Ok(());
    }
    let long = arg.get_long().expect("keys are long flags");
    Command::new("peerhelp")
        .no_binary_name(true)
        .arg(arg.clone().env(None))
        .try_get_matches_from(values.iter().map(|value| format!("--{long}={value}")))
        .map(|_| ())
        .map_err(|error| refusal(&error))
}

/// What clap said about a value, without the usage hint meant for a command line.
fn refusal(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let message = rendered
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ");
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
