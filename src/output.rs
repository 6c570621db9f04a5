//! One value rendered as a table for people or as one JSON document for scripts.

use comfy_table::{ColumnConstraint, ContentArrangement, presets};
use serde::Serialize;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::OnceLock;

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

/// How tables are laid out: drawn for a terminal, tab-separated for a pipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Box-drawn, at most [`WIDTH`] columns wide unless `--wide`.
    Drawn,
    /// One line per row, cells separated by one tab, every column, no padding (as `gh` prints
    /// when piped).
    Tsv,
}

/// The width a drawn table keeps to unless `--wide` is given.
pub const WIDTH: u16 = 80;

/// The table settings of this run, set once by [`configure`].
#[derive(Debug, Clone, Copy, Default)]
struct Settings {
    wide: bool,
    /// Forced by `$CREDITCTL_TABLES` (`drawn` or `tsv`); else chosen per stream.
    forced: Option<Layout>,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Sets how tables are drawn in this run: `--wide`, and `$CREDITCTL_TABLES` (`drawn` or
/// `tsv`), which forces a layout whatever stdout is (tests draw tables through a pipe with it).
pub fn configure(wide: bool) -> Result<()> {
    let forced = match std::env::var_os("CREDITCTL_TABLES") {
        None => None,
        Some(v) if v.is_empty() => None,
        Some(v) if v == "drawn" => Some(Layout::Drawn),
        Some(v) if v == "tsv" => Some(Layout::Tsv),
        Some(v) => {
            return Err(crate::error::Error::usage(format!(
                "$CREDITCTL_TABLES is '{}', not 'drawn' or 'tsv'; set one of them or unset it",
                crate::domain::text::escape_bytes(v.as_encoded_bytes())
            )));
        }
    };
    let _ = SETTINGS.set(Settings { wide, forced });
    Ok(())
}

fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or_default()
}

/// The layout of a table written to a stream that is (or is not) a terminal.
fn layout(terminal: bool) -> Layout {
    settings()
        .forced
        .unwrap_or(if terminal { Layout::Drawn } else { Layout::Tsv })
}

/// A table as people see it. Every cell, header or body, goes through
/// [`escape`](crate::domain::text::escape), so stored text cannot break a row (of a drawn table
/// or of tab-separated lines) or move the cursor.
///
/// A drawn table keeps to [`WIDTH`] columns: columns marked [`Table::wide`] appear only with
/// `--wide` (and in tab-separated output, which has every column), times in columns marked
/// [`Table::times`] show their date only, and columns marked [`Table::text`] (free text such as
/// names) wrap when the rest does not fit. Other cells never wrap.
pub struct Table {
    header: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
    wide: Vec<usize>,
    times: Vec<usize>,
    text: Vec<usize>,
}

impl Table {
    fn new(header: Option<Vec<String>>) -> Table {
        Table {
            header,
            rows: Vec::new(),
            wide: Vec::new(),
            times: Vec::new(),
            text: Vec::new(),
        }
    }

    pub fn add_row<I, S>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.rows.push(cells_of(cells));
        self
    }

    /// The index of the column headed `name`. Naming a column that is not there is a bug.
    fn column(&self, name: &str) -> usize {
        let header = self.header.as_ref().expect("a table with a header");
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column '{name}' in {header:?}"))
    }

    fn mark(&self, names: &[&str]) -> Vec<usize> {
        names.iter().map(|n| self.column(n)).collect()
    }

    /// Columns shown only with `--wide` (and when piped).
    pub fn wide(mut self, names: &[&str]) -> Table {
        self.wide = self.mark(names);
        self
    }

    /// Columns of RFC 3339 times, shown as their date unless `--wide` (or piped).
    pub fn times(mut self, names: &[&str]) -> Table {
        self.times = self.mark(names);
        self
    }

    /// Columns of free text that may wrap to keep the table within [`WIDTH`].
    pub fn text(mut self, names: &[&str]) -> Table {
        self.text = self.mark(names);
        self
    }

    /// The table in `layout`, one line per row, ending without a newline.
    pub fn render(&self, layout: Layout) -> String {
        match layout {
            Layout::Tsv => self.tsv(),
            Layout::Drawn => self.drawn(settings().wide),
        }
    }

    fn tsv(&self) -> String {
        let lines: Vec<String> = self
            .header
            .iter()
            .chain(&self.rows)
            .map(|row| row.join("\t"))
            .collect();
        lines.join("\n")
    }

