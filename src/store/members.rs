//! Members (who may do what) and the record of failed redemptions.

use serde::Serialize;

use super::Stamp;
use super::sql::{Engine, Tx};
use crate::args;
use crate::domain::access::{Actor, Role};
use crate::domain::refusal::Refusal;
use crate::error::{Error, Result};

/// The acting identity as the role table sees it: anyone while the ledger has no members, else
/// the member of that name; an identity that is not a member may do nothing.
///
/// Whether there are members and the identity's own row are one statement, and a site
/// administrator's sites a second (the only role they bind): every command asks this first,
/// and each statement is a round trip to a PostgreSQL server.
pub fn actor(tx: &mut dyn Tx, identity: &str) -> Result<Actor> {
    let (members, found) = tx.one(
        "SELECT (SELECT count(*) FROM member), m.id, m.role, m.distributor_id
           FROM (SELECT 1) AS one LEFT JOIN member m ON m.name = ?1",
        args![identity],
        |r| {
            let found = match r.opt_int(1)? {
                Some(id) => Some((id, r.text(2)?, r.opt_int(3)?)),
                None => None,
            };
            Ok((r.int(0)?, found))
        },
    )?;
    if members == 0 {
        return Ok(Actor::Anyone);
    }
    let Some((id, role, distributor)) = found else {
        return Err(Refusal::NotAMember {
            identity: identity.to_string(),
        }
        .into());
    };
    let role = Role::parse(&role)
        .ok_or_else(|| Error::internal(format!("member {identity} has an unknown role")))?;
    let sites = if role == Role::SiteAdmin {
        tx.all(
            "SELECT site_id FROM member_site WHERE member_id = ?1 ORDER BY site_id",
            args![id],
            |r| r.int(0),
        )?
    } else {
        Vec::new()
    };
    Ok(Actor::Member {
        name: identity.to_string(),
        role,
        distributor,
        sites,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub distributor: Option<String>,
    pub sites: Vec<i64>,
    pub created_at: String,
    pub created_by: String,
}

/// Adds a member; the role's binding is checked by the caller (`access::check_new_member`).
pub fn add(
    tx: &mut dyn Tx,
    name: &str,
    role: Role,
    distributor_id: Option<i64>,
    sites: &[i64],
    stamp: &Stamp,
) -> Result<Member> {
    if tx.int("SELECT count(*) FROM member WHERE name = ?1", args![name])? > 0 {
        return Err(Refusal::AlreadyExists {
            what: "a member named".into(),
            name: name.to_string(),
        }
        .into());
    }
    let id = tx.int(
        "INSERT INTO member (id, name, role, distributor_id, created_at, created_by)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM member), ?1, ?2, ?3, ?4, ?5) RETURNING id",
        args![
            name,
            role.as_str(),
            distributor_id,
            stamp.time(),
            &stamp.actor
        ],
    )?;
    for site in sites {
        grant_site_to(tx, id, *site)?;
    }
    if tx.engine() == Engine::Postgres {
        // The engine enforces the role too: the member's login role joins its group role.
        if !has_login_role(tx, name)? {
            return Err(Error::not_found(format!(
                "there is no login role '{name}' on the server (a role that may log in, not one of creditctl's group roles nor PostgreSQL's own); a DBA creates it first (CREATE ROLE \"{name}\" LOGIN PASSWORD '...'; GRANT CONNECT ON DATABASE ... TO \"{name}\")"
            )));
        }
        // Through the owner's function: an operator may add members without the right to
        // grant roles itself (schema.rs, GROUP_ROLES).
        tx.exec("SELECT creditctl_grant_member(?1)", args![name])?;
    }
    get(tx, name)
}

/// Whether the PostgreSQL server has a role of that name that a member may be: one that may log
/// in, and neither one of creditctl's group roles nor one of PostgreSQL's own (`pg_…`). A member
/// named after a group role would hand its role's rights to every member of that group (a copy
/// from SQLite, whose member names were chosen with no server in mind, would do it unasked);
/// the owner's function that grants refuses them too.
fn has_login_role(tx: &mut dyn Tx, name: &str) -> Result<bool> {
    Ok(tx.int(
        "SELECT count(*) FROM pg_roles WHERE rolname::text = ?1 AND rolcanlogin
            AND left(rolname::text, 10) <> 'creditctl_' AND left(rolname::text, 3) <> 'pg_'",
        args![name],
    )? > 0)
}

/// Before members are copied into a PostgreSQL ledger (`ledger copy`): each of `names` must have
/// a login role on the target's server, as `member add` requires, else the copy is refused
/// before it writes anything, naming every member that has none.
pub fn check_login_roles(tx: &mut dyn Tx, names: &[String]) -> Result<()> {
    let mut missing = Vec::new();
    for name in names {
        if !has_login_role(tx, name)? {
            missing.push(format!("'{name}'"));
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::not_found(format!(
        "the ledger's member{} {} ha{} no login role on the target's server, and a member of a PostgreSQL ledger acts through one; a DBA creates each first (CREATE ROLE \"NAME\" LOGIN PASSWORD '...'; GRANT CONNECT ON DATABASE ... TO \"NAME\"), or an operator removes the member before the copy; nothing was written",
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", "),
        if missing.len() == 1 { "s" } else { "ve" },
    )))
}

/// After members were copied into a PostgreSQL ledger (`ledger copy`), in the copy's own
/// transaction: each member's login role joins its group role, as `member add` does, so that on
/// the copy every member acts as it did. Refused when a group role is missing (its creation
/// needs a user who may create roles).
pub fn grant_copied(tx: &mut dyn Tx) -> Result<()> {
    let missing = tx.all(
        "SELECT DISTINCT 'creditctl_' || replace(m.role, '-', '_') FROM member m
          WHERE NOT EXISTS (SELECT 1 FROM pg_roles r
                             WHERE r.rolname::text = 'creditctl_' || replace(m.role, '-', '_'))
          ORDER BY 1",
        &[],
        |r| r.text(0),
    )?;
    if !missing.is_empty() {
        return Err(Error::new(
            crate::error::Kind::Internal,
            "permission_denied",
            format!(
                "the group role{} {} of the copied members do{} not exist on the target's server, and its user may not create roles; a DBA creates the group roles once (see README), then run the copy again; nothing was written",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                if missing.len() == 1 { "es" } else { "" },
            ),
        ));
    }
    let names = tx.all("SELECT name FROM member ORDER BY id", &[], |r| r.text(0))?;
    for name in names {
        tx.exec("SELECT creditctl_grant_member(?1)", args![&name])
            .map_err(|e| {
                Error::new(
                    e.kind,
                    e.code,
                    format!(
                        "cannot grant the copied member '{name}' its group role on the target: {}",
                        e.message
                    ),
                )
            })?;
    }
    Ok(())
}

fn grant_site_to(tx: &mut dyn Tx, member_id: i64, site_id: i64) -> Result<()> {
    tx.exec(
        "INSERT INTO member_site (member_id, site_id) VALUES (?1, ?2) ON CONFLICT (member_id, site_id) DO NOTHING",
        args![member_id, site_id],
    )?;
    Ok(())
}

/// Makes a site administrator the administrator of a site it created.
pub fn grant_site(tx: &mut dyn Tx, name: &str, site_id: i64) -> Result<()> {
    let id = tx.int("SELECT id FROM member WHERE name = ?1", args![name])?;
    grant_site_to(tx, id, site_id)
}

fn get(tx: &mut dyn Tx, name: &str) -> Result<Member> {
    list(tx)?
        .into_iter()
        .find(|m| m.name == name)
        .ok_or_else(|| {
            Error::not_found(format!(
                "no member named '{name}'; see `creditctl member list`"
            ))
        })
}

pub fn list(tx: &mut dyn Tx) -> Result<Vec<Member>> {
    let mut members = tx.all(
        "SELECT m.id, m.name, m.role, d.name, m.created_at, m.created_by
         FROM member m LEFT JOIN distributor d ON d.id = m.distributor_id ORDER BY m.name",
        &[],
        |r| {
            Ok((
                r.int(0)?,
                Member {
                    name: r.text(1)?,
                    role: Role::parse(&r.text(2)?).unwrap_or(Role::Billing),
                    distributor: r.opt_text(3)?,
                    sites: Vec::new(),
                    created_at: r.text(4)?,
                    created_by: r.text(5)?,
                },
            ))
        },
    )?;
    for (id, m) in &mut members {
        m.sites = tx.all(
            "SELECT site_id FROM member_site WHERE member_id = ?1 ORDER BY site_id",
            args![*id],
            |r| r.int(0),
        )?;
    }
    Ok(members.into_iter().map(|(_, m)| m).collect())
}

/// Removes a member; the last operator stays, so that someone can still manage the others.
pub fn remove(tx: &mut dyn Tx, name: &str) -> Result<Member> {
    let member = get(tx, name)?;
    if member.role == Role::Operator
        && tx.int("SELECT count(*) FROM member WHERE role = 'operator'", &[])? == 1
    {
        return Err(Refusal::LastOperator {
            name: name.to_string(),
        }
        .into());
    }
    tx.exec(
        "DELETE FROM member_site WHERE member_id = (SELECT id FROM member WHERE name = ?1)",
        args![name],
    )?;
    tx.exec("DELETE FROM member WHERE name = ?1", args![name])?;
    if tx.engine() == Engine::Postgres
        && tx.int(
            "SELECT count(*) FROM pg_roles WHERE rolname::text = ?1",
            args![name],
        )? > 0
    {
        tx.exec(
            "SELECT creditctl_revoke_member(?1, ?2)",
            args![name, member.role.as_str()],
        )?;
    }
    Ok(member)
}

/// One failed redemption.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub identity: String,
    pub site: Option<i64>,
    pub code_prefix: String,
    pub reason: String,
    pub at: String,
}

pub fn record_attempt(tx: &mut dyn Tx, a: &Attempt) -> Result<()> {
    tx.exec(
        "INSERT INTO redeem_attempt (id, identity, site_id, code_prefix, reason, at)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM redeem_attempt), ?1, ?2, ?3, ?4, ?5)",
        args![&a.identity, a.site, &a.code_prefix, &a.reason, &a.at],
    )?;
    Ok(())
}

/// How many failed redemptions, and when the oldest of them was.
pub type Failures = (i64, Option<String>);

/// Failed redemptions after `since` and not after `now` by the identity and on the site, and
/// the time of the oldest of the counted ones (when the block ends, an hour after it). An
/// attempt stamped later than now is not counted: none is written so, and one inserted so by
/// hand (on PostgreSQL members may insert attempts) would otherwise block for ever.
pub fn recent_failures(
    tx: &mut dyn Tx,
    identity: &str,
    site: Option<i64>,
    (since, now): (&str, &str),
) -> Result<(Failures, Failures)> {
    // One statement and one scan of the two indexes' ranges (a new PostgreSQL server process
    // plans it in a quarter of a millisecond less than four subqueries); no site (NULL) matches
    // no attempt.
    tx.one(
        "SELECT count(*) FILTER (WHERE identity = ?1), min(at) FILTER (WHERE identity = ?1),
                count(*) FILTER (WHERE site_id = ?3), min(at) FILTER (WHERE site_id = ?3)
           FROM redeem_attempt WHERE at > ?2 AND at <= ?4 AND (identity = ?1 OR site_id = ?3)",
        args![identity, since, site, now],
        |r| Ok(((r.int(0)?, r.opt_text(1)?), (r.int(2)?, r.opt_text(3)?))),
    )
}

/// A failed redemption as listed: its ID (what `--after` takes) and the attempt.
#[derive(Debug, Clone, Serialize)]
pub struct ListedAttempt {
    pub id: i64,
    #[serde(flatten)]
    pub attempt: Attempt,
}

/// Hands `f` the failed redemptions older than the one with id `before` (all when `None`),
/// newest first, as they are read: on the site `site` only when given, and of those on the
/// sites `sites` when given.
pub fn each_attempt(
    tx: &mut dyn Tx,
    site: Option<i64>,
    sites: Option<&[i64]>,
    before: Option<i64>,
    f: &mut dyn FnMut(ListedAttempt) -> Result<()>,
) -> Result<()> {
    let sql = match site {
        Some(_) => {
            "SELECT id, identity, site_id, code_prefix, reason, at FROM redeem_attempt
             WHERE id < ?1 AND site_id = ?2 ORDER BY id DESC"
        }
        None => {
            "SELECT id, identity, site_id, code_prefix, reason, at FROM redeem_attempt
             WHERE id < ?1 ORDER BY id DESC"
        }
    };
    let before = before.unwrap_or(i64::MAX);
    let params = match site {
        Some(site) => args![before, site],
        None => args![before],
    };
    tx.stream(sql, params, &mut |_, r| {
        let attempt = Attempt {
            identity: r.text(1)?,
            site: r.opt_int(2)?,
            code_prefix: r.text(3)?,
            reason: r.text(4)?,
            at: r.text(5)?,
        };
        match sites {
            Some(sites) if !attempt.site.is_some_and(|s| sites.contains(&s)) => Ok(()),
            _ => f(ListedAttempt {
                id: r.int(0)?,
                attempt,
            }),
        }
    })
}
