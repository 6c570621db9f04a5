use super::Ctx;
use crate::cli::MemberCmd;
use crate::domain::access::{self, Action};
use crate::domain::text::{ACTOR_MAX, free_text};
use crate::error::{Error, Result};
use crate::output::{emit, escape, opt, table, write_table};
use crate::store::{accounts, members};

pub fn run(ctx: &Ctx, cmd: MemberCmd) -> Result<()> {
    match cmd {
        MemberCmd::Add {
            name,
            role,
            distributor,
            sites,
        } => {
            let name = free_text("the member NAME", &name, ACTOR_MAX).map_err(Error::usage)?;
            let member = ctx.open_or_create()?.write(|tx| {
                ctx.allow(tx, Action::Members, "member add")?;
                let first = members::list(tx)?.is_empty();
                access::check_new_member(role, distributor.is_some(), sites.len(), first)?;
                let distributor = distributor
                    .map(|d| accounts::resolve_distributor(tx, &d, &|_| true))
                    .transpose()?
                    .map(|d| d.id);
                let sites = sites
                    .iter()
                    .map(|s| accounts::resolve_site(tx, s, &|_| true).map(|s| s.id))
                    .collect::<Result<Vec<_>>>()?;
                members::add(tx, &name, role, distributor, &sites, &ctx.stamp())
            })?;
            emit(ctx.json, &member, |w| {
                writeln!(
                    w,
                    "Added {} as {}.",
                    escape(&member.name),
                    member.role.as_str()
                )
            })
        }
        MemberCmd::List => {
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::Members, "member list")?;
                members::list(tx)
            })?;
            emit(ctx.json, &all, |w| {
                let mut t = table(["Name", "Role", "Distributor", "Sites", "Added", "By"])
                    .times(&["Added"])
                    .text(&["Name", "Distributor", "Sites", "By"]);
                for m in &all {
                    let sites: Vec<String> = m.sites.iter().map(i64::to_string).collect();
                    t.add_row(vec![
                        m.name.clone(),
                        m.role.as_str().to_string(),
                        opt(&m.distributor),
                        sites.join(", "),
                        m.created_at.clone(),
                        m.created_by.clone(),
                    ]);
                }
                write_table(w, &t)
            })
        }
        MemberCmd::Remove { name } => {
            let removed = ctx.open()?.write(|tx| {
                ctx.allow(tx, Action::Members, "member remove")?;
                members::remove(tx, name.trim())
            })?;
            emit(ctx.json, &removed, |w| {
                writeln!(w, "Removed member {}.", escape(&removed.name))
            })
        }
    }
}
