use std::path::Path;

use super::{Ctx, serial, visible_site, warn_low};
use crate::cli::DeviceCmd;
use crate::domain::access::Action;
use crate::domain::site::check_name;
use crate::error::{Error, Kind, Result};
use crate::output::{List, emit, fields, note, opt, table, write_table};
use crate::store::billing::low_warning;
use crate::store::ledger::LedgerWriter;
use crate::store::units::{self, ImportRow};

pub fn run(ctx: &Ctx, cmd: DeviceCmd) -> Result<()> {
    let period = ctx.period();
    match cmd {
        DeviceCmd::Add {
            site,
            serial: s,
            apartment,
        } => {
            let serial = serial(&s)?;
            let apartment = apartment
                .map(|a| check_name("--apartment", &a, true))
                .transpose()
                .map_err(Error::usage)?;
            let (site, added, low) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::UnitWrite, "device add")?;
                let site = visible_site(tx, &site, &me)?;
                let mut ledger = LedgerWriter::new(tx, &ctx.stamp())?;
                let added = units::add_device(
                    tx,
                    &mut ledger,
                    &site,
                    &serial,
                    apartment.as_deref(),
                    period,
                    &ctx.stamp(),
                )?;
                {
                    let low = low_warning(tx, site.id, period)?;
                    Ok((site, added, low))
                }
            })?;
            if added.apartment.is_none() && !added.paid {
                note(
                    ctx.json,
                    &format!(
                        "Device {} waits for credits: the site has none left for {period}.",
                        added.serial
                    ),
                );
            }
            emit(ctx.json, &added, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Device", added.serial.clone()),
                        ("Site", format!("{} ({})", site.name, added.site_id)),
                        ("Apartment", opt(&added.apartment)),
                        (
                            &format!("Paid for {period}"),
                            if added.paid {
                                "yes"
                            } else {
                                "no, waiting for credits"
                            }
                            .to_string(),
                        ),
                        ("Credits charged", added.credits_charged.to_string()),
                    ]),
                )
            })?;
            warn_low(ctx, low);
            Ok(())
        }
        DeviceCmd::List { site, page } => {
            let t = table([
                "Serial",
                "Site",
                "Apartment",
                "Added",
                &format!("Paid {period}"),
            ])
            .wide(&["Added"])
            .text(&["Site", "Apartment"]);
            let cells = |d: &units::DeviceRow| {
                vec![
                    d.serial.clone(),
                    format!("{} ({})", d.site, d.site_id),
                    opt(&d.apartment),
                    d.added_at.clone(),
                    if d.paid { "yes" } else { "waiting" }.to_string(),
                ]
            };
            let after = page.after.as_deref().map(serial).transpose()?;
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, page.limit, t, cells, |d: &units::DeviceRow| {
                Some(d.serial.clone())
            });
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::UnitRead, "device list")?;
                let site_id = site
                    .as_ref()
                    .map(|s| visible_site(tx, s, &me))
                    .transpose()?
                    .map(|s| s.id);
                let after = match &after {
                    Some(s) => {
                        let place = units::device_cursor(tx, s)?;
                        if !me.sees_site(place.0) {
                            return Err(units::not_registered(s));
                        }
                        Some(place)
                    }
                    None => None,
                };
                units::each_device(tx, site_id, period, after, &mut |d| {
                    if me.sees_site(d.site_id) {
                        list.push(d)?;
                    }
                    Ok(())
                })
            });
            list.finish(read)
        }
        DeviceCmd::Remove { serial: s } => {
            let serial = serial(&s)?;
            let removed = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::UnitWrite, "device remove")?;
                if units::device_site(tx, &serial)?.is_some_and(|site| !me.sees_site(site)) {
                    return Err(units::not_registered(&serial));
                }
                units::remove_device(tx, &serial, &ctx.stamp())
            })?;
            emit(ctx.json, &removed, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Removed device", removed.serial.clone()),
                        ("Site", removed.site_id.to_string()),
                        ("Apartment", opt(&removed.apartment)),
                    ]),
                )
            })
        }
        DeviceCmd::Import { site, file } => {
            let rows = read_import(&file)?;
            let (summary, low) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::UnitWrite, "device import")?;
                let site = visible_site(tx, &site, &me)?;
                let mut ledger = LedgerWriter::new(tx, &ctx.stamp())?;
                let summary =
                    units::import_devices(tx, &mut ledger, &site, &rows, period, &ctx.stamp())?;
                Ok((summary, low_warning(tx, site.id, period)?))
            })?;
            emit(ctx.json, &summary, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Site", summary.site_id.to_string()),
                        ("Devices added", summary.devices_added.to_string()),
                        ("Apartments created", summary.apartments_created.to_string()),
                        ("Credits charged", summary.credits_charged.to_string()),
                        ("Units waiting", summary.units_waiting.to_string()),
                    ]),
                )
            })?;
            warn_low(ctx, low);
            Ok(())
        }
    }
}

/// Reads `serial[,apartment]` lines. A first line starting with `serial` is a header. Every
/// malformed line is refused with its number before anything is written.
fn read_import(path: &Path) -> Result<Vec<ImportRow>> {
    let bad = |line: u64, msg: String| {
        Error::new(
            Kind::Usage,
            "invalid_import",
            format!(
                "{}: line {line}: {msg}; nothing was imported",
                path.display()
            ),
        )
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_path(path)
        .map_err(|e| {
            Error::new(
                Kind::NotFound,
                "not_found",
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
    let mut rows: Vec<ImportRow> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i as u64 + 1, |p| p.line());
            bad(line, format!("not readable as CSV ({e})"))
        })?;
        let line = record.position().map_or(i as u64 + 1, |p| p.line());
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if rows.is_empty() && seen.is_empty() && fields[0].eq_ignore_ascii_case("serial") {
            seen.insert(String::new(), line);
            continue;
        }
        if fields.len() > 2 {
            return Err(bad(
                line,
                format!("{} fields, expected serial[,apartment]", fields.len()),
            ));
        }
        let serial = crate::domain::serial::Serial::parse(fields[0]).map_err(|m| bad(line, m))?;
        if let Some(first) = seen.insert(serial.to_string(), line) {
            return Err(bad(
                line,
                format!("serial {serial} appears twice (first on line {first})"),
            ));
        }
        let apartment = match fields.get(1).filter(|a| !a.is_empty()) {
            Some(a) => Some(check_name("the apartment", a, true).map_err(|m| bad(line, m))?),
            None => None,
        };
        rows.push(ImportRow {
            line,
            serial,
            apartment,
        });
    }
    if rows.is_empty() {
        return Err(Error::usage(format!(
            "{} holds no devices; write one serial[,apartment] per line",
            path.display()
        )));
    }
    Ok(rows)
}
