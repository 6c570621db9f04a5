//! `deduct run` as cron uses it: summary, dry run, reruns, periods.

mod common;
use common::Ledger;

const DEC: &str = "2026-12-01T00:05:00Z";

fn setup() -> Ledger {
    let l = Ledger::new();
    l.site("Funded", "device");
    l.site("Short", "device");
    l.site("Empty", "device");
    for (site, serials) in [
        ("Funded", ["54-0000-0001", "54-0000-0002"]),
        ("Short", ["54-0000-0003", "54-0000-0004"]),
        ("Empty", ["54-0000-0005", "54-0000-0006"]),
    ] {
        for s in serials {
            l.ok(&["device", "add", "--site", site, "--serial", s]);
        }
    }
    // November is paid at once from these; December is left to the run.
    l.ok(&[
        "credits", "adjust", "--site", "Funded", "--amount", "10", "--reason", "opening",
    ]);
    l.ok(&[
        "credits", "adjust", "--site", "Short", "--amount", "3", "--reason", "opening",
    ]);
    l
}

#[test]
fn a_run_charges_oldest_first_halts_empty_sites_and_a_rerun_charges_nothing() {
    let l = setup();
    let dry = l.json_at(DEC, &["deduct", "run", "--dry-run"]);
    let snapshot = l.snapshot();
    let run = l.json_at(DEC, &["deduct", "run"]);
    assert_ne!(snapshot, l.snapshot(), "the real run wrote nothing");
    assert_eq!(dry["dry_run"], true);
    assert_eq!(run["dry_run"], false);
    for field in [
        "sites_charged",
        "units_charged",
        "credits_deducted",
        "units_waiting",
        "sites_halted",
    ] {
        assert_eq!(dry[field], run[field], "dry run and run differ in {field}");
    }
    assert_eq!(run["period"], "2026-12");
    assert_eq!(run["sites_charged"], 2);
    assert_eq!(run["units_charged"], 3);
    assert_eq!(run["credits_deducted"], 3);
    assert_eq!(run["units_waiting"], 3);
    assert_eq!(run["sites_halted"], 1);
    let devices = l.json_at(DEC, &["device", "list", "--site", "Short"]);
    assert_eq!(devices[0]["paid"], true, "the oldest unit is paid first");
    assert_eq!(devices[1]["paid"], false);
    let empty = l.json_at(DEC, &["credits", "show", "--site", "Empty"]);
    assert_eq!(empty["site"]["status"], "halted");

    let before = l.snapshot();
    let again = l.json_at(DEC, &["deduct", "run"]);
    assert_eq!(again["units_charged"], 0);
    assert_eq!(before, l.snapshot(), "a rerun wrote something");
    l.verify();
}

#[test]
fn dry_run_writes_nothing() {
    let l = setup();
    let before = l.snapshot();
    let dry = l.json_at(DEC, &["deduct", "run", "--dry-run"]);
    assert_eq!(dry["units_charged"], 3);
    assert_eq!(before, l.snapshot());
}

#[test]
fn periods_future_refused_malformed_refused_past_allowed() {
    let l = setup();
    let err = l.fail(&["deduct", "run", "--period", "2026-12"], 2);
    assert!(
        err["message"].as_str().unwrap().contains("has not begun"),
        "{err}"
    );
    l.fail(&["deduct", "run", "--period", "2026-13"], 2);
    l.fail(&["deduct", "run", "--period", "Dec"], 2);
    // Catching up October (units were added in November): nothing existed then.
    let oct = l.json(&["deduct", "run", "--period", "2026-10"]);
    assert_eq!(oct["units_charged"], 0);
    assert_eq!(oct["period"], "2026-10");
}

