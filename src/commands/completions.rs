use clap_complete::Shell;
use std::io::Write;

use crate::cli::Cli;
use crate::error::Result;

/// The completion script for `shell`, as committed under `completions/`.
pub fn render(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::full_command(), "creditctl", &mut out);
    out
}

pub fn run(shell: Shell) -> Result<()> {
    Ok(std::io::stdout().lock().write_all(&render(shell))?)
}
