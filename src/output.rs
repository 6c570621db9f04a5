//! One value rendered as a table for people or as one JSON document for scripts.

use comfy_table::{ContentArrangement, presets};
use serde::Serialize;
use std::fmt;
use std::io::{self, BufWriter, IsTerminal, Write};

pub use crate::domain::text::escape;
use crate::error::Result;

/// Writes `value` to stdout: as JSON with `--json`, else through `human`. A closed pipe
/// (`creditctl voucher list | head`) comes back as a broken-pipe error, which `main` ends quietly.
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
    Ok(written.and_then(|()| w.flush())?)
}

/// A table as people see it. Every cell, header or body, goes through
/// [`escape`](crate::domain::text::escape), so stored text cannot break a row or move the cursor.
pub struct Table(comfy_table::Table);

impl Table {
    fn new() -> Table {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        Table(t)
    }

    pub fn add_row<I, S>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0.add_row(cells_of(cells));
        self
    }
}

fn cells_of<I, S>(cells: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    cells
        .into_iter()
        .map(|c| escape(c.as_ref()).into_owned())
        .collect()
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A table with a header row, drawn the same way everywhere.
pub fn table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut t = Table::new();
    t.0.set_header(cells_of(header));
    t
}

/// A two-column table of labels and values.
pub fn fields(rows: &[(&str, String)]) -> Table {
    let mut t = Table::new();
    for (k, v) in rows {
        t.add_row([*k, v.as_str()]);
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

/// A note for people on stderr: only when stdout is a terminal and no JSON is asked for. Like an
/// error, it is one line with control characters escaped.
pub fn note(json: bool, message: &str) {
    if !json && io::stdout().is_terminal() {
        let _ = writeln!(io::stderr(), "{}", escape(message));
    }
}

/// A warning for people on stderr, whatever stdout is (a cron mail shows it too); never with
/// `--json`, whose stderr holds only errors. One line, control characters escaped.
pub fn warn(json: bool, message: &str) {
    if !json {
        let _ = writeln!(io::stderr(), "{}", escape(message));
    }
}

/// A table on stderr: what a command will do, shown before it asks.
pub fn preview(t: &Table) {
    let _ = writeln!(io::stderr(), "{t}");
}