#[test]
fn human_summary_is_silent_apart_from_it_and_one_warning_for_low_sites() {
    let l = setup();
    let out = l.cmd_at(DEC).args(["deduct", "run"]).output().unwrap();
    assert!(out.status.success());
    // Cron mails stderr: one line, only because sites cannot pay.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: 2 sites will not be fully paid in 2027-01 (listed above)\n"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Sites halted") && text.contains("2026-12"),
        "{text}"
    );
    // A second run in a funded ledger says nothing on stderr.
    let funded = Ledger::new();
    funded.site("Rich", "device");
    funded.ok(&[
        "device",
        "add",
        "--site",
        "Rich",
        "--serial",
        "54-0000-0001",
    ]);
    funded.ok(&[
        "credits", "adjust", "--site", "Rich", "--amount", "10", "--reason", "opening",
    ]);
    let out = funded.cmd_at(DEC).args(["deduct", "run"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "cron would mail this: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("Halted sites") && !text.contains("not be fully paid"),
        "{text}"
    );
}

/// People see the first twenty alerts of the whole run, across its chunks of sites (ranges of
/// [`DEDUCT_CHUNK`] ids), and the counts of all: here the first chunk ends with 10 sites that
/// cannot pay and the next starts with 50 more.
#[test]
fn people_see_the_first_twenty_alerts_of_a_run_across_its_chunks() {
    use creditctl::args;
    use creditctl::domain::period::Period;
    use creditctl::domain::serial::Serial;
    use creditctl::domain::site::Model;
    use creditctl::store::billing::{DEDUCT_CHUNK, SiteAlert, deduct_run};
    use creditctl::store::ledger::{LedgerWriter, Pool};
    use creditctl::store::{Stamp, accounts, credits, units};

    let l = Ledger::new();
    let (mut store, stamp) = library_store(&l);
    let period = Period::containing(stamp.now);
    // Site 0 (ID 1) can pay; a site without units takes ID DEDUCT_CHUNK - 10, so that sites
    // 1 to 60, which cannot pay, get the IDs after it: 10 in the first chunk, 50 in the next.
    let gap = DEDUCT_CHUNK - 10;
    let unfunded = 60;
    store
        .write(|tx| {
            for s in 0..=unfunded {
                if s == 1 {
                    tx.exec(
                        "INSERT INTO site (id, name, model, created_at, created_by)
                         VALUES (?1, 'Gap', 'device', '2026-11-15T00:00:00Z', 'setup')",
                        args![gap],
                    )?;
                }
                let site = accounts::create_site(tx, &format!("Site {s}"), Model::Device, &stamp)?;
                let mut ledger = LedgerWriter::new(tx, &stamp)?;
                let serial = Serial::parse(&format!("00-0000-{s:04}")).unwrap();
                units::add_device(tx, &mut ledger, &site, &serial, None, period, &stamp)?;
                if s == 0 {
                    credits::adjust(tx, &site, Pool::Video, 10, "setup", &stamp)?;
                }
            }
            Ok(())
        })
        .unwrap();
    // A run keeping twenty of each list keeps the first twenty of the run, not of each chunk.
    let dec = Stamp {
        actor: "cron".into(),
        now: DEC.parse().unwrap(),
    };
    let counted = deduct_run(
        &mut store,
        Period::containing(dec.now),
        &dec,
        true,
        1,
        Some(20),
        None,
    )
    .unwrap();
    let first: Vec<i64> = (gap + 1..=gap + 20).collect();
    let ids = |alerts: &[SiteAlert]| -> Vec<i64> { alerts.iter().map(|a| a.id).collect() };
    assert_eq!(ids(&counted.halted), first);
    assert_eq!(ids(&counted.low), first);
    assert_eq!(counted.sites_halted, unfunded);
    assert_eq!(counted.sites_low, unfunded);
    drop(store);
    let out = l.cmd_at(DEC).args(["deduct", "run"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("Halted sites ({unfunded}):")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Sites that will not be fully paid in 2027-01 ({unfunded}):"
        )),
        "{text}"
    );
    let more = format!("and {} more; --json lists all", unfunded - 20);
    assert_eq!(text.matches(&more).count(), 2, "{text}");
    // The twenty shown: the first chunk's last ten, then the next chunk's first ten.
    for s in 1..=20 {
        assert_eq!(
            text.matches(&format!("\tSite {s}\t")).count(),
            2,
            "Site {s}: {text}"
        );
    }
    assert!(!text.contains("\tSite 21\t"), "{text}");
    // The stderr warning counts them all too.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("warning: {unfunded} sites will not be fully paid")),
        "{err}"
    );
}

