use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

use creditctl::cli::Cli;

fn main() -> ExitCode {
    let json = std::env::args().any(|a| a == "--json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if json => {
            let message = e
                .kind()
                .as_str()
                .map_or_else(|| e.to_string(), str::to_string);
            let err = creditctl::error::Error::usage(
                message.lines().next().unwrap_or_default().to_string(),
            );
            let _ = writeln!(std::io::stderr(), "{}", err.to_json());
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    let json = cli.json;
    match creditctl::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
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
