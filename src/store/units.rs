//! Devices and apartments, and the billable units behind them.

use serde::Serialize;

use super::accounts::Site;
use super::billing::charge_waiting;
use super::billing::site_units;
use super::ledger::LedgerWriter;
use super::sql::{Engine, Tx};
use super::{Stamp, fmt_time};
use crate::args;
use crate::domain::period::Period;
use crate::domain::refusal::Refusal;
use crate::domain::serial::Serial;
use crate::domain::site::{self, Model};
use crate::error::{Error, Result};

/// Adds (or brings back) the billable unit `name` at a site. A unit removed and added again in
/// the same month keeps its charge, so it is not charged twice. One back after a month or more
/// away counts from its return, as a new unit does: a run made later for a month it missed (a
/// deduction caught up after an outage) does not charge it, as none charges a removed unit.
fn add_unit(tx: &mut dyn Tx, site: &Site, name: &str, stamp: &Stamp) -> Result<i64> {
    let existing = tx.opt(
        "SELECT id, CASE WHEN removed_at IS NULL THEN 1 ELSE 0 END FROM unit WHERE site_id = ?1 AND name = ?2",
        args![site.id, name],
        |r| Ok((r.int(0)?, r.bool(1)?)),
    )?;
    match existing {
        Some((_, true)) => Err(Refusal::AlreadyExists {
            what: format!("site {}'s {}", site.label(), site.model.as_str()),
            name: name.to_string(),
        }
        .into()),
        Some((id, false)) => {
            // Times are RFC 3339 UTC of one width: they compare as text.
            let month = fmt_time(Period::containing(stamp.now).start());
            tx.exec(
                "UPDATE unit SET removed_at = NULL,
                        added_at = CASE WHEN removed_at < ?2 THEN ?3 ELSE added_at END
                  WHERE id = ?1",
                args![id, month, stamp.time()],
            )?;
            Ok(id)
        }
        None => tx.int(
            "INSERT INTO unit (id, site_id, name, added_at) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM unit), ?1, ?2, ?3) RETURNING id",
            args![site.id, name, stamp.time()],
        ),
    }
}

fn is_charged(tx: &mut dyn Tx, unit_id: i64, period: Period) -> Result<bool> {
    Ok(tx.int(
        "SELECT count(*) FROM charge WHERE period = ?1 AND unit_id = ?2",
        args![period.number(), unit_id],
    )? > 0)
}

fn check_serial_free(tx: &mut dyn Tx, serial: &Serial) -> Result<()> {
    // At any site, seen or not.
    match super::unseen::serial_site(tx, serial.as_str())? {
        Some(site_id) => Err(Refusal::AlreadyRegistered {
            serial: serial.to_string(),
            site_id,
        }
        .into()),
        None => Ok(()),
    }
}

fn apartment_unit(tx: &mut dyn Tx, site: &Site, name: &str) -> Result<Option<i64>> {
    tx.opt(
        "SELECT id FROM unit WHERE site_id = ?1 AND name = ?2 AND removed_at IS NULL",
        args![site.id, name],
        |r| r.int(0),
    )
}

/// How many devices are billed under a unit. On PostgreSQL the unit's row is locked first, as
/// the engine's own check of a device or a removal locks it (schema 11): a device another client
/// is adding to it is waited for and counted, rather than found by that check after this one.
fn devices_of_unit(tx: &mut dyn Tx, unit_id: i64) -> Result<i64> {
    if tx.engine() == Engine::Postgres {
        tx.opt(
            "SELECT id FROM unit WHERE id = ?1 FOR NO KEY UPDATE",
            args![unit_id],
            |_| Ok(()),
        )?;
    }
    tx.int(
        "SELECT count(*) FROM device WHERE unit_id = ?1",
        args![unit_id],
    )
}

fn check_apartment_room(tx: &mut dyn Tx, site: &Site, unit_id: i64, name: &str) -> Result<()> {
    let devices = devices_of_unit(tx, unit_id)?;
    Ok(site::check_room(devices, name, &site.label())?)
}

/// Checks that `apartment` is given exactly when the site bills per apartment.
pub fn check_apartment_arg(site: &Site, apartment: Option<&str>) -> Result<()> {
    Ok(site::check_device_placement(
        site.model,
        &site.label(),
        apartment,
    )?)
}