#[test]
fn a_balance_written_from_a_stale_read_is_refused_and_nothing_is_written() {
    use creditctl::domain::chain::Payload;
    use creditctl::domain::site::Model;
    use creditctl::store::ledger::{Entry, LedgerWriter, Pool};
    use creditctl::store::{Store, accounts, credits};

    let l = Ledger::new();
    let (mut store, stamp) = library_store(&l);
    let site = store
        .write(|tx| {
            let site = accounts::create_site(tx, "Office", Model::Device, &stamp)?;
            credits::adjust(tx, &site, Pool::Video, 10, "setup", &stamp)?;
            accounts::site_by_id(tx, site.id)
        })
        .unwrap();
    let state = |store: &mut Store| {
        store
            .read(|tx| {
                Ok((
                    tx.int(
                        "SELECT video_balance FROM site WHERE id = ?1",
                        creditctl::args![site.id],
                    )?,
                    tx.int("SELECT count(*) FROM ledger", creditctl::args![])?,
                ))
            })
            .unwrap()
    };
    let before = state(&mut store);
    assert_eq!(before.0, 10);
    // A caller that read the balance as 4 (another transaction's view) must not set it to 9:
    // one entry, or many at once, with a tally or without.
    for (all, tally) in [
        (false, None),
        (false, Some((202611, 0, 0))),
        (true, None),
        (true, Some((202611, 0, 0))),
    ] {
        let e = store
            .write(|tx| {
                let mut ledger = LedgerWriter::new(tx, &stamp)?;
                let entry = Entry {
                    site_id: site.id,
                    pool: Pool::Video,
                    amount: 5,
                    kind: creditctl::domain::chain::kind::ADJUSTMENT,
                    reason: "stale",
                    reference: "test",
                    payload: Payload::default(),
                };
                if all {
                    ledger.append_all(tx, &[entry], &[4], &[tally])?;
                } else {
                    ledger.append_read(tx, &entry, 4, &site.name, tally)?;
                }
                Ok(())
            })
            .expect_err("a write from a stale balance was accepted");
        assert!(e.to_string().contains("not the one read"), "{e}");
        assert_eq!(state(&mut store), before);
    }
}

