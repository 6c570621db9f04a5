use serde::Serialize;

use super::files::{self, ReadProblem};
use super::{Ctx, distributor_scope, key, serial, visible_distributor};
use crate::cli::LicenseCmd;
use crate::domain::access::Action;
use crate::domain::refusal::Refusal;
use crate::domain::signing::{self, LicenseDoc};
use crate::error::{Error, Result};
use crate::output::{List, emit, fields, note, preview, table, write_table};
use crate::store::licenses::{self, Product};
use crate::store::signing::LicenseFile;
use crate::store::sql::Tx;

pub fn run(ctx: &Ctx, cmd: LicenseCmd) -> Result<()> {
    match cmd {
        LicenseCmd::Catalog => {
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::LicenseCatalog, "license catalog")?;
                licenses::catalog(tx)
            })?;
            emit(ctx.json, &all, |w| write_table(w, &product_table(&all)))
        }
        LicenseCmd::Available { serial: s } => {
            let serial = serial(&s)?;
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::LicenseRead, "license available")?;
                licenses::available(tx, &serial)
            })?;
            emit(ctx.json, &all, |w| {
                crate::output::title(w, &format!("Licenses device {serial} can still get:"))?;
                let mut t = table(["License", "Description", "Price", "Overlaps"])
                    .text(&["Description", "Overlaps"]);
                for a in &all {
                    let overlaps = if a.overlaps.is_empty() {
                        String::new()
                    } else {
                        format!("already owns {}", a.overlaps.join(", "))
                    };
                    t.add_row(vec![
                        a.product.name.clone(),
                        a.product.title.clone(),
                        a.product.price.to_string(),
                        overlaps,
                    ]);
                }
                write_table(w, &t)
            })
        }
        LicenseCmd::List {
            serial: s,
            distributor,
            page,
        } => {
            let serial = s.map(|s| serial(&s)).transpose()?;
            let t = table([
                "Serial",
                "License",
                "Key",
                "Price",
                "Payment",
                "Distributor",
                "Bought",
            ])
            .wide(&["Price", "Payment", "Distributor"])
            .times(&["Bought"]);
            let cells = |l: &licenses::License| {
                vec![
                    l.serial.clone(),
                    l.product.clone(),
                    l.license_key.clone(),
                    l.price.to_string(),
                    l.payment_id.to_string(),
                    l.distributor.clone(),
                    l.created_at.clone(),
                ]
            };
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, page.limit, t, cells, |l: &licenses::License| {
                Some(l.id.to_string())
            });
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::LicenseRead, "license list")?;
                let d = distributor_scope(tx, distributor.as_deref(), &me)?;
                licenses::each(tx, serial.as_ref(), d, page.after, &mut |l| list.push(l))
            });
            list.finish(read)
        }
        LicenseCmd::Buy {
            serial: s,
            licenses: names,
            distributor,
            payment,
        } => {
            let serial = serial(&s)?;
            let mut store = ctx.open()?;
            let plan_in = |tx: &mut dyn Tx| {
                let me = ctx.allow(tx, Action::LicenseBuy, "license buy")?;
                let d = visible_distributor(tx, &distributor, &me)?;
                licenses::plan_buy(tx, serial.clone(), &names, d, payment)
            };
            let plan = store.read(plan_in)?;
            ctx.confirm(
                &format!(
                    "Buy {} license(s) for {serial} for {}?",
                    plan.products.len(),
                    plan.total
                ),
                false,
                || {
                    let mut t = product_table(&plan.products);
                    t.add_row(vec![
                        "Total".to_string(),
                        String::new(),
                        plan.total.to_string(),
                    ]);
                    preview(&t)
                },
            )?;
            let bought = store.write(|tx| {
                let fresh = plan_in(tx)?;
                crate::domain::pricing::check_unchanged(&plan.total, &fresh.total)
                    .map_err(Error::from)?;
                licenses::buy(tx, &fresh, &ctx.stamp(), &mut *ctx.entropy())
            })?;
            note(
                ctx.json,
                &format!(
                    "Paid {} by {} (payment {}).",
                    bought.payment.total,
                    bought.payment.payment_method.as_str(),
                    bought.payment.id
                ),
            );
            emit(ctx.json, &bought, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Serial", serial.to_string()),
                        (
                            "Payment",
                            format!(
                                "{} ({})",
                                bought.payment.id,
                                bought.payment.payment_method.as_str()
                            ),
                        ),
                        ("Total", bought.payment.total.to_string()),
                    ]),
                )?;
                let mut t = table(["License", "Key", "Price"]);
                for l in &bought.licenses {
                    t.add_row(vec![
                        l.product.clone(),
                        l.license_key.clone(),
                        l.price.to_string(),
                    ]);
                }
                write_table(w, &t)
            })
        }
        LicenseCmd::File {
            serial: s,
            out,
            key: key_arg,
        } => {
            let serial = serial(&s)?;
            let key = key::required(key_arg, "license file")?;
            if let Some(path) = &out {
                files::refuse_existing(path)?;
            }
            let issued_at = ctx.stamp().time();
            let file = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::LicenseFile, "license file")?;
                let own = me.own_distributor();
                crate::store::signing::license_file(tx, &serial, own, &key, &issued_at)
            })?;
            if let Some(path) = &out {
                files::create_new(path, 0o644, file.document.as_bytes())?;
            }
            let shown = Issued {
                file: &file,
                out: out.as_ref().map(|p| p.display().to_string()),
            };
            emit(ctx.json, &shown, |w| match &shown.out {
                // Without --out the file itself is the output, to redirect or pipe.
                None => w.write_all(file.document.as_bytes()),
                Some(path) => write_table(
                    w,
                    &fields(&[
                        ("License file", path.clone()),
                        ("Serial", file.license.serial.clone()),
                        ("Licenses", names(&file.license)),
                        ("Signed with", format!("key {}", file.license.key_id)),
                    ]),
                ),
            })
        }
        LicenseCmd::Verify { file, public_key } => {
            let public = key::load_public(&public_key)?;
            let what = format!("the license file '{}'", file.display());
            let bytes = files::read_small(&file).map_err(|p| match p {
                ReadProblem::TooLarge => Error::from(Refusal::MalformedDocument {
                    what: what.clone(),
                    reason: p.reason(),
                }),
                p => p.into_error(&what),
            })?;
            let malformed = |reason: String| {
                Error::from(Refusal::MalformedDocument {
                    what: what.clone(),
                    reason,
                })
            };
            let signed = signing::parse(&bytes).map_err(malformed)?;
            // The signature first: any changed byte is a bad signature, whatever it breaks.
            if !signing::check(&public, &signed) {
                return Err(Refusal::BadSignature { what }.into());
            }
            let license: LicenseDoc = signing::read(&signed.line).map_err(|reason| {
                malformed(format!(
                    "{reason} (it is signed by this key but is not a license file)"
                ))
            })?;
            let shown = Checked {
                valid: true,
                fingerprint: signing::fingerprint(&public),
                license: &license,
            };
            emit(ctx.json, &shown, |w| {
                write_table(
                    w,
                    &fields(&[
                        (
                            "Signature",
                            format!("valid (Ed25519, key {})", license.key_id),
                        ),
                        ("Serial", license.serial.clone()),
                        ("Licenses", names(&license)),
                        ("Issued", license.issued_at.clone()),
                    ]),
                )?;
                let mut t = table(["License", "Key", "Bought"]).times(&["Bought"]);
                for l in &license.licenses {
                    t.add_row(vec![l.product.clone(), l.key.clone(), l.bought_at.clone()]);
                }
                write_table(w, &t)
            })
        }
    }
}

/// `license file` with `--json`: the signed content as an object, the signature, the file's
/// exact bytes (what a script writes to the device), and where it was written.
#[derive(Serialize)]
struct Issued<'a> {
    #[serde(flatten)]
    file: &'a LicenseFile,
    out: Option<String>,
}

#[derive(Serialize)]
struct Checked<'a> {
    valid: bool,
    fingerprint: String,
    license: &'a LicenseDoc,
}

fn names(license: &LicenseDoc) -> String {
    license
        .licenses
        .iter()
        .map(|l| l.product.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn product_table(all: &[Product]) -> crate::output::Table {
    let mut t = table(["License", "Description", "Price"]).text(&["Description"]);
    for p in all {
        t.add_row(vec![p.name.clone(), p.title.clone(), p.price.to_string()]);
    }
    t
}