    fn drawn(&self, wide: bool) -> String {
        let width = self
            .header
            .as_ref()
            .map_or(2, Vec::len)
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let shown: Vec<usize> = (0..width)
            .filter(|i| wide || !self.wide.contains(i))
            .collect();
        let cell = |row: &[String], i: usize| -> String {
            let c = row.get(i).map_or("", String::as_str);
            if !wide && self.times.contains(&i) && is_time(c) {
                c[..10].to_string()
            } else {
                c.to_string()
            }
        };
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        if let Some(h) = &self.header {
            t.set_header(shown.iter().map(|&i| cell(h, i)));
        }
        for row in &self.rows {
            t.add_row(shown.iter().map(|&i| cell(row, i)));
        }
        // A field table's values may wrap, like free text.
        let wraps = |i: usize| self.text.contains(&i) || (self.header.is_none() && i == 1);
        if wide || !shown.iter().any(|&i| wraps(i)) {
            t.set_content_arrangement(ContentArrangement::Disabled);
        } else {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(WIDTH);
            for (col, &i) in shown.iter().enumerate() {
                if !wraps(i)
                    && let Some(c) = t.column_mut(col)
                {
                    c.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        t.to_string()
    }
}

/// Whether `cell` is an RFC 3339 UTC time as the ledger prints them (`2026-11-05T10:00:00Z`).
fn is_time(cell: &str) -> bool {
    cell.len() >= 20 && cell.is_char_boundary(10) && cell.as_bytes()[10] == b'T'
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

/// A table with a header row, drawn the same way everywhere.
pub fn table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Table::new(Some(cells_of(header)))
}

/// A two-column table of labels and values (two tab-separated columns when piped).
pub fn fields(rows: &[(&str, String)]) -> Table {
    let mut t = Table::new(None);
    for (k, v) in rows {
        t.add_row([*k, v.as_str()]);
    }
    t
}

/// Writes `t` to stdout's writer `w`, laid out for what stdout is.
pub fn write_table(w: &mut dyn Write, t: &Table) -> io::Result<()> {
    writeln!(w, "{}", t.render(layout(io::stdout().is_terminal())))
}

/// The most rows a drawn table shows: a table is laid out from all its rows at once, so a list
/// drawn for people stops there and says how to see the next rows (`--after`), or every row
/// (pipe the output, or `--json`). Piped and JSON output stream every row.
pub const DRAWN_ROWS: u64 = 1_000;

/// The cells of a list's row.
type Cells<'a, T> = Box<dyn Fn(&T) -> Vec<String> + 'a>;
/// What `--after` takes to continue after a row.
type Key<'a, T> = Box<dyn Fn(&T) -> Option<String> + 'a>;

/// A list written to stdout row by row as the store reads them, in memory that does not grow
/// with the list: a JSON array (`[`, the rows separated by commas, `]`: the bytes one document
/// of them all would be), tab-separated lines when piped, or a table drawn for people of at most
/// [`DRAWN_ROWS`] rows. Nothing is written before the first row or [`List::finish`], so an error
/// found before (a site not found) leaves stdout empty.
pub struct List<'a, T> {
    json: bool,
    layout: Layout,
    out: Box<dyn Write + 'a>,
    table: Table,
    title: Option<String>,
    cells: Cells<'a, T>,
    key: Key<'a, T>,
    limit: Option<u64>,
    shown: u64,
    started: bool,
    more: bool,
    last_key: Option<String>,
}

impl<'a, T: Serialize> List<'a, T> {
    /// A list headed by `table`'s header (its columns marked as for any table), whose rows are
    /// `cells` of each item; `key` is what `--after` takes to continue after an item (`None`
    /// where the item cannot be named, as a masked code). At most `limit` rows.
    pub fn new(
        json: bool,
        limit: Option<u64>,
        table: Table,
        cells: impl Fn(&T) -> Vec<String> + 'a,
        key: impl Fn(&T) -> Option<String> + 'a,
    ) -> List<'a, T> {
        List::to(
            Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
            layout(io::stdout().is_terminal()),
            json,
            limit,
            table,
            Box::new(cells),
            Box::new(key),
        )
    }

    /// The list written to `out` in `layout`.
    fn to(
        out: Box<dyn Write + 'a>,
        layout: Layout,
        json: bool,
        limit: Option<u64>,
        table: Table,
        cells: Cells<'a, T>,
        key: Key<'a, T>,
    ) -> List<'a, T> {
        List {
            json,
            layout,
            out,
            table,
            title: None,
            cells,
            key,
            limit,
            shown: 0,
            started: false,
            more: false,
            last_key: None,
        }
    }