/// A rerun of a finished month reads its sites before any chunk, in statements of a few then
/// many: every site is counted once, across those statements and the chunk that starts at the
/// first site with something left to count, and the alerts kept are the run's first.
#[test]
fn a_rerun_counts_each_site_once_across_its_reads_and_chunks() {
    use creditctl::domain::period::Period;
    use creditctl::domain::serial::Serial;
    use creditctl::domain::site::Model;
    use creditctl::store::billing::{DeductSummary, deduct_run};
    use creditctl::store::ledger::{LedgerWriter, Pool};
    use creditctl::store::{Stamp, accounts, credits, units};

    let l = Ledger::new();
    let (mut store, stamp) = library_store(&l);
    let period = Period::containing(stamp.now);
    // 100 sites of one device each (more than the first statement reads); every other one
    // holds a credit, for December.
    let sites: Vec<accounts::Site> = store
        .write(|tx| {
            (0..100)
                .map(|s| {
                    let site =
                        accounts::create_site(tx, &format!("Site {s}"), Model::Device, &stamp)?;
                    let mut ledger = LedgerWriter::new(tx, &stamp)?;
                    let serial = Serial::parse(&format!("00-0000-{s:04}")).unwrap();
                    units::add_device(tx, &mut ledger, &site, &serial, None, period, &stamp)?;
                    credits::adjust(tx, &site, Pool::Video, 1 + s % 2, "setup", &stamp)?;
                    Ok(site)
                })
                .collect()
        })
        .unwrap();
    let dec = Stamp {
        actor: "cron".into(),
        now: DEC.parse().unwrap(),
    };
    let december = Period::containing(dec.now);
    // A run keeping `keep` alerts of each kind (20 as people see them, or all as JSON has them).
    let run_keeping = |store: &mut creditctl::store::Store, dry_run: bool, keep: Option<usize>| {
        deduct_run(store, december, &dec, dry_run, 1, keep, None).unwrap()
    };
    let run =
        |store: &mut creditctl::store::Store, dry_run: bool| run_keeping(store, dry_run, Some(20));
    let first = run(&mut store, false);
    assert_eq!((first.sites_charged, first.units_charged), (50, 50));
    let before = l.snapshot();
    let rerun = run(&mut store, false);
    assert_eq!(rerun.units_charged, 0);
    assert_eq!(l.snapshot(), before, "the rerun wrote something");
    // Past its first statement a rerun reads the sites in the order the engine reads the table.
    // On PostgreSQL that is where their rows lie, which updates change: sites 64 to 99 are
    // updated last first, so that a scan meets them out of id order. The alerts kept are still
    // the first in id order: 70 of them (some from past the first statement), or every one.
    for site in sites[64..].iter().rev() {
        l.sql(&format!(
            "UPDATE site SET name = name WHERE id = {}",
            site.id
        ));
    }
    let alerts = |store: &mut creditctl::store::Store, keep| run_keeping(store, true, keep);
    let (rerun_wide, rerun_all) = (alerts(&mut store, Some(70)), alerts(&mut store, None));
    let clear = |which: &str| {
        l.sql(&format!(
            "UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL WHERE {which}"
        ))
    };
    // Site 70's tally gone (as a change of its units leaves it): the sites before it are
    // read as finished, the chunks count it and those after it.
    clear(&format!("id = {}", sites[70].id));
    let mixed = run(&mut store, true);
    clear("1 = 1");
    let counted = run(&mut store, true);
    let (counted_wide, counted_all) = (alerts(&mut store, Some(70)), alerts(&mut store, None));
    assert_eq!((counted_wide.low.len(), counted_all.low.len()), (70, 100));
    let ids = |alerts: &[creditctl::store::billing::SiteAlert]| -> Vec<i64> {
        alerts.iter().map(|a| a.id).collect()
    };
    let in_order: Vec<i64> = sites.iter().map(|s| s.id).collect();
    assert_eq!(ids(&counted_all.low), in_order);
    assert_eq!(ids(&rerun_wide.low), ids(&counted_wide.low));
    assert_eq!(ids(&rerun_all.low), in_order);
    assert_eq!((rerun_wide, rerun_all), (counted_wide, counted_all));
    assert_eq!(counted.sites_halted, 50);
    assert_eq!(counted.sites_low, 100);
    assert_eq!((counted.halted.len(), counted.low.len()), (20, 20));
    assert_eq!(counted.low[0].id, sites[0].id);
    assert_eq!(
        rerun,
        DeductSummary {
            dry_run: false,
            ..counted.clone()
        }
    );
    assert_eq!(mixed, counted);
}

/// The ledger `l` opened through the library, and a setup stamp in November 2026.
fn library_store(l: &Ledger) -> (creditctl::store::Store, creditctl::store::Stamp) {
    let stamp = creditctl::store::Stamp {
        actor: "setup".into(),
        now: "2026-11-15T00:00:00Z".parse().unwrap(),
    };
    (l.store(), stamp)
}

