//! One value rendered as a table for people or as one JSON document for scripts.

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use std::io::{self, BufWriter, IsTerminal, Write};

use crate::error::Result;

/// Writes `value` to stdout: as JSON with `--json`, else through `human`. A closed pipe
/// (`creditctl voucher list | head`) ends the output quietly.
pub fn emit<T: Serialize + ?Sized>(
    json: bool,
    value: &T,
    human: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = if json {
        serde_json::to_writer(&mut w, value)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(w))
    } else {
        human(&mut w)
    };
    match written.and_then(|()| w.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// A table with a header row, drawn the same way everywhere.
pub fn table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    t
}

/// A two-column table of labels and values.
pub fn fields(rows: &[(&str, String)]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    for (k, v) in rows {
        t.add_row(vec![k.to_string(), v.clone()]);
    }
    t
}

pub fn write_table(w: &mut dyn Write, t: &Table) -> io::Result<()> {
    writeln!(w, "{t}")
}

/// `-` for nothing.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_string(), T::to_string)
}

/// A note for people on stderr: only when stdout is a terminal and no JSON is asked for.
pub fn note(json: bool, message: &str) {
    if !json && io::stdout().is_terminal() {
        let _ = writeln!(io::stderr(), "{message}");
    }
}

/// A table on stderr: what a command will do, shown before it asks.
pub fn preview(t: &Table) {
    let _ = writeln!(io::stderr(), "{t}");
}
