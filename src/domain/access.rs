//! Who may do what (SPEC section 5): members, their roles, and the one table of what each role
//! may do. Pure: the store loads the acting member; commands ask before they read or write.

use serde::Serialize;

use super::refusal::Refusal;

/// A member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The platform operator: everything.
    Operator,
    /// One distributor's staff: its vouchers, licenses and payments.
    Distributor,
    /// One or more sites' administrator: their units, credits and redemptions.
    SiteAdmin,
    /// The deduction and the ledger checks (what cron runs), and every read.
    Billing,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Distributor => "distributor",
            Role::SiteAdmin => "site-admin",
            Role::Billing => "billing",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Operator,
            Role::Distributor,
            Role::SiteAdmin,
            Role::Billing,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Who acts: a member, or anyone while the ledger has no members (one-person use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The ledger has no members: every identity acts as operator.
    Anyone,
    Member {
        name: String,
        role: Role,
        distributor: Option<i64>,
        sites: Vec<i64>,
    },
}

/// What a command does, as the role table sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    DistributorWrite,
    DistributorRead,
    SiteCreate,
    SiteRename,
    SiteRead,
    UnitWrite,
    UnitRead,
    VoucherCreate,
    VoucherList,
    VoucherShow,
    VoucherRedeem,
    VoucherCancel,
    VoucherReport,
    VoucherAttempts,
    LicenseCatalog,
    LicenseRead,
    LicenseBuy,
    LicenseFile,
    CreditsRead,
    CreditsBuy,
    CreditsUse,
    CreditsAdjust,
    DeductRun,
    PaymentRead,
    PriceShow,
    PriceSet,
    LedgerVerify,
    LedgerCheckpoint,
    LedgerCopy,
    Members,
    Keys,
}

impl Action {
    /// Reads that the billing role (and the operator) may do on every row.
    fn is_read(self) -> bool {
        use Action::*;
        matches!(
            self,
            DistributorRead
                | SiteRead
                | UnitRead
                | VoucherList
                | VoucherShow
                | VoucherReport
                | VoucherAttempts
                | LicenseCatalog
                | LicenseRead
                | CreditsRead
                | PaymentRead
                | PriceShow
        )
    }
}

/// The role table of SPEC section 5.
pub fn allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Operator => true,
        Role::Distributor => matches!(
            action,
            VoucherCreate
                | VoucherList
                | VoucherShow
                | VoucherReport
                | LicenseBuy
                | LicenseRead
                | LicenseFile
                | LicenseCatalog
                | PaymentRead
                | PriceShow
        ),
        Role::SiteAdmin => matches!(
            action,
            SiteCreate
                | SiteRename
                | SiteRead
                | UnitWrite
                | UnitRead
                | CreditsRead
                | CreditsBuy
                | CreditsUse
                | VoucherRedeem
                | VoucherShow
                | PaymentRead
        ),
        Role::Billing => {
            action.is_read() || matches!(action, DeductRun | LedgerVerify | LedgerCheckpoint)
        }
    }
}

/// The roles that may do `action`, in words, for the refusal.
pub fn roles_for(action: Action) -> String {
    let roles: Vec<&str> = [
        Role::Operator,
        Role::Distributor,
        Role::SiteAdmin,
        Role::Billing,
    ]
    .into_iter()
    .filter(|r| allows(*r, action))
    .map(Role::as_str)
    .collect();
    match roles.as_slice() {
        [one] => format!("the {one} role"),
        [rest @ .., last] => format!("the {} or {last} role", rest.join(", ")),
        [] => "no role".into(),
    }
}

impl Actor {
    /// May this actor do `action` at all? (Which rows it may touch is [`Actor::sees_site`] and
    /// [`Actor::sees_distributor`].)
    pub fn check(&self, action: Action, command: &str) -> Result<(), Refusal> {
        match self {
            Actor::Anyone => Ok(()),
            Actor::Member { name, role, .. } if allows(*role, action) => {
                let _ = name;
                Ok(())
            }
            Actor::Member { name, role, .. } => Err(Refusal::Forbidden {
                command: command.to_string(),
                needs: roles_for(action),
                member: name.clone(),
                role: role.as_str(),
            }),
        }
    }

    fn role(&self) -> Role {
        match self {
            Actor::Anyone => Role::Operator,
            Actor::Member { role, .. } => *role,
        }
    }

    /// Whether the actor sees every row (the operator and billing do).
    pub fn sees_all(&self) -> bool {
        matches!(self.role(), Role::Operator | Role::Billing)
    }

    /// Whether the actor may see or act on a site.
    pub fn sees_site(&self, site_id: i64) -> bool {
        match self {
            Actor::Member {
                role: Role::SiteAdmin,
                sites,
                ..
            } => sites.contains(&site_id),
            Actor::Member {
                role: Role::Distributor,
                ..
            } => false,
            _ => true,
        }
    }

    /// Whether the actor may see or act on a distributor's vouchers, licenses and payments.
    pub fn sees_distributor(&self, distributor_id: i64) -> bool {
        match self {
            Actor::Member {
                role: Role::Distributor,
                distributor,
                ..
            } => *distributor == Some(distributor_id),
            Actor::Member {
                role: Role::SiteAdmin,
                ..
            } => false,
            _ => true,
        }
    }

