//! Distributors and sites.

use serde::Serialize;

use super::Stamp;
use super::sql::{SqlRow, Tx};
use crate::args;
use crate::domain::names;
use crate::domain::refusal::Refusal;
use crate::domain::site::Model;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Distributor {
    pub id: i64,
    pub name: String,
    pub activated: bool,
    pub activated_at: Option<String>,
    /// When the platform operator deactivated it (it buys nothing while set).
    pub deactivated_at: Option<String>,
    pub created_at: String,
}

const DISTRIBUTOR_COLUMNS: &str = "id, name, activated_at, created_at, deactivated_at";

fn read_distributor(r: &dyn SqlRow) -> Result<Distributor> {
    let activated_at = r.opt_text(2)?;
    Ok(Distributor {
        id: r.int(0)?,
        name: r.text(1)?,
        activated: activated_at.is_some(),
        activated_at,
        created_at: r.text(3)?,
        deactivated_at: r.opt_text(4)?,
    })
}

pub fn add_distributor(tx: &mut dyn Tx, name: &str, stamp: &Stamp) -> Result<Distributor> {
    refuse_taken(tx, "distributor", "a distributor named", name, None)?;
    let id = tx.int(
        "INSERT INTO distributor (id, name, created_at, created_by) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM distributor), ?1, ?2, ?3) RETURNING id",
        args![name, stamp.time(), &stamp.actor],
    )?;
    distributor_by_id(tx, id)
}

pub fn list_distributors(tx: &mut dyn Tx) -> Result<Vec<Distributor>> {
    tx.all(
        &format!("SELECT {DISTRIBUTOR_COLUMNS} FROM distributor ORDER BY id"),
        &[],
        read_distributor,
    )
}

fn distributor_by_id(tx: &mut dyn Tx, id: i64) -> Result<Distributor> {
    tx.opt(
        &format!("SELECT {DISTRIBUTOR_COLUMNS} FROM distributor WHERE id = ?1"),
        args![id],
        read_distributor,
    )?
    .ok_or_else(|| {
        Error::not_found(format!(
            "no distributor with ID {id}; see `creditctl distributor list`"
        ))
    })
}

/// Refuses (exit 4) a name that another row of `table` (not `except`) has, whatever its case.
/// Every name is read, so that case is folded the same way on both engines (in Rust, not SQL).
fn refuse_taken(
    tx: &mut dyn Tx,
    table: &str,
    what: &str,
    name: &str,
    except: Option<i64>,
) -> Result<()> {
    let all = id_names(tx, table)?;
    if let Some((_, taken)) = all
        .iter()
        .find(|(id, n)| Some(*id) != except && names::same(n, name))
    {
        return Err(Refusal::AlreadyExists {
            what: what.into(),
            name: taken.clone(),
        }
        .into());
    }
    Ok(())
}

/// Every `(id, name)` of a table of named rows, in ID order.
fn id_names(tx: &mut dyn Tx, table: &str) -> Result<Vec<(i64, String)>> {
    tx.all(
        &format!("SELECT id, name FROM {table} ORDER BY id"),
        &[],
        |r| Ok((r.int(0)?, r.text(1)?)),
    )
}

/// Finds the row of `table` that `key` names among those `sees` lets the actor see: by ID, or
/// by name (any case; an exact spelling wins). A name not found suggests the closest name the
/// actor may see, never another.
fn resolve_id(
    tx: &mut dyn Tx,
    table: &'static str,
    key: &str,
    sees: &dyn Fn(i64) -> bool,
) -> Result<i64> {
    if let Ok(id) = key.parse::<i64>() {
        return Ok(id);
    }
    // The usual case, by the index: one visible row of exactly that name.
    let exact: Vec<i64> = tx
        .all(
            &format!("SELECT id FROM {table} WHERE name = ?1 ORDER BY id"),
            args![key],
            |r| r.int(0),
        )?
        .into_iter()
        .filter(|id| sees(*id))
        .collect();
    let visible: Vec<(i64, String)> = if exact.is_empty() {
        id_names(tx, table)?
            .into_iter()
            .filter(|(id, _)| sees(*id))
            .collect()
    } else {
        exact.iter().map(|id| (*id, key.to_string())).collect()
    };
    match names::find(key, &visible) {
        names::Found::One(id) => Ok(id),
        names::Found::Several(a, b) => Err(Refusal::AmbiguousName {
            what: table,
            name: key.to_string(),
            ids: (a, b),
        }
        .into()),
        names::Found::None { suggestion } => Err(no_such(table, key, suggestion)),
    }
}