    /// A title over the drawn table (see [`title`]).
    pub fn set_title(&mut self, text: String) {
        self.title = Some(text);
    }

    fn drawn(&self) -> bool {
        !self.json && self.layout == Layout::Drawn
    }

    /// The most rows this list prints.
    fn cap(&self) -> Option<u64> {
        if self.drawn() {
            Some(self.limit.map_or(DRAWN_ROWS, |l| l.min(DRAWN_ROWS)))
        } else {
            self.limit
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        if self.json {
            self.out.write_all(b"[")
        } else if self.layout == Layout::Tsv {
            if let Some(h) = &self.table.header {
                writeln!(self.out, "{}", h.join("\t"))?;
            }
            Ok(())
        } else {
            Ok(())
        }
    }

    /// Writes one row. Once the list has printed what it may, this fails with
    /// [`Error::list_done`](crate::error::Error::list_done), which stops the store's reading and
    /// which [`List::finish`] takes as success.
    pub fn push(&mut self, item: T) -> Result<()> {
        if self.cap().is_some_and(|cap| self.shown >= cap) {
            self.more = true;
            return Err(crate::error::Error::list_done());
        }
        self.start()?;
        if self.json {
            if self.shown > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, &item).map_err(io::Error::from)?;
        } else if self.layout == Layout::Tsv {
            for (i, cell) in (self.cells)(&item).iter().enumerate() {
                if i > 0 {
                    self.out.write_all(b"\t")?;
                }
                self.out.write_all(escape(cell).as_bytes())?;
            }
            self.out.write_all(b"\n")?;
        } else {
            self.table.add_row((self.cells)(&item));
        }
        self.last_key = (self.key)(&item);
        self.shown += 1;
        if self.shown == 1 && !self.drawn() {
            // The first row goes out at once; the rest in blocks of the writer's size.
            self.out.flush()?;
        }
        Ok(())
    }

    /// Ends the list once the store's reading ended with `read`: closes the JSON array or draws
    /// the table, then tells people on stderr how to see the rows left out. An error of the read
    /// (other than the list having printed what it may) is returned as it was.
    pub fn finish(mut self, read: Result<()>) -> Result<()> {
        match read {
            Err(e) if !e.is_list_done() => return Err(e),
            _ => {}
        }
        self.start()?;
        if self.json {
            self.out.write_all(b"]\n")?;
        } else if self.layout == Layout::Drawn {
            if let Some(t) = &self.title {
                writeln!(self.out, "{}", escape(t))?;
            }
            writeln!(self.out, "{}", self.table.render(Layout::Drawn))?;
        }
        self.out.flush()?;
        if self.more && self.drawn() {
            let next = match &self.last_key {
                Some(k) => format!("see the next with --after {k}"),
                None => "narrow the list with its filters".to_string(),
            };
            let message = if self.limit.is_none_or(|l| l > DRAWN_ROWS) {
                format!(
                    "more rows: a table shows at most {DRAWN_ROWS}; {next}, or pipe the output (or use --json) for every row"
                )
            } else {
                format!("more rows: {next}")
            };
            let _ = writeln!(io::stderr(), "{}", escape(&message));
        }
        Ok(())
    }
}

