//! The summary: one table per engine, every figure with its min / median / max, its floor, the
//! paired ratio and the goal it is held to.

use super::measure::{Paired, Proc, Spread};
use std::time::Duration;

pub fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

pub fn mib(kib: i64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// `min / median / max` in `unit`, or the one value of a single sample.
fn spread(s: Spread, n: usize, unit: fn(Duration) -> String) -> String {
    if n == 1 {
        return unit(s.median);
    }
    format!("{} / {} / {}", unit(s.min), unit(s.median), unit(s.max))
}

/// Milliseconds under a second, seconds above.
fn auto(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        ms(d)
    } else {
        secs(d)
    }
}

struct Line {
    figure: String,
    tool: String,
    floor: String,
    ratio: String,
    goal: String,
    verdict: &'static str,
}

/// The figures of one engine, in the order measured.
pub struct Report {
    title: String,
    lines: Vec<Line>,
    notes: Vec<String>,
    pub missed: usize,
}

impl Report {
    pub fn new(title: impl Into<String>) -> Report {
        Report {
            title: title.into(),
            lines: Vec::new(),
            notes: Vec::new(),
            missed: 0,
        }
    }

    fn push(
        &mut self,
        figure: String,
        tool: String,
        floor: String,
        ratio: String,
        goal: String,
        ok: Option<bool>,
    ) {
        let verdict = match ok {
            Some(true) => "ok",
            Some(false) => {
                self.missed += 1;
                "MISSED"
            }
            None => "",
        };
        self.lines.push(Line {
            figure,
            tool,
            floor,
            ratio,
            goal,
            verdict,
        });
    }

    /// A paired figure: the tool's and the floor's wall times and their paired ratio, held to
    /// `max_ratio` (and to `max_wall` when given); the tool's peak RSS on a line of its own when
    /// `max_rss_kib` is given.
    pub fn paired(
        &mut self,
        figure: &str,
        p: &Paired,
        max_ratio: Option<f64>,
        max_wall: Option<Duration>,
        max_rss_kib: Option<i64>,
    ) {
        let n = p.tool.len();
        let ratio = p.ratio();
        let tool = p.tool_wall();
        let mut goals = Vec::new();
        let mut ok = true;
        if let Some(r) = max_ratio {
            goals.push(format!("<= {r:.2}x"));
            ok &= ratio <= r;
        }
        if let Some(w) = max_wall {
            goals.push(format!("< {}", auto(w)));
            ok &= tool.median < w;
        }
        self.push(
            format!("{figure} ({n} rounds)"),
            spread(tool, n, auto),
            spread(p.floor_wall(), n, auto),
            format!("{ratio:.2}x"),
            goals.join(", "),
            (!goals.is_empty()).then_some(ok),
        );
        self.rss(
            "  peak RSS (tool | floor)",
            p.tool_rss_kib(),
            Some(p.floor_rss_kib()),
            max_rss_kib,
        );
    }

    /// A latency figure with no floor: the median held to `goal`.
    pub fn latency(&mut self, figure: &str, samples: &[Duration], goal: Option<Duration>) {
        let s = Spread::of(samples);
        self.push(
            figure.to_string(),
            spread(s, samples.len(), auto),
            String::new(),
            String::new(),
            goal.map(|g| format!("< {}", auto(g))).unwrap_or_default(),
            goal.map(|g| s.median < g),
        );
    }

    /// A peak RSS, held to `goal_kib` when given.
    pub fn rss(
        &mut self,
        figure: &str,
        tool_kib: i64,
        floor_kib: Option<i64>,
        goal_kib: Option<i64>,
    ) {
        self.push(
            figure.to_string(),
            mib(tool_kib),
            floor_kib.map(mib).unwrap_or_default(),
            String::new(),
            goal_kib
                .map(|g| format!("< {}", mib(g)))
                .unwrap_or_default(),
            goal_kib.map(|g| tool_kib < g),
        );
    }

    /// A listing: the first line's arrival and the peak RSS of a whole run.
    pub fn listing(
        &mut self,
        figure: &str,
        first: &[Proc],
        whole: &Proc,
        first_goal: Duration,
        rss_goal_kib: i64,
    ) {
        let lines: Vec<Duration> = first.iter().filter_map(|p| p.first_line).collect();
        self.latency(&format!("{figure}: first line"), &lines, Some(first_goal));
        self.push(
            "  whole listing: time, peak RSS".into(),
            format!("{}, {}", auto(whole.wall), mib(whole.max_rss_kib)),
            String::new(),
            String::new(),
            format!("< {}", mib(rss_goal_kib)),
            Some(whole.max_rss_kib < rss_goal_kib),
        );
    }

    /// A fact checked during the run, printed under the table for the record.
    pub fn note(&mut self, text: String) {
        self.notes.push(text);
    }

    pub fn print(&self) {
        println!();
        println!("{}", self.title);
        let rows: Vec<[&str; 6]> = self
            .lines
            .iter()
            .map(|l| {
                [
                    &l.figure[..],
                    &l.tool,
                    &l.floor,
                    &l.ratio,
                    &l.goal,
                    l.verdict,
                ]
            })
            .collect();
        let headers = [
            "Figure",
            "Tool (min / median / max)",
            "Floor",
            "Ratio",
            "Goal",
            "",
        ];
        let widths: Vec<usize> = (0..6)
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].chars().count())
                    .chain([headers[c].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: [&str; 6]| {
            let mut out = String::new();
            for (c, cell) in cells.iter().enumerate() {
                let pad = widths[c].saturating_sub(cell.chars().count());
                if c == 0 || c >= 4 {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(pad));
                } else {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(cell);
                }
                out.push_str("  ");
            }
            println!("{}", out.trim_end());
        };
        line(headers);
        println!("{}", "-".repeat(widths.iter().sum::<usize>() + 10));
        for r in rows {
            line(r);
        }
        for n in &self.notes {
            println!("{n}");
        }
        if self.missed > 0 {
            println!("{} goal(s) missed", self.missed);
        }
    }
}