/// A device removed and added again months later counts from its return, as a new device does:
/// runs made afterwards for the months it was away (a deduction caught up after an outage) do
/// not charge it, and its return month does, once. Added again within the month of its
/// removal, it keeps that month's charge and is not charged twice. Apartments are units alike.
#[test]
fn a_unit_back_after_months_away_is_not_charged_for_them() {
    let l = Ledger::new();
    let at = |now: &str, args: &[&str]| l.json_at(now, args);
    at(
        "2026-09-10T10:00:00Z",
        &["site", "create", "Annex", "--model", "device"],
    );
    at(
        "2026-09-10T10:00:00Z",
        &[
            "credits", "adjust", "--site", "Annex", "--amount", "20", "--reason", "opening",
        ],
    );
    let device = [
        "device",
        "add",
        "--site",
        "Annex",
        "--serial",
        "22-2222-2222",
    ];
    at("2026-09-10T10:00:00Z", &device);
    let october = at("2026-10-01T00:05:00Z", &["deduct", "run"]);
    assert_eq!(october["units_charged"], 1, "{october}");
    at(
        "2026-10-02T10:00:00Z",
        &["device", "remove", "22-2222-2222"],
    );
    // Back in January: charged for January at once.
    at("2027-01-05T10:00:00Z", &device);
    let balance =
        |now: &str| at(now, &["credits", "show", "--site", "Annex"])["video"]["balance"].clone();
    assert_eq!(
        balance("2027-01-05T10:00:00Z"),
        20 - 1 - 1 - 1,
        "September, October, January"
    );
    for month in ["2026-11", "2026-12"] {
        let run = at(
            "2027-01-06T10:00:00Z",
            &["deduct", "run", "--period", month],
        );
        assert_eq!(run["units_charged"], 0, "{month}: {run}");
    }
    let january = at("2027-01-06T10:00:00Z", &["deduct", "run"]);
    assert_eq!(january["units_charged"], 0, "{january}");
    assert_eq!(balance("2027-01-06T10:00:00Z"), 17);
    // Removed and back within January: January's charge stands, nothing more is charged, and a
    // catch-up of December (before it left) does not charge it either.
    at(
        "2027-01-10T10:00:00Z",
        &["device", "remove", "22-2222-2222"],
    );
    at("2027-01-20T10:00:00Z", &device);
    let again = at(
        "2027-01-21T10:00:00Z",
        &["deduct", "run", "--period", "2026-12"],
    );
    assert_eq!(again["units_charged"], 0, "{again}");
    assert_eq!(balance("2027-01-21T10:00:00Z"), 17);
    assert_eq!(l.verify()["ok"], true);
}

/// Site ids far apart, up to the greatest there is (on PostgreSQL a member's own client may
/// insert a site with any id): a run charges every site, walking the sites there are, not every
/// id between them. Before, a site at 10^12 made the month's first run walk 2 × 10^8 empty
/// ranges, and one at the greatest id made it run for ever.
#[test]
fn a_run_reaches_every_site_however_far_apart_their_ids() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0000-0001",
    ]);
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "opening",
    ]);
    let far = [1_000_000_000_000_i64, i64::MAX];
    for (i, id) in far.iter().enumerate() {
        l.sql_unguarded(&format!(
            "INSERT INTO site (id, name, model, video_balance, sms_balance, created_at, created_by)
             VALUES ({id}, 'Far {i}', 'device', 5, 0, '2026-01-01T00:00:00Z', 'x');
             INSERT INTO unit (id, site_id, name, added_at) VALUES ({}, {id}, '54-9999-000{i}', '2026-01-01T00:00:00Z')",
            1000 + i
        ));
    }
    let out = l
        .cmd_at(DEC)
        .args(["deduct", "run", "--json"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(run["sites_charged"], 3, "{run}");
    assert_eq!(run["units_charged"], 3, "{run}");
    for id in far {
        assert_eq!(
            l.number(&format!("SELECT video_balance FROM site WHERE id = {id}")),
            4
        );
    }
    // The month's rerun finds every site paid.
    let rerun = l.json_at(DEC, &["deduct", "run"]);
    assert_eq!(rerun["units_charged"], 0, "{rerun}");
}