#[derive(Debug, Clone, Serialize)]
pub struct AddedDevice {
    pub serial: String,
    pub site_id: i64,
    pub apartment: Option<String>,
    /// Whether the device's unit is paid for the current month.
    pub paid: bool,
    /// Credits this command charged (older waiting units are charged first).
    pub credits_charged: u64,
}

/// Registers a device. On a device-model site it is a billable unit and is charged for the
/// current month at once if credits allow (else it waits).
pub fn add_device(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site: &Site,
    serial: &Serial,
    apartment: Option<&str>,
    period: Period,
    stamp: &Stamp,
) -> Result<AddedDevice> {
    check_apartment_arg(site, apartment)?;
    check_serial_free(tx, serial)?;
    let (unit_id, charged) = match apartment {
        None => {
            let unit = add_unit(tx, site, serial.as_str(), stamp)?;
            (unit, charge_waiting(tx, ledger, site.id, period)?)
        }
        Some(name) => {
            let unit = apartment_unit(tx, site, name)?.ok_or_else(|| {
                Error::not_found(format!(
                    "site {} has no apartment '{name}'; add it first (`creditctl apartment add --site {} '{name}'`)",
                    site.label(), site.id
                ))
            })?;
            check_apartment_room(tx, site, unit, name)?;
            (unit, 0)
        }
    };
    insert_device(tx, serial, site, unit_id, stamp)?;
    Ok(AddedDevice {
        serial: serial.to_string(),
        site_id: site.id,
        apartment: apartment.map(str::to_string),
        paid: is_charged(tx, unit_id, period)?,
        credits_charged: charged,
    })
}

/// One line of an import file, already checked for shape.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: u64,
    pub serial: Serial,
    pub apartment: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub site_id: i64,
    pub devices_added: u64,
    pub apartments_created: u64,
    pub credits_charged: u64,
    pub units_waiting: u64,
}

/// Registers every row or none: the first refused row fails the whole import with its line
/// number. On an apartment site, apartments named in the file that do not exist are created.
pub fn import_devices(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site: &Site,
    rows: &[ImportRow],
    period: Period,
    stamp: &Stamp,
) -> Result<ImportSummary> {
    let at_line = |line: u64, e: Error| {
        Error::new(
            e.kind,
            e.code,
            format!("line {line}: {}; nothing was imported", e.message),
        )
    };
    let mut apartments_created = 0;
    for row in rows {
        let mut one = || -> Result<bool> {
            check_apartment_arg(site, row.apartment.as_deref())?;
            check_serial_free(tx, &row.serial)?;
            let mut created = false;
            let unit = match row.apartment.as_deref() {
                None => add_unit(tx, site, row.serial.as_str(), stamp)?,
                Some(name) => match apartment_unit(tx, site, name)? {
                    Some(unit) => unit,
                    None => {
                        created = true;
                        add_unit(tx, site, name, stamp)?
                    }
                },
            };
            if let Some(name) = row.apartment.as_deref() {
                check_apartment_room(tx, site, unit, name)?;
            }
            insert_device(tx, &row.serial, site, unit, stamp)?;
            Ok(created)
        };
        if one().map_err(|e| at_line(row.line, e))? {
            apartments_created += 1;
        }
    }
    let charged = charge_waiting(tx, ledger, site.id, period)?;
    let waiting = site_units(tx, site.id, period)?.waiting();
    Ok(ImportSummary {
        site_id: site.id,
        devices_added: rows.len() as u64,
        apartments_created,
        credits_charged: charged,
        units_waiting: waiting,
    })
}

/// The site a device is registered at, if any.
pub fn device_site(tx: &mut dyn Tx, serial: &Serial) -> Result<Option<i64>> {
    tx.opt(
        "SELECT site_id FROM device WHERE serial = ?1",
        args![serial.as_str()],
        |r| r.int(0),
    )
}

/// The device is not registered (or not at a site the actor may see).
pub fn not_registered(serial: &Serial) -> Error {
    Error::not_found(format!("device {serial} is not registered at any site"))
}

