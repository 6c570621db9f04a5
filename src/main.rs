use clap::error::{ContextKind, ContextValue};
use std::io::Write;
use std::process::ExitCode;

use creditctl::cli::Cli;
use creditctl::domain::text::{escape, is_unsafe};
use creditctl::error::Error;

fn main() -> ExitCode {
    let json = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json");
    let cli = match Cli::read() {
        Ok(cli) => cli,
        Err(e) => return refused_command_line(e, json),
    };
    let json = cli.json;
    match creditctl::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output went away (`creditctl voucher list | head`): stop quietly,
        // as a pipeline expects. Every write to stdout reaches here through `?`.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            let _ = if json {
                writeln!(stderr, "{}", err.to_json())
            } else {
                writeln!(stderr, "error: {err}")
            };
            ExitCode::from(err.exit_code())
        }
    }
}

/// Help and version go to stdout (exit 0). Any other refusal of the command line exits 2 with
/// one line: clap's message (the argument, the valid values, its tip) joined on one line and
/// pointing at --help, as a JSON error line with `--json`. Either way the user's text in it has
/// its control characters escaped.
fn refused_command_line(mut e: clap::Error, json: bool) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    escape_user_text(&mut e);
    let err = Error::from_clap(&e, &e.render().to_string());
    let _ = if json {
        writeln!(std::io::stderr(), "{}", err.to_json())
    } else {
        writeln!(std::io::stderr(), "error: {err}")
    };
    ExitCode::from(2)
}

/// Clap echoes the arguments it refuses (an unknown flag, an invalid value, and the tip on how to
/// pass it) as they were given. The usage lines are ours, and may span lines.
fn escape_user_text(e: &mut clap::Error) {
    let unsafe_text = |s: &str| s.chars().any(is_unsafe);
    let escaped: Vec<_> = e
        .context()
        .filter(|(kind, _)| *kind != ContextKind::Usage)
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) if unsafe_text(s) => {
                Some((kind, ContextValue::String(escape(s).into_owned())))
            }
            ContextValue::Strings(all) if all.iter().any(|s| unsafe_text(s)) => Some((
                kind,
                ContextValue::Strings(all.iter().map(|s| escape(s).into_owned()).collect()),
            )),
            ContextValue::StyledStr(s) if unsafe_text(&s.to_string()) => Some((
                kind,
                ContextValue::StyledStr(escape(&s.to_string()).into_owned().into()),
            )),
            ContextValue::StyledStrs(all) if all.iter().any(|s| unsafe_text(&s.to_string())) => {
                Some((
                    kind,
                    ContextValue::StyledStrs(
                        all.iter()
                            .map(|s| escape(&s.to_string()).into_owned().into())
                            .collect(),
                    ),
                ))
            }
            _ => None,
        })
        .collect();
    for (kind, value) in escaped {
        e.insert(kind, value);
    }
}