/// A title over a table, for people: written only when the table is drawn, so that piped output
/// is nothing but tab-separated lines. `text` is escaped.
pub fn title(w: &mut dyn Write, text: &str) -> io::Result<()> {
    if layout(io::stdout().is_terminal()) == Layout::Drawn {
        writeln!(w, "{}", escape(text))?;
    }
    Ok(())
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
    let _ = writeln!(
        io::stderr(),
        "{}",
        t.render(layout(io::stderr().is_terminal()))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_separated_cells_cannot_break_a_row() {
        let mut t = table(["Name", "Note"]);
        t.add_row(["a\tb", "line\nbreak\r\u{1b}[2J"]);
        t.add_row(["", "-"]);
        assert_eq!(
            t.render(Layout::Tsv),
            "Name\tNote\na\\tb\tline\\nbreak\\r\\u{1b}[2J\n\t-"
        );
    }

    /// Rows of a list as the store would hand them over.
    #[derive(Debug, Clone, Serialize)]
    struct Item {
        id: i64,
        name: String,
        note: Option<String>,
    }

    fn item_cells(i: &Item) -> Vec<String> {
        vec![i.id.to_string(), i.name.clone(), opt(&i.note)]
    }

    fn header() -> Table {
        table(["ID", "Name", "Note"]).text(&["Name"])
    }

    /// What a list of `items` writes in `layout` (`None`: JSON) with `limit`.
    fn streamed(items: &[Item], layout: Option<Layout>, limit: Option<u64>) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut list = List::to(
                Box::new(&mut out),
                layout.unwrap_or(Layout::Tsv),
                layout.is_none(),
                limit,
                header(),
                Box::new(item_cells),
                Box::new(|i: &Item| Some(i.id.to_string())),
            );
            let mut read = Ok(());
            for i in items {
                read = list.push(i.clone());
                if read.is_err() {
                    break;
                }
            }
            list.finish(read).unwrap();
        }
        out
    }

    /// What the whole list written at once printed before lists streamed.
    fn at_once(items: &[Item], layout: Option<Layout>) -> Vec<u8> {
        match layout {
            None => format!("{}\n", serde_json::to_string(items).unwrap()).into_bytes(),
            Some(l) => {
                let mut t = header();
                for i in items {
                    t.add_row(item_cells(i));
                }
                format!("{}\n", t.render(l)).into_bytes()
            }
        }
    }

    fn items() -> impl proptest::strategy::Strategy<Value = Vec<Item>> {
        use proptest::prelude::*;
        proptest::collection::vec(
            (
                any::<i64>(),
                ".{0,12}",
                proptest::option::of("[a-z\t\n\u{1b} ]{0,8}"),
            )
                .prop_map(|(id, name, note)| Item { id, name, note }),
            0..20,
        )
    }

    proptest::proptest! {
        /// A streamed list is byte for byte what the list written at once was: one JSON array,
        /// tab-separated lines, a drawn table (of fewer than DRAWN_ROWS rows).
        #[test]
        fn a_streamed_list_prints_the_bytes_the_whole_list_printed(items in items()) {
            for layout in [None, Some(Layout::Tsv), Some(Layout::Drawn)] {
                proptest::prop_assert_eq!(
                    String::from_utf8(streamed(&items, layout, None)).unwrap(),
                    String::from_utf8(at_once(&items, layout)).unwrap()
                );
            }
        }

        /// `--limit N` prints the first N rows of the list, as the list of them would be.
        #[test]
        fn a_limit_prints_the_first_rows(items in items(), limit in 1u64..25) {
            let first = &items[..items.len().min(limit as usize)];
            for layout in [None, Some(Layout::Tsv), Some(Layout::Drawn)] {
                proptest::prop_assert_eq!(
                    streamed(&items, layout, Some(limit)),
                    at_once(first, layout)
                );
            }
        }
    }

    #[test]
    fn a_drawn_list_stops_at_drawn_rows_and_a_piped_one_does_not() {
        let many: Vec<Item> = (0..DRAWN_ROWS as i64 + 5)
            .map(|id| Item {
                id,
                name: format!("n{id}"),
                note: None,
            })
            .collect();
        let cut = DRAWN_ROWS as usize;
        assert_eq!(
            streamed(&many, Some(Layout::Drawn), None),
            at_once(&many[..cut], Some(Layout::Drawn))
        );
        assert_eq!(
            streamed(&many, Some(Layout::Tsv), None),
            at_once(&many, Some(Layout::Tsv))
        );
        assert_eq!(streamed(&many, None, None), at_once(&many, None));
    }

    #[test]
    fn a_drawn_table_keeps_to_80_columns_unless_wide() {
        let long = "a name as long as people give them, and then some more words".to_string();
        let mut t = table(["Code", "Name", "Created", "By"])
            .wide(&["By"])
            .times(&["Created"])
            .text(&["Name"]);
        t.add_row([
            "K7QM-3XHD-9V2P-RT6W-J",
            &long,
            "2026-11-05T10:00:00Z",
            "someone",
        ]);
        let narrow = t.drawn(false);
        assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
        assert!(
            narrow.contains("K7QM-3XHD-9V2P-RT6W-J"),
            "codes never wrap: {narrow}"
        );
        assert!(
            narrow.contains(" 2026-11-05 ") && !narrow.contains("someone"),
            "{narrow}"
        );
        let wide = t.drawn(true);
        assert!(
            wide.contains(&long)
                && wide.contains("2026-11-05T10:00:00Z")
                && wide.contains("someone")
        );
    }
}
