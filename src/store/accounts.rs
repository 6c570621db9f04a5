//! Distributors and sites.

use serde::Serialize;

use super::Stamp;
use super::sql::{SqlRow, Tx};
use crate::args;
use crate::domain::refusal::Refusal;
use crate::domain::site::Model;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Distributor {
    pub id: i64,
    pub name: String,
    pub activated: bool,
    pub activated_at: Option<String>,
    pub created_at: String,
}

const DISTRIBUTOR_COLUMNS: &str = "id, name, activated_at, created_at";

fn read_distributor(r: &dyn SqlRow) -> Result<Distributor> {
    let activated_at = r.opt_text(2)?;
    Ok(Distributor {
        id: r.int(0)?,
        name: r.text(1)?,
        activated: activated_at.is_some(),
        activated_at,
        created_at: r.text(3)?,
    })
}

pub fn add_distributor(tx: &mut dyn Tx, name: &str, stamp: &Stamp) -> Result<Distributor> {
    let taken = tx.int(
        "SELECT count(*) FROM distributor WHERE name = ?1",
        args![name],
    )? > 0;
    if taken {
        return Err(Refusal::AlreadyExists {
            what: "a distributor named".into(),
            name: name.to_string(),
        }
        .into());
    }
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

/// Finds a distributor by ID or by its (unique) name.
pub fn resolve_distributor(tx: &mut dyn Tx, key: &str) -> Result<Distributor> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return distributor_by_id(tx, id);
    }
    tx.opt(
        &format!("SELECT {DISTRIBUTOR_COLUMNS} FROM distributor WHERE name = ?1"),
        args![key],
        read_distributor,
    )?
    .ok_or_else(|| {
        Error::not_found(format!(
            "no distributor named '{key}'; see `creditctl distributor list`"
        ))
    })
}

/// Activates voucher purchasing. Activating an active distributor changes nothing.
pub fn activate(tx: &mut dyn Tx, id: i64, stamp: &Stamp) -> Result<Distributor> {
    tx.exec(
        "UPDATE distributor SET activated_at = ?2, activated_by = ?3 WHERE id = ?1 AND activated_at IS NULL",
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
}

const SITE_COLUMNS: &str = "id, name, model, video_balance, sms_balance, created_at";

fn read_site(r: &dyn SqlRow) -> Result<Site> {
    let model = r.text(2)?;
    Ok(Site {
        id: r.int(0)?,
        name: r.text(1)?,
        model: Model::parse(&model).unwrap_or(Model::Device),
        video_balance: r.int(3)?,
        sms_balance: r.int(4)?,
        created_at: r.text(5)?,
    })
}

pub fn create_site(tx: &mut dyn Tx, name: &str, model: Model, stamp: &Stamp) -> Result<Site> {
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

/// Finds a site by ID, or by name when exactly one site has it.
pub fn resolve_site(tx: &mut dyn Tx, key: &str) -> Result<Site> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return site_by_id(tx, id);
    }
    let found = tx.all(
        &format!("SELECT {SITE_COLUMNS} FROM site WHERE name = ?1 ORDER BY id LIMIT 2"),
        args![key],
        read_site,
    )?;
    match found.as_slice() {
        [site] => Ok(site.clone()),
        [] => Err(Error::not_found(format!(
            "no site named '{key}'; see `creditctl site list`"
        ))),
        [a, b, ..] => Err(Refusal::AmbiguousSite {
            name: key.to_string(),
            ids: (a.id, b.id),
        }
        .into()),
    }
}

/// "No such site", as an unknown key and a site the actor may not see both read.
pub fn no_site(key: &str) -> Error {
    let key = key.trim();
    match key.parse::<i64>() {
        Ok(id) => Error::not_found(format!("no site with ID {id}; see `creditctl site list`")),
        Err(_) => Error::not_found(format!("no site named '{key}'; see `creditctl site list`")),
    }
}

/// "No such distributor", as an unknown key and one the actor may not see both read.
pub fn no_distributor(key: &str) -> Error {
    let key = key.trim();
    match key.parse::<i64>() {
        Ok(id) => Error::not_found(format!(
            "no distributor with ID {id}; see `creditctl distributor list`"
        )),
        Err(_) => Error::not_found(format!(
            "no distributor named '{key}'; see `creditctl distributor list`"
        )),
    }
}