/// Finds a distributor by ID or by name (see [`resolve_id`]) among those `sees` lets the actor
/// see; one it may not see is "not found", like one that does not exist.
pub fn resolve_distributor(
    tx: &mut dyn Tx,
    key: &str,
    sees: &dyn Fn(i64) -> bool,
) -> Result<Distributor> {
    let key = key.trim();
    let id = resolve_id(tx, "distributor", key, sees)?;
    if !sees(id) {
        return Err(no_such("distributor", key, None));
    }
    distributor_by_id(tx, id)
}

/// Whether the ledger holds anything made by its users (a distributor, a site, a member, a
/// ledger row), beyond what every new ledger starts with (prices, the catalog).
pub fn holds_data(tx: &mut dyn Tx) -> Result<bool> {
    Ok(tx.int(
        "SELECT (SELECT count(*) FROM distributor) + (SELECT count(*) FROM site)
              + (SELECT count(*) FROM member) + (SELECT count(*) FROM ledger)",
        &[],
    )? > 0)
}

/// Activates voucher purchasing, and lifts a deactivation. Activating an active distributor
/// changes nothing.
pub fn activate(tx: &mut dyn Tx, id: i64, stamp: &Stamp) -> Result<Distributor> {
    tx.exec(
        "UPDATE distributor SET activated_at = ?2, activated_by = ?3 WHERE id = ?1 AND activated_at IS NULL",
        args![id, stamp.time(), &stamp.actor],
    )?;
    tx.exec(
        "UPDATE distributor SET deactivated_at = NULL, deactivated_by = NULL WHERE id = ?1 AND deactivated_at IS NOT NULL",
        args![id],
    )?;
    distributor_by_id(tx, id)
}

/// Deactivates a distributor: it buys no vouchers or licenses until activated again. Its codes
/// and licenses stay valid. Deactivating a deactivated distributor changes nothing.
pub fn deactivate(tx: &mut dyn Tx, id: i64, stamp: &Stamp) -> Result<Distributor> {
    tx.exec(
        "UPDATE distributor SET deactivated_at = ?2, deactivated_by = ?3 WHERE id = ?1 AND deactivated_at IS NULL",
        args![id, stamp.time(), &stamp.actor],
    )?;
    distributor_by_id(tx, id)
}

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub id: i64,
    pub name: String,
    pub model: Model,
    pub video_balance: i64,
    pub sms_balance: i64,
    pub created_at: String,
    /// The month's count of units stored on the site (period, units, paid), read with it: a
    /// redemption that finds it answering for the month counts no unit (see `billing`).
    #[serde(skip)]
    pub(super) tally: Option<(i64, u64, u64)>,
}

pub(super) const SITE_COLUMNS: &str = "id, name, model, video_balance, sms_balance, created_at, tally_period, tally_units, tally_paid";

impl Site {
    /// The balance of one of the site's pools, as read with it.
    pub fn balance(&self, pool: crate::domain::billing::Pool) -> i64 {
        match pool {
            crate::domain::billing::Pool::Video => self.video_balance,
            crate::domain::billing::Pool::Sms => self.sms_balance,
        }
    }

    /// How messages name the site: `'Harbour Office' (1)`.
    pub fn label(&self) -> String {
        crate::domain::site::label(self.id, &self.name)
    }
}

pub(super) fn read_site(r: &dyn SqlRow) -> Result<Site> {
    let model = r.text(2)?;
    Ok(Site {
        id: r.int(0)?,
        name: r.text(1)?,
        model: Model::parse(&model).unwrap_or(Model::Device),
        video_balance: r.int(3)?,
        sms_balance: r.int(4)?,
        created_at: r.text(5)?,
        tally: tally_of(r, 6)?,
    })
}

