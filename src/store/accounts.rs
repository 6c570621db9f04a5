//! Distributors and sites.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Stamp;
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

fn read_distributor(r: &rusqlite::Row) -> rusqlite::Result<Distributor> {
    let activated_at: Option<String> = r.get(2)?;
    Ok(Distributor {
        id: r.get(0)?,
        name: r.get(1)?,
        activated: activated_at.is_some(),
        activated_at,
        created_at: r.get(3)?,
    })
}

pub fn add_distributor(conn: &Connection, name: &str, stamp: &Stamp) -> Result<Distributor> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM distributor WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::refused(
            "already_exists",
            format!("a distributor named '{name}' already exists"),
        ));
    }
    conn.execute(
        "INSERT INTO distributor (name, created_at, created_by) VALUES (?1, ?2, ?3)",
        params![name, stamp.time(), stamp.actor],
    )?;
    distributor_by_id(conn, conn.last_insert_rowid())
}

pub fn list_distributors(conn: &Connection) -> Result<Vec<Distributor>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DISTRIBUTOR_COLUMNS} FROM distributor ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([], read_distributor)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn distributor_by_id(conn: &Connection, id: i64) -> Result<Distributor> {
    conn.query_row(
        &format!("SELECT {DISTRIBUTOR_COLUMNS} FROM distributor WHERE id = ?1"),
        [id],
        read_distributor,
    )
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "no distributor with ID {id}; see `creditctl distributor list`"
        ))
    })
}

/// Finds a distributor by ID or by its (unique) name.
pub fn resolve_distributor(conn: &Connection, key: &str) -> Result<Distributor> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return distributor_by_id(conn, id);
    }
    conn.query_row(
        &format!("SELECT {DISTRIBUTOR_COLUMNS} FROM distributor WHERE name = ?1"),
        [key],
        read_distributor,
    )
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "no distributor named '{key}'; see `creditctl distributor list`"
        ))
    })
}

/// Activates voucher purchasing. Activating an active distributor changes nothing.
pub fn activate(conn: &Connection, id: i64, stamp: &Stamp) -> Result<Distributor> {
    conn.execute(
        "UPDATE distributor SET activated_at = ?2, activated_by = ?3 WHERE id = ?1 AND activated_at IS NULL",
        params![id, stamp.time(), stamp.actor],
    )?;
    distributor_by_id(conn, id)
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

fn read_site(r: &rusqlite::Row) -> rusqlite::Result<Site> {
    let model: String = r.get(2)?;
    Ok(Site {
        id: r.get(0)?,
        name: r.get(1)?,
        model: Model::parse(&model).unwrap_or(Model::Device),
        video_balance: r.get(3)?,
        sms_balance: r.get(4)?,
        created_at: r.get(5)?,
    })
}

pub fn create_site(conn: &Connection, name: &str, model: Model, stamp: &Stamp) -> Result<Site> {
    conn.execute(
        "INSERT INTO site (name, model, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
        params![name, model.as_str(), stamp.time(), stamp.actor],
    )?;
    site_by_id(conn, conn.last_insert_rowid())
}

pub fn list_sites(conn: &Connection) -> Result<Vec<Site>> {
    let mut stmt = conn.prepare(&format!("SELECT {SITE_COLUMNS} FROM site ORDER BY id"))?;
    let rows = stmt
        .query_map([], read_site)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn site_by_id(conn: &Connection, id: i64) -> Result<Site> {
    conn.prepare_cached(&format!("SELECT {SITE_COLUMNS} FROM site WHERE id = ?1"))?
        .query_row([id], read_site)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no site with ID {id}; see `creditctl site list`")))
}

/// Finds a site by ID, or by name when exactly one site has it.
pub fn resolve_site(conn: &Connection, key: &str) -> Result<Site> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return site_by_id(conn, id);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SITE_COLUMNS} FROM site WHERE name = ?1 ORDER BY id LIMIT 2"
    ))?;
    let found: Vec<Site> = stmt
        .query_map([key], read_site)?
        .collect::<rusqlite::Result<_>>()?;
    match found.as_slice() {
        [site] => Ok(site.clone()),
        [] => Err(Error::not_found(format!(
            "no site named '{key}'; see `creditctl site list`"
        ))),
        [a, b, ..] => Err(Error::usage(format!(
            "more than one site is named '{key}' (IDs {}, {}, ...); name the site by its ID",
            a.id, b.id
        ))),
    }
}
