//! The confirmation question at a real terminal (a pty from util-linux `script`): declining
//! writes nothing, accepting redeems.

mod common;
use common::{Ledger, NOW};
use std::io::{Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

/// `creditctl args` on a pty (util-linux `script`, Debian's bsdutils, always installed), read
/// until its question is on the screen: what it showed before asking has been counted by then,
/// and an answer typed now is read by the question, however slow the machine.
struct Asking {
    child: Child,
    stdout: ChildStdout,
    screen: Vec<u8>,
}

impl Asking {
    fn start(l: &Ledger, args: &str) -> Asking {
        assert!(
            Command::new("script").arg("--version").output().is_ok(),
            "util-linux `script` is needed to test the prompt on a terminal"
        );
        let bin = assert_cmd::cargo::cargo_bin("creditctl");
        let mut child = Command::new("script")
            .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "dumb")
            .envs(l.env_at(NOW))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut screen = Vec::new();
        let mut chunk = [0u8; 4096];
        while !String::from_utf8_lossy(&screen).contains("This cannot be undone") {
            let n = stdout.read(&mut chunk).unwrap();
            assert!(
                n > 0,
                "the question never came: {}",
                String::from_utf8_lossy(&screen)
            );
            screen.extend_from_slice(&chunk[..n]);
        }
        let text = String::from_utf8_lossy(&screen);
        assert!(
            text.contains("Credits added"),
            "the preview was not shown: {text}"
        );
        Asking {
            child,
            stdout,
            screen,
        }
    }

    /// Types `answer`; the exit code and everything the terminal showed.
    fn answer(mut self, answer: &str) -> (Option<i32>, String) {
        let mut stdin = self.child.stdin.take().unwrap();
        stdin.write_all(answer.as_bytes()).unwrap();
        stdin.flush().unwrap();
        drop(stdin);
        self.stdout.read_to_end(&mut self.screen).unwrap();
        let status = self.child.wait().unwrap();
        (
            status.code(),
            String::from_utf8_lossy(&self.screen).into_owned(),
        )
    }
}

/// Runs `creditctl args` on a pty, types `answer` once the question is up, returns the exit code.
fn answer_on_terminal(l: &Ledger, args: &str, answer: &str) -> Option<i32> {
    Asking::start(l, args).answer(answer).0
}

#[test]
fn declining_at_the_prompt_writes_nothing_and_accepting_redeems() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let before = l.snapshot();
    let args = format!("voucher redeem {code} --site Office");
    assert_eq!(answer_on_terminal(&l, &args, "n"), Some(5));
    assert_eq!(before, l.snapshot(), "declining wrote something");
    assert_eq!(answer_on_terminal(&l, &args, "y"), Some(0));
    assert_eq!(l.json(&["voucher", "show", &code])["status"], "used");
    assert_eq!(l.credits("Office")["video"]["balance"], 12);
}

/// What is confirmed is what is done: when the site's balance changes while the question is
/// open (here an adjustment made once the preview is on the screen), the answer "yes" redeems
/// nothing and says so (exit 4, `changed_since_shown`); the voucher stays unused.
#[test]
fn a_site_changed_while_the_question_is_open_is_not_redeemed() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let asking = Asking::start(&l, &format!("voucher redeem {code} --site Office"));
    l.ok(&[
        "credits",
        "adjust",
        "--site",
        "Office",
        "--amount",
        "5",
        "--reason",
        "meanwhile",
    ]);
    let (status, text) = asking.answer("y\n");
    assert_eq!(status, Some(4), "{text}");
    assert!(
        text.contains("the site changed while the question was open")
            && text.contains("balance 5 now, 0 shown"),
        "{text}"
    );
    assert_eq!(l.json(&["voucher", "show", &code])["status"], "active");
    assert_eq!(l.credits("Office")["video"]["balance"], 5);
}

/// A voucher redeemed elsewhere while the question is open is refused at the answer (exit 4,
/// `voucher_used`), and no failed attempt is recorded against the person or the site: the code
/// was no guess (its plan was counted when it was shown).
#[test]
fn a_voucher_used_while_the_question_is_open_is_refused_but_not_counted_as_a_guess() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    l.site("Annex", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let asking = Asking::start(&l, &format!("voucher redeem {code} --site Office"));
    l.ok(&["voucher", "redeem", &code, "--site", "Annex", "--yes"]);
    let (status, text) = asking.answer("y\n");
    assert_eq!(status, Some(4), "{text}");
    assert!(text.contains("already used"), "{text}");
    assert_eq!(l.number("SELECT count(*) FROM redeem_attempt"), 0);
    assert_eq!(l.credits("Office")["video"]["balance"], 0);
    assert_eq!(l.credits("Annex")["video"]["balance"], 12);
}