#[derive(Debug, Clone, Serialize)]
pub struct RemovedDevice {
    pub serial: String,
    pub site_id: i64,
    pub apartment: Option<String>,
}

/// Unregisters a device. On a device site its unit stops being billed from the next charge on;
/// a charge already made for the month stays (nothing is refunded).
pub fn remove_device(tx: &mut dyn Tx, serial: &Serial, stamp: &Stamp) -> Result<RemovedDevice> {
    let found = tx.opt(
        "SELECT d.site_id, d.unit_id, s.model, u.name FROM device d JOIN site s ON s.id = d.site_id
         JOIN unit u ON u.id = d.unit_id WHERE d.serial = ?1",
        args![serial.as_str()],
        |r| Ok((r.int(0)?, r.int(1)?, r.text(2)?, r.text(3)?)),
    )?;
    let (site_id, unit_id, model, unit_name) = found.ok_or_else(|| not_registered(serial))?;
    tx.exec(
        "DELETE FROM device WHERE serial = ?1",
        args![serial.as_str()],
    )?;
    let apartment = if model == Model::Device.as_str() {
        // A device site's unit is its device's own; one that holds another device as well
        // (written by hand, before the engine refused it) stays billed while that one is there.
        tx.exec(
            "UPDATE unit SET removed_at = ?2
              WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM device WHERE unit_id = ?1)",
            args![unit_id, stamp.time()],
        )?;
        None
    } else {
        Some(unit_name)
    };
    Ok(RemovedDevice {
        serial: serial.to_string(),
        site_id,
        apartment,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct DeviceRow {
    pub serial: String,
    pub site_id: i64,
    pub site: String,
    pub apartment: Option<String>,
    pub added_at: String,
    /// Whether the unit the device is billed under is paid for the current month.
    pub paid: bool,
}

/// Where `device list --after SERIAL` continues: the device's place in the list's order
/// (site, unit, serial). Not found when the serial is not registered.
pub fn device_cursor(tx: &mut dyn Tx, serial: &Serial) -> Result<(i64, i64, String)> {
    tx.opt(
        "SELECT site_id, unit_id, serial FROM device WHERE serial = ?1",
        args![serial.as_str()],
        |r| Ok((r.int(0)?, r.int(1)?, r.text(2)?)),
    )?
    .ok_or_else(|| not_registered(serial))
}

/// Hands `f` the devices (of one site, or all) by site, unit and serial, after the place
/// `after` (see [`device_cursor`]), as they are read.
pub fn each_device(
    tx: &mut dyn Tx,
    site_id: Option<i64>,
    period: Period,
    after: Option<(i64, i64, String)>,
    f: &mut dyn FnMut(DeviceRow) -> Result<()>,
) -> Result<()> {
    let (a_site, a_unit, a_serial) = after.unwrap_or((0, 0, String::new()));
    // One site or all as a range of site ids, not `?1 IS NULL OR …`: PostgreSQL plans a
    // cursor's parameters without folding that, and sorted every device before the first row.
    let (first, last) = site_id.map_or((i64::MIN, i64::MAX), |id| (id, id));
    // Whether the device's unit is paid. PostgreSQL may plan an `EXISTS` as a hashed subplan
    // that reads every charge of the month before the first row (it did, with statistics not
    // yet updated after a deduction: 0.3 s before the first of a million devices); a correlated
    // count (0 or 1: (period, unit) is the key) is one lookup per row there. SQLite probes the
    // key either way and runs `EXISTS` quicker.
    let paid = match tx.engine() {
        Engine::Sqlite => {
            "CASE WHEN EXISTS (SELECT 1 FROM charge c WHERE c.period = ?2 AND c.unit_id = d.unit_id) THEN 1 ELSE 0 END"
        }
        Engine::Postgres => {
            "(SELECT count(*) FROM charge c WHERE c.period = ?2 AND c.unit_id = d.unit_id)"
        }
    };
    tx.stream(
        &format!(
            "SELECT d.serial, d.site_id, s.name, CASE s.model WHEN 'apartment' THEN u.name END, d.added_at, {paid}
         FROM device d JOIN site s ON s.id = d.site_id JOIN unit u ON u.id = d.unit_id
         WHERE d.site_id BETWEEN ?1 AND ?6
           AND d.site_id >= ?3
           AND (d.site_id > ?3 OR d.unit_id > ?4 OR (d.unit_id = ?4 AND d.serial > ?5))
         ORDER BY d.site_id, d.unit_id, d.serial"
        ),
        args![first, period.number(), a_site, a_unit, a_serial, last],
        &mut |_, r| {
            f(DeviceRow {
                serial: r.text(0)?,
                site_id: r.int(1)?,
                site: r.text(2)?,
                apartment: r.opt_text(3)?,
                added_at: r.text(4)?,
                paid: r.bool(5)?,
            })
        },
    )
}

fn require_apartment_site(site: &Site) -> Result<()> {
    Ok(site::require_apartments(site.model, &site.label())?)
}

#[derive(Debug, Clone, Serialize)]
pub struct Apartment {
    pub site_id: i64,
    pub name: String,
    pub devices: i64,
    pub added_at: String,
    pub paid: bool,
}

/// Adds an apartment: a billable unit, charged for the current month at once if credits allow.
pub fn add_apartment(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site: &Site,
    name: &str,
    period: Period,
    stamp: &Stamp,
) -> Result<Apartment> {
    require_apartment_site(site)?;
    let unit = add_unit(tx, site, name, stamp)?;
    charge_waiting(tx, ledger, site.id, period)?;
    let added_at = tx.one(
        "SELECT added_at FROM unit WHERE id = ?1",
        args![unit],
        |r| r.text(0),
    )?;
    Ok(Apartment {
        site_id: site.id,
        name: name.to_string(),
        devices: 0,
        added_at,
        paid: is_charged(tx, unit, period)?,
    })
}

/// Hands `f` a site's apartments after the one named `after`, in the order they were added, as
/// they are read. An `after` the site has no apartment of is "not found".
pub fn each_apartment(
    tx: &mut dyn Tx,
    site: &Site,
    period: Period,
    after: Option<&str>,
    f: &mut dyn FnMut(Apartment) -> Result<()>,
) -> Result<()> {
    require_apartment_site(site)?;
    let after_id = match after {
        Some(name) => apartment_unit(tx, site, name)?.ok_or_else(|| {
            Error::not_found(format!("site {} has no apartment '{name}'", site.label()))
        })?,
        None => 0,
    };
    tx.stream(
        "SELECT u.name, (SELECT count(*) FROM device d WHERE d.unit_id = u.id), u.added_at,
                CASE WHEN EXISTS (SELECT 1 FROM charge c WHERE c.period = ?2 AND c.unit_id = u.id) THEN 1 ELSE 0 END
         FROM unit u WHERE u.site_id = ?1 AND u.removed_at IS NULL AND u.id > ?3 ORDER BY u.id",
        args![site.id, period.number(), after_id],
        &mut |_, r| {
            f(Apartment {
                site_id: site.id,
                name: r.text(0)?,
                devices: r.int(1)?,
                added_at: r.text(2)?,
                paid: r.bool(3)?,
            })
        },
    )
}

/// Removes an empty apartment; it is not billed again.
pub fn remove_apartment(tx: &mut dyn Tx, site: &Site, name: &str, stamp: &Stamp) -> Result<()> {
    require_apartment_site(site)?;
    let unit = apartment_unit(tx, site, name)?.ok_or_else(|| {
        Error::not_found(format!("site {} has no apartment '{name}'", site.label()))
    })?;
    site::check_empty(devices_of_unit(tx, unit)?, name)?;
    tx.exec(
        "UPDATE unit SET removed_at = ?2 WHERE id = ?1",
        args![unit, fmt_time(stamp.now)],
    )?;
    Ok(())
}

fn insert_device(
    tx: &mut dyn Tx,
    serial: &Serial,
    site: &Site,
    unit_id: i64,
    stamp: &Stamp,
) -> Result<()> {
    tx.exec(
        "INSERT INTO device (serial, site_id, unit_id, added_at) VALUES (?1, ?2, ?3, ?4)",
        args![serial.as_str(), site.id, unit_id, stamp.time()],
    )?;
    Ok(())
}
