//! `creditctl man`: one manual page for the whole command tree, generated from the clap tree
//! (`clap_mangen` for the page's head, then a section per command with its usage, options and
//! examples), so that `creditctl man > creditctl.1` documents every command in one place.

use std::io::Write;

use crate::cli::Cli;
use crate::error::Result;

/// The page as roff.
pub fn render() -> std::io::Result<Vec<u8>> {
    let mut top = Cli::full_command();
    top.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(top.clone())
        .title("CREDITCTL")
        .render(&mut out)?;
    writeln!(out, ".SH COMMANDS")?;
    writeln!(
        out,
        "Every command, with its usage, options and examples. The global options above apply to all."
    )?;
    let globals: Vec<String> = top
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    for sub in top.get_subcommands().filter(|s| s.get_name() != "help") {
        command(&mut out, sub, &globals)?;
    }
    Ok(out)
}

/// One command's section, then its subcommands'.
fn command(out: &mut Vec<u8>, cmd: &clap::Command, globals: &[String]) -> std::io::Result<()> {
    let path = cmd.get_bin_name().unwrap_or(cmd.get_name());
    writeln!(out, ".SS \"{}\"", roff(path))?;
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        text(out, &about.to_string())?;
    }
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .collect();
    if subs.is_empty() {
        let usage = cmd.clone().render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        writeln!(out, ".PP\n.B \"{}\"", roff(usage.trim()))?;
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.is_hide_set() || globals.iter().any(|g| g == id) || id == "help" {
                continue;
            }
            writeln!(out, ".TP")?;
            writeln!(out, "{}", roff(&arg_label(arg)))?;
            let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                help.push_str(&format!(" [possible values: {}]", values.join(", ")));
            }
            if let Some(env) = arg.get_env() {
                help.push_str(&format!(" [env: {}]", env.to_string_lossy()));
            }
            text(out, &help)?;
        }
    }
    if let Some(after) = cmd.get_after_long_help().or(cmd.get_after_help()) {
        writeln!(out, ".PP\n.nf")?;
        for line in after.to_string().lines() {
            writeln!(out, "{}", roff(line))?;
        }
        writeln!(out, ".fi")?;
    }
    for sub in subs {
        command(out, sub, globals)?;
    }
    Ok(())
}

/// `--site <SITE>`, `-y, --yes`, `<CODE>`.
fn arg_label(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| format!("<{}>", arg.get_id().as_str().to_uppercase()));
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    match (arg.get_short(), arg.get_long()) {
        (None, None) => value,
        (short, long) => {
            let mut label = [
                short.map(|s| format!("-{s}")),
                long.map(|l| format!("--{l}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            if takes_value {
                label.push(' ');
                label.push_str(&value);
            }
            label
        }
    }
}

/// A paragraph of plain text.
fn text(out: &mut Vec<u8>, s: &str) -> std::io::Result<()> {
    for line in s.lines() {
        writeln!(out, "{}", roff(line))?;
    }
    Ok(())
}

/// Text safe in roff: a backslash is `\e`, a hyphen `\-`, a quote in a quoted argument `\(dq`,
/// and a line may not start with a control character (`.` or `'`).
fn roff(s: &str) -> String {
    let mut r = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => r.push_str("\\e"),
            '-' => r.push_str("\\-"),
            '"' => r.push_str("\\(dq"),
            c => r.push(c),
        }
    }
    if r.starts_with('.') || r.starts_with('\'') {
        r.insert_str(0, "\\&");
    }
    r
}

pub fn run() -> Result<()> {
    Ok(std::io::stdout().lock().write_all(&render()?)?)
}
