# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_creditctl_global_optspecs
    string join \n db= json wide y/yes as= h/help V/version
end

function __fish_creditctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_creditctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_creditctl_using_subcommand
    set -l cmd (__fish_creditctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c creditctl -n "__fish_creditctl_needs_command" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_needs_command" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_needs_command" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_needs_command" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_needs_command" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_needs_command" -s V -l version -d 'Print version'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "demo" -d 'A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "distributor" -d 'Distributor accounts'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "site" -d 'Sites (installations) and their billing model'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "device" -d 'Devices registered at sites'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "apartment" -d 'Apartments of apartment-model sites'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "voucher" -d 'Credit vouchers: buy, list, redeem, cancel, export'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "license" -d 'Perpetual device licenses bought by serial number'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "credits" -d 'Site credit pools: balances, history, purchases, adjustments, SMS spending'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "deduct" -d 'The monthly deduction'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "payment" -d 'Payments made for orders and purchases'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "price" -d 'The price list'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "ledger" -d 'Ledger integrity: verify, checkpoints, copy'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "member" -d 'Members: who may do what (operator only)'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "key" -d 'The Ed25519 keys that sign license files and checkpoints'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "man" -d 'Print the manual page (roff) of every command, generated from this command tree'
complete -c creditctl -n "__fish_creditctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand demo" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand demo" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand demo" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand demo" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand demo" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand demo" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -f -a "add" -d 'Add a distributor account (voucher purchasing starts deactivated)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -f -a "list" -d 'List distributors'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -f -a "activate" -d 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -f -a "deactivate" -d 'Stop a distributor\'s voucher and license purchases; its codes and licenses stay valid (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and not __fish_seen_subcommand_from add list activate deactivate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from add" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from add" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from add" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from activate" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from activate" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from activate" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from activate" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from activate" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from deactivate" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from deactivate" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from deactivate" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from deactivate" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from deactivate" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from deactivate" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a distributor account (voucher purchasing starts deactivated)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from help" -f -a "list" -d 'List distributors'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from help" -f -a "activate" -d 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from help" -f -a "deactivate" -d 'Stop a distributor\'s voucher and license purchases; its codes and licenses stay valid (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand distributor; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -f -a "create" -d 'Create a site; its billing model cannot be changed later'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -f -a "list" -d 'List sites'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -f -a "show" -d 'Show one site with its pools and units'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -f -a "rename" -d 'Rename a site (operator, or the site\'s own site-admin); the new name is unique in any case'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and not __fish_seen_subcommand_from create list show rename help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -l model -d 'How the site is billed: per paid device, or per apartment (fixed at creation)' -r -f -a "device\t'Commercial: one credit per paid device per month'
apartment\t'Residential: one credit per apartment per month; an apartment holds at most 4 devices'"
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -l after -d 'Only the rows after the one with this ID: the next page starts after the last ID printed' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from show" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from show" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from rename" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from rename" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from rename" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from rename" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from rename" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a site; its billing model cannot be changed later'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from help" -f -a "list" -d 'List sites'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one site with its pools and units'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a site (operator, or the site\'s own site-admin); the new name is unique in any case'
complete -c creditctl -n "__fish_creditctl_using_subcommand site; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -f -a "add" -d 'Register a device at a site'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -f -a "list" -d 'List devices'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -f -a "remove" -d 'Unregister a device'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -f -a "import" -d 'Register devices from a CSV file (serial[,apartment] per line): all rows or none'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and not __fish_seen_subcommand_from add list remove import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l serial -d 'Serial number, NN-NNNN-NNNN' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l apartment -d 'Apartment (apartment-model sites only, required there)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l site -d 'Only this site\'s devices (ID or unique name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l after -d 'Only the rows after this one (its code, serial or name as printed): the next page' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from remove" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from remove" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from remove" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register a device at a site'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from help" -f -a "list" -d 'List devices'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Unregister a device'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from help" -f -a "import" -d 'Register devices from a CSV file (serial[,apartment] per line): all rows or none'
complete -c creditctl -n "__fish_creditctl_using_subcommand device; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add an apartment (a billable unit) to an apartment-model site'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List a site\'s apartments'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove an empty apartment'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l after -d 'Only the rows after this one (its code, serial or name as printed): the next page' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an apartment (a billable unit) to an apartment-model site'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a site\'s apartments'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an empty apartment'
complete -c creditctl -n "__fish_creditctl_using_subcommand apartment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "create" -d 'Buy vouchers: shows the order and asks before buying'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "list" -d 'List vouchers'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "show" -d 'Show one voucher'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "redeem" -d 'Redeem a voucher into a site\'s credit pool (irreversible: shows what happens and asks)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "cancel" -d 'Cancel an unused voucher (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "export" -d 'Export codes to send them to customers'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "report" -d 'Per order: vouchers by status, credits bought and redeemed, the amount paid'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "attempts" -d 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and not __fish_seen_subcommand_from create list show redeem cancel export report attempts help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l distributor -d 'Distributor ID or name (voucher purchasing must be activated)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l name -d 'Voucher name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l years -d 'Years (1-10)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l subscriptions -d 'Subscriptions: paid devices or apartments (1-10000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l type -d 'What the voucher pays for: device or apartment credits, or SMS messages' -r -f -a "device\t''
apartment\t''
sms\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l messages -d 'SMS messages, a multiple of 50 (--type sms only)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l count -d 'Number of codes (1-100000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l payment -d 'How the order is paid' -r -f -a "card\t''
invoice\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l dry-run -d 'Show the order and write nothing'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l distributor -d 'Only this distributor\'s vouchers (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l status -d 'Only vouchers in this state' -r -f -a "active\t''
used\t''
expired\t''
cancelled\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l order -d 'Only this order\'s vouchers (its ID)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l expiring-within -d 'Only active vouchers that expire within DAYS days (1-3660)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l after -d 'Only the rows after this one (its code, serial or name as printed): the next page' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from show" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from show" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -l site -d 'The site whose pool receives the credits (ID or unique name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from redeem" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from cancel" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from cancel" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from cancel" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from cancel" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l distributor -d 'Only this distributor\'s vouchers (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l status -d 'Only vouchers in this state' -r -f -a "active\t''
used\t''
expired\t''
cancelled\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l order -d 'Only this order\'s vouchers (its ID)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l expiring-within -d 'Only active vouchers that expire within DAYS days (1-3660)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l after -d 'Only the rows after this one (its code, serial or name as printed): the next page' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l format -d 'The file format' -r -f -a "csv\t''
json\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -l distributor -d 'Only this distributor\'s orders (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l site -d 'Only those on this site (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l after -d 'Only the rows after the one with this ID: the next page starts after the last ID printed' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from attempts" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "create" -d 'Buy vouchers: shows the order and asks before buying'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "list" -d 'List vouchers'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one voucher'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "redeem" -d 'Redeem a voucher into a site\'s credit pool (irreversible: shows what happens and asks)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel an unused voucher (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export codes to send them to customers'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "report" -d 'Per order: vouchers by status, credits bought and redeemed, the amount paid'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "attempts" -d 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)'
complete -c creditctl -n "__fish_creditctl_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "catalog" -d 'List the license catalog with prices'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "available" -d 'List the licenses a serial does not own yet'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "list" -d 'List bought licenses'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "buy" -d 'Buy licenses for a device serial: shows the order and asks before buying'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "file" -d 'Write a signed license file for a device serial, which the device checks offline'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "verify" -d 'Check a license file\'s signature with a public key, without a ledger'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and not __fish_seen_subcommand_from catalog available list buy file verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from catalog" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from catalog" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from catalog" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from catalog" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from catalog" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from catalog" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -l serial -d 'The device\'s serial number, NN-NNNN-NNNN' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from available" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l serial -d 'Only this device\'s licenses' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l distributor -d 'Only licenses this distributor bought (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l after -d 'Only the rows after the one with this ID: the next page starts after the last ID printed' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l serial -d 'The device\'s serial number, NN-NNNN-NNNN (need not belong to a site)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l license -d 'License product(s) from the catalog' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l distributor -d 'The distributor that buys (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l payment -d 'How the order is paid' -r -f -a "card\t''
invoice\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from buy" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l serial -d 'The device\'s serial number, NN-NNNN-NNNN' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l out -d 'Write the file here (never over an existing file) [default: stdout]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l key -d 'Private key that signs' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from file" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -l public-key -d 'The public key (PEM), as `key generate` wrote it to FILE.pub' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "catalog" -d 'List the license catalog with prices'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "available" -d 'List the licenses a serial does not own yet'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "list" -d 'List bought licenses'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "buy" -d 'Buy licenses for a device serial: shows the order and asks before buying'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "file" -d 'Write a signed license file for a device serial, which the device checks offline'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a license file\'s signature with a public key, without a ledger'
complete -c creditctl -n "__fish_creditctl_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "show" -d 'Balances, units paid this month, units waiting, months covered'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "forecast" -d 'When each site\'s video credits run out, and the credits that would cover the next months'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "history" -d 'A site\'s ledger rows'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "buy" -d 'Buy video credits or SMS messages for a site (prints the receipt on stdout)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "adjust" -d 'Correct a balance with a signed amount and a reason'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "use" -d 'Spend SMS messages, once per reference'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and not __fish_seen_subcommand_from show forecast history buy adjust use help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l site -d 'Only this site (ID or unique name) [default: every site]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l status -d 'Only sites with this status this month' -r -f -a "active\t'Every unit is paid for the current month, or the site has none'
partial\t'Some units are paid, some wait for credits'
halted\t'The site has units and none is paid for the current month'"
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l after -d 'Only the rows after the one with this ID: the next page starts after the last ID printed' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -l site -d 'One site (ID or name) [default: every site you may see]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -l months -d 'Months after the current one that `credits_to_cover` pays for (1-120)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from forecast" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l after -d 'Only the rows after the one with this ID: the next page starts after the last ID printed' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l credits -d 'Video credits (1 credit = 1 unit for 1 month)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l sms -d 'SMS messages, a multiple of 50' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l payment -d 'How the purchase is paid' -r -f -a "card\t''
invoice\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l reference -d 'Retry key: a retry with the same reference returns the first purchase and buys nothing' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l dry-run -d 'Quote the price and write nothing'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from buy" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l amount -d 'Signed amount, e.g. 10 or -3' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l reason -d 'Why, recorded in the ledger (1 to 500 characters)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l pool -d 'The pool to correct' -r -f -a "video\t''
sms\t''"
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from adjust" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l site -d 'Site ID or unique name' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l sms -d 'Messages to spend' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l reference -d 'Idempotency key: a retry with the same reference changes nothing' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "show" -d 'Balances, units paid this month, units waiting, months covered'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "forecast" -d 'When each site\'s video credits run out, and the credits that would cover the next months'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "history" -d 'A site\'s ledger rows'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "buy" -d 'Buy video credits or SMS messages for a site (prints the receipt on stdout)'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "adjust" -d 'Correct a balance with a signed amount and a reason'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "use" -d 'Spend SMS messages, once per reference'
complete -c creditctl -n "__fish_creditctl_using_subcommand credits; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -f -a "run" -d 'Charge every site for the period (safe to rerun: each unit once per period)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and not __fish_seen_subcommand_from run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l period -d 'YYYY-MM [default: the current month]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l alert-months -d 'Name as low the sites that will not be fully paid within N months after the period (1-120) [default: 1, next month]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l key -d 'Private key that signs a checkpoint at the end [default: none, no checkpoint]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l dry-run -d 'Compute the summary and write nothing'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from help" -f -a "run" -d 'Charge every site for the period (safe to rerun: each unit once per period)'
complete -c creditctl -n "__fish_creditctl_using_subcommand deduct; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List payments'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show one payment'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N rows (1-1000000000)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -l after -d 'Only the rows after the one with this ID: the next page starts after the last ID printed' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from show" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from show" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "list" -d 'List payments'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one payment'
complete -c creditctl -n "__fish_creditctl_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -f -a "show" -d 'Show the price list'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -f -a "set" -d 'Change a price (values already bought keep theirs)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and not __fish_seen_subcommand_from show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from show" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from show" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from set" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from set" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from set" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the price list'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a price (values already bought keep theirs)'
complete -c creditctl -n "__fish_creditctl_using_subcommand price; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -f -a "verify" -d 'Check the hash chain, every balance against its ledger sum, and every checkpoint'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -f -a "checkpoint" -d 'Sign the chain\'s row count and head hash, store the checkpoint and print it, to be kept elsewhere too'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -f -a "copy" -d 'Copy this ledger (--db) into an empty one, on either engine, in one transaction'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and not __fish_seen_subcommand_from verify checkpoint copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l checkpoint -d 'Also check the checkpoints kept in this file (as `ledger checkpoint` prints them, one or more)' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l key -d 'Private key that signs' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l to -d 'The new ledger: a SQLite file path that does not exist yet, or a postgres:// URL of a database without a ledger' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the hash chain, every balance against its ledger sum, and every checkpoint'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Sign the chain\'s row count and head hash, store the checkpoint and print it, to be kept elsewhere too'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy this ledger (--db) into an empty one, on either engine, in one transaction'
complete -c creditctl -n "__fish_creditctl_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add a member with one role; the first member must be an operator'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the members'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove a member (the last operator stays)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l role -d 'operator, distributor (with --distributor), site-admin (with --site) or billing' -r -f -a "operator\t'The platform operator: everything'
distributor\t'One distributor\'s staff: its vouchers, licenses and payments'
site-admin\t'One or more sites\' administrator: their units, credits and redemptions'
billing\t'The deduction and the ledger checks (what cron runs), and every read'"
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l distributor -d 'The distributor a distributor member acts for (ID or name)' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l site -d 'A site a site-admin member administers (ID or name); repeat for more' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from remove" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from remove" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from remove" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a member with one role; the first member must be an operator'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the members'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a member (the last operator stays)'
complete -c creditctl -n "__fish_creditctl_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -f -a "generate" -d 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -f -a "list" -d 'List the registered public keys'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and not __fish_seen_subcommand_from generate list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -l out -d 'The private key file to create (never over an existing file)' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from list" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from list" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the registered public keys'
complete -c creditctl -n "__fish_creditctl_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand completions" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand completions" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand completions" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand completions" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand man" -l db -d 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]' -r -F
complete -c creditctl -n "__fish_creditctl_using_subcommand man" -l as -d 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]' -r
complete -c creditctl -n "__fish_creditctl_using_subcommand man" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c creditctl -n "__fish_creditctl_using_subcommand man" -l wide -d 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
complete -c creditctl -n "__fish_creditctl_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations (needed when stdin is not a terminal)'
complete -c creditctl -n "__fish_creditctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "demo" -d 'A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "distributor" -d 'Distributor accounts'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "site" -d 'Sites (installations) and their billing model'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "device" -d 'Devices registered at sites'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "apartment" -d 'Apartments of apartment-model sites'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "voucher" -d 'Credit vouchers: buy, list, redeem, cancel, export'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "license" -d 'Perpetual device licenses bought by serial number'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "credits" -d 'Site credit pools: balances, history, purchases, adjustments, SMS spending'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "deduct" -d 'The monthly deduction'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "payment" -d 'Payments made for orders and purchases'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "price" -d 'The price list'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "ledger" -d 'Ledger integrity: verify, checkpoints, copy'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "member" -d 'Members: who may do what (operator only)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "key" -d 'The Ed25519 keys that sign license files and checkpoints'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "man" -d 'Print the manual page (roff) of every command, generated from this command tree'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and not __fish_seen_subcommand_from demo distributor site device apartment voucher license credits deduct payment price ledger member key completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from distributor" -f -a "add" -d 'Add a distributor account (voucher purchasing starts deactivated)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from distributor" -f -a "list" -d 'List distributors'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from distributor" -f -a "activate" -d 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from distributor" -f -a "deactivate" -d 'Stop a distributor\'s voucher and license purchases; its codes and licenses stay valid (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from site" -f -a "create" -d 'Create a site; its billing model cannot be changed later'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from site" -f -a "list" -d 'List sites'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from site" -f -a "show" -d 'Show one site with its pools and units'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from site" -f -a "rename" -d 'Rename a site (operator, or the site\'s own site-admin); the new name is unique in any case'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from device" -f -a "add" -d 'Register a device at a site'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from device" -f -a "list" -d 'List devices'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from device" -f -a "remove" -d 'Unregister a device'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from device" -f -a "import" -d 'Register devices from a CSV file (serial[,apartment] per line): all rows or none'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from apartment" -f -a "add" -d 'Add an apartment (a billable unit) to an apartment-model site'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from apartment" -f -a "list" -d 'List a site\'s apartments'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from apartment" -f -a "remove" -d 'Remove an empty apartment'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "create" -d 'Buy vouchers: shows the order and asks before buying'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "list" -d 'List vouchers'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "show" -d 'Show one voucher'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "redeem" -d 'Redeem a voucher into a site\'s credit pool (irreversible: shows what happens and asks)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "cancel" -d 'Cancel an unused voucher (platform operator)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "export" -d 'Export codes to send them to customers'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "report" -d 'Per order: vouchers by status, credits bought and redeemed, the amount paid'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "attempts" -d 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "catalog" -d 'List the license catalog with prices'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "available" -d 'List the licenses a serial does not own yet'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "list" -d 'List bought licenses'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "buy" -d 'Buy licenses for a device serial: shows the order and asks before buying'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "file" -d 'Write a signed license file for a device serial, which the device checks offline'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from license" -f -a "verify" -d 'Check a license file\'s signature with a public key, without a ledger'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from credits" -f -a "show" -d 'Balances, units paid this month, units waiting, months covered'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from credits" -f -a "forecast" -d 'When each site\'s video credits run out, and the credits that would cover the next months'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from credits" -f -a "history" -d 'A site\'s ledger rows'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from credits" -f -a "buy" -d 'Buy video credits or SMS messages for a site (prints the receipt on stdout)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from credits" -f -a "adjust" -d 'Correct a balance with a signed amount and a reason'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from credits" -f -a "use" -d 'Spend SMS messages, once per reference'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from deduct" -f -a "run" -d 'Charge every site for the period (safe to rerun: each unit once per period)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from payment" -f -a "list" -d 'List payments'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from payment" -f -a "show" -d 'Show one payment'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from price" -f -a "show" -d 'Show the price list'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from price" -f -a "set" -d 'Change a price (values already bought keep theirs)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "verify" -d 'Check the hash chain, every balance against its ledger sum, and every checkpoint'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "checkpoint" -d 'Sign the chain\'s row count and head hash, store the checkpoint and print it, to be kept elsewhere too'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "copy" -d 'Copy this ledger (--db) into an empty one, on either engine, in one transaction'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "add" -d 'Add a member with one role; the first member must be an operator'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "list" -d 'List the members'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "remove" -d 'Remove a member (the last operator stays)'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "generate" -d 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger'
complete -c creditctl -n "__fish_creditctl_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "list" -d 'List the registered public keys'