    /// Whether an unused code of the distributor's is shown whole (to that distributor and to
    /// operators only; everyone else sees its first group).
    pub fn sees_codes_of(&self, distributor_id: i64) -> bool {
        match self {
            Actor::Anyone => true,
            Actor::Member { role, .. } => match role {
                Role::Operator => true,
                Role::Distributor => self.sees_distributor(distributor_id),
                Role::SiteAdmin | Role::Billing => false,
            },
        }
    }

    /// Whether the actor may see a payment: a distributor its own, a site administrator its
    /// sites'.
    pub fn sees_payment(&self, distributor_id: Option<i64>, site_id: Option<i64>) -> bool {
        match self.role() {
            Role::Operator | Role::Billing => true,
            Role::Distributor => distributor_id.is_some_and(|d| self.sees_distributor(d)),
            Role::SiteAdmin => site_id.is_some_and(|s| self.sees_site(s)),
        }
    }

    /// The distributor a distributor member is bound to.
    pub fn own_distributor(&self) -> Option<i64> {
        match self {
            Actor::Member {
                role: Role::Distributor,
                distributor,
                ..
            } => *distributor,
            _ => None,
        }
    }

    /// The sites a site administrator is bound to (`None`: not limited to sites).
    pub fn own_sites(&self) -> Option<&[i64]> {
        match self {
            Actor::Member {
                role: Role::SiteAdmin,
                sites,
                ..
            } => Some(sites),
            _ => None,
        }
    }
}

/// A new member's binding must fit its role: a distributor member names one distributor, a
/// site administrator one or more sites, the others neither. The first member is an operator.
pub fn check_new_member(
    role: Role,
    distributor: bool,
    sites: usize,
    first: bool,
) -> Result<(), Refusal> {
    if first && role != Role::Operator {
        return Err(Refusal::FirstMemberOperator);
    }
    let fits = match role {
        Role::Distributor => distributor && sites == 0,
        Role::SiteAdmin => !distributor && sites > 0,
        Role::Operator | Role::Billing => !distributor && sites == 0,
    };
    if !fits {
        return Err(Refusal::MemberBinding {
            role: role.as_str(),
        });
    }
    Ok(())
}

/// Shows an unused code only as its first group: `K7QM-…`.
pub fn mask_code(code: &str) -> String {
    format!("{}-…", code.get(..4).unwrap_or(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(role: Role) -> Actor {
        Actor::Member {
            name: "m".into(),
            role,
            distributor: (role == Role::Distributor).then_some(1),
            sites: if role == Role::SiteAdmin {
                vec![1, 2]
            } else {
                vec![]
            },
        }
    }

    #[test]
    fn the_role_table() {
        use Action::*;
        for a in [
            DistributorWrite,
            PriceSet,
            CreditsAdjust,
            VoucherCancel,
            Members,
            Keys,
            LedgerCopy,
        ] {
            for r in [Role::Distributor, Role::SiteAdmin, Role::Billing] {
                assert!(!allows(r, a), "{r:?} {a:?}");
            }
            assert!(allows(Role::Operator, a));
            assert_eq!(roles_for(a), "the operator role");
        }
        assert!(allows(Role::Distributor, VoucherCreate));
        assert!(allows(Role::SiteAdmin, SiteRename));
        assert!(!allows(Role::Billing, SiteRename) && !allows(Role::Distributor, SiteRename));
        assert!(!allows(Role::SiteAdmin, VoucherCreate));
        assert!(allows(Role::SiteAdmin, VoucherRedeem) && !allows(Role::Billing, VoucherRedeem));
        assert!(allows(Role::Billing, DeductRun) && !allows(Role::SiteAdmin, DeductRun));
        assert!(allows(Role::Billing, VoucherList) && !allows(Role::SiteAdmin, VoucherList));
        assert_eq!(roles_for(DeductRun), "the operator or billing role");
        assert_eq!(Actor::Anyone.check(Keys, "key list"), Ok(()));
        assert!(matches!(
            member(Role::Billing).check(Keys, "key list"),
            Err(Refusal::Forbidden { .. })
        ));
    }

    #[test]
    fn members_see_their_own_rows() {
        let d = member(Role::Distributor);
        assert!(d.sees_distributor(1) && !d.sees_distributor(2) && !d.sees_site(1));
        let s = member(Role::SiteAdmin);
        assert!(s.sees_site(2) && !s.sees_site(3) && !s.sees_distributor(1));
        let b = member(Role::Billing);
        assert!(b.sees_site(3) && b.sees_distributor(9) && !b.sees_codes_of(9));
        assert!(d.sees_codes_of(1) && !d.sees_codes_of(2));
        assert!(Actor::Anyone.sees_codes_of(5));
        assert_eq!(mask_code("K7QM-3XHD-9V2P-RT6W-P"), "K7QM-…");
    }

    #[test]
    fn a_new_member_fits_its_role() {
        assert!(check_new_member(Role::Operator, false, 0, true).is_ok());
        assert_eq!(
            check_new_member(Role::Billing, false, 0, true),
            Err(Refusal::FirstMemberOperator)
        );
        assert!(check_new_member(Role::Distributor, true, 0, false).is_ok());
        assert!(check_new_member(Role::Distributor, false, 0, false).is_err());
        assert!(check_new_member(Role::SiteAdmin, false, 2, false).is_ok());
        assert!(check_new_member(Role::SiteAdmin, true, 2, false).is_err());
        assert!(check_new_member(Role::Billing, false, 1, false).is_err());
    }
}