pub fn create_site(tx: &mut dyn Tx, name: &str, model: Model, stamp: &Stamp) -> Result<Site> {
    refuse_taken(tx, "site", "a site named", name, None)?;
    let id = tx.int(
        "INSERT INTO site (id, name, model, created_at, created_by) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM site), ?1, ?2, ?3, ?4) RETURNING id",
        args![name, model.as_str(), stamp.time(), &stamp.actor],
    )?;
    site_by_id(tx, id)
}

pub fn list_sites(tx: &mut dyn Tx) -> Result<Vec<Site>> {
    tx.all(
        &format!("SELECT {SITE_COLUMNS} FROM site ORDER BY id"),
        &[],
        read_site,
    )
}

pub fn site_by_id(tx: &mut dyn Tx, id: i64) -> Result<Site> {
    tx.opt(
        &format!("SELECT {SITE_COLUMNS} FROM site WHERE id = ?1"),
        args![id],
        read_site,
    )?
    .ok_or_else(|| Error::not_found(format!("no site with ID {id}; see `creditctl site list`")))
}

/// Renames a site; the new name, like a new site's, is no other site's in any case. A name is
/// not a value: the ledger rows name sites by ID, so a rename moves no chain row.
pub fn rename_site(tx: &mut dyn Tx, id: i64, name: &str) -> Result<Site> {
    refuse_taken(tx, "site", "a site named", name, Some(id))?;
    tx.exec("UPDATE site SET name = ?1 WHERE id = ?2", args![name, id])?;
    site_by_id(tx, id)
}

/// Finds a site by ID or by name (see [`resolve_id`]) among those `sees` lets the actor see;
/// one it may not see is "not found", like one that does not exist.
pub fn resolve_site(tx: &mut dyn Tx, key: &str, sees: &dyn Fn(i64) -> bool) -> Result<Site> {
    let key = key.trim();
    if key.parse::<i64>().is_err() {
        // The usual case in one statement: the one visible site of exactly that name, whole.
        // Any other finding is looked at again by `resolve_id` (a suggestion, an ambiguity).
        let mut exact = tx.all(
            &format!("SELECT {SITE_COLUMNS} FROM site WHERE name = ?1 ORDER BY id"),
            args![key],
            read_site,
        )?;
        exact.retain(|s| sees(s.id));
        if let Ok([site]) = <[Site; 1]>::try_from(exact) {
            return Ok(site);
        }
    }
    let id = resolve_id(tx, "site", key, sees)?;
    if !sees(id) {
        return Err(no_such("site", key, None));
    }
    site_by_id(tx, id)
}

/// "No such site" (or distributor), as an unknown key and a row the actor may not see both
/// read; `suggestion` is the closest name the actor may see.
fn no_such(table: &str, key: &str, suggestion: Option<String>) -> Error {
    let key = key.trim();
    match key.parse::<i64>() {
        Ok(id) => Error::not_found(format!(
            "no {table} with ID {id}; see `creditctl {table} list`"
        )),
        Err(_) => {
            let hint = suggestion.map_or(String::new(), |s| format!("did you mean '{s}'? "));
            Error::not_found(format!(
                "no {table} named '{key}'; {hint}see `creditctl {table} list`"
            ))
        }
    }
}

/// A site's stored tally in columns `at..at + 3` (tally_period, tally_units, tally_paid): none
/// unless all three are there and the counts are not negative.
pub(super) fn tally_of(r: &dyn SqlRow, at: usize) -> Result<Option<(i64, u64, u64)>> {
    Ok(
        match (r.opt_int(at)?, r.opt_int(at + 1)?, r.opt_int(at + 2)?) {
            (Some(p), Some(units), Some(paid)) if units >= 0 && paid >= 0 => {
                Some((p, units as u64, paid as u64))
            }
            _ => None,
        },
    )
}
