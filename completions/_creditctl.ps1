
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'creditctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'creditctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'creditctl' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)')
            [CompletionResult]::new('distributor', 'distributor', [CompletionResultType]::ParameterValue, 'Distributor accounts')
            [CompletionResult]::new('site', 'site', [CompletionResultType]::ParameterValue, 'Sites (installations) and their billing model')
            [CompletionResult]::new('device', 'device', [CompletionResultType]::ParameterValue, 'Devices registered at sites')
            [CompletionResult]::new('apartment', 'apartment', [CompletionResultType]::ParameterValue, 'Apartments of apartment-model sites')
            [CompletionResult]::new('voucher', 'voucher', [CompletionResultType]::ParameterValue, 'Credit vouchers: buy, list, redeem, cancel, export')
            [CompletionResult]::new('license', 'license', [CompletionResultType]::ParameterValue, 'Perpetual device licenses bought by serial number')
            [CompletionResult]::new('credits', 'credits', [CompletionResultType]::ParameterValue, 'Site credit pools: balances, history, purchases, adjustments, SMS spending')
            [CompletionResult]::new('deduct', 'deduct', [CompletionResultType]::ParameterValue, 'The monthly deduction')
            [CompletionResult]::new('payment', 'payment', [CompletionResultType]::ParameterValue, 'Payments made for orders and purchases')
            [CompletionResult]::new('price', 'price', [CompletionResultType]::ParameterValue, 'The price list')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'Ledger integrity: verify, checkpoints, copy')
            [CompletionResult]::new('member', 'member', [CompletionResultType]::ParameterValue, 'Members: who may do what (operator only)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The Ed25519 keys that sign license files and checkpoints')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff) of every command, generated from this command tree')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;demo' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;distributor' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a distributor account (voucher purchasing starts deactivated)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List distributors')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Stop a distributor''s voucher and license purchases; its codes and licenses stay valid (platform operator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;distributor;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;distributor;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;distributor;activate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;distributor;deactivate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;distributor;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a distributor account (voucher purchasing starts deactivated)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List distributors')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Stop a distributor''s voucher and license purchases; its codes and licenses stay valid (platform operator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;distributor;help;add' {
            break
        }
        'creditctl;distributor;help;list' {
            break
        }
        'creditctl;distributor;help;activate' {
            break
        }
        'creditctl;distributor;help;deactivate' {
            break
        }
        'creditctl;distributor;help;help' {
            break
        }
        'creditctl;site' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a site; its billing model cannot be changed later')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List sites')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one site with its pools and units')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a site (operator, or the site''s own site-admin); the new name is unique in any case')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;site;create' {
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'How the site is billed: per paid device, or per apartment (fixed at creation)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'creditctl;site;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after the one with this ID: the next page starts after the last ID printed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;site;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;site;rename' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;site;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a site; its billing model cannot be changed later')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List sites')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one site with its pools and units')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a site (operator, or the site''s own site-admin); the new name is unique in any case')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;site;help;create' {
            break
        }
        'creditctl;site;help;list' {
            break
        }
        'creditctl;site;help;show' {
            break
        }
        'creditctl;site;help;rename' {
            break
        }
        'creditctl;site;help;help' {
            break
        }
        'creditctl;device' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a device at a site')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List devices')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unregister a device')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Register devices from a CSV file (serial[,apartment] per line): all rows or none')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;device;add' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Serial number, NN-NNNN-NNNN')
            [CompletionResult]::new('--apartment', '--apartment', [CompletionResultType]::ParameterName, 'Apartment (apartment-model sites only, required there)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;device;list' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Only this site''s devices (ID or unique name)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after this one (its code, serial or name as printed): the next page')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;device;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;device;import' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;device;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a device at a site')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List devices')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unregister a device')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Register devices from a CSV file (serial[,apartment] per line): all rows or none')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;device;help;add' {
            break
        }
        'creditctl;device;help;list' {
            break
        }
        'creditctl;device;help;remove' {
            break
        }
        'creditctl;device;help;import' {
            break
        }
        'creditctl;device;help;help' {
            break
        }
        'creditctl;apartment' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an apartment (a billable unit) to an apartment-model site')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a site''s apartments')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an empty apartment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;apartment;add' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;apartment;list' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after this one (its code, serial or name as printed): the next page')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;apartment;remove' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;apartment;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an apartment (a billable unit) to an apartment-model site')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a site''s apartments')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an empty apartment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;apartment;help;add' {
            break
        }
        'creditctl;apartment;help;list' {
            break
        }
        'creditctl;apartment;help;remove' {
            break
        }
        'creditctl;apartment;help;help' {
            break
        }
        'creditctl;voucher' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Buy vouchers: shows the order and asks before buying')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vouchers')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one voucher')
            [CompletionResult]::new('redeem', 'redeem', [CompletionResultType]::ParameterValue, 'Redeem a voucher into a site''s credit pool (irreversible: shows what happens and asks)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an unused voucher (platform operator)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export codes to send them to customers')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Per order: vouchers by status, credits bought and redeemed, the amount paid')
            [CompletionResult]::new('attempts', 'attempts', [CompletionResultType]::ParameterValue, 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;voucher;create' {
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'Distributor ID or name (voucher purchasing must be activated)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Voucher name')
            [CompletionResult]::new('--years', '--years', [CompletionResultType]::ParameterName, 'Years (1-10)')
            [CompletionResult]::new('--subscriptions', '--subscriptions', [CompletionResultType]::ParameterName, 'Subscriptions: paid devices or apartments (1-10000)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'What the voucher pays for: device or apartment credits, or SMS messages')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'SMS messages, a multiple of 50 (--type sms only)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of codes (1-100000)')
            [CompletionResult]::new('--payment', '--payment', [CompletionResultType]::ParameterName, 'How the order is paid')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the order and write nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;list' {
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'Only this distributor''s vouchers (ID or name)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only vouchers in this state')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Only this order''s vouchers (its ID)')
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Only active vouchers that expire within DAYS days (1-3660)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after this one (its code, serial or name as printed): the next page')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;redeem' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'The site whose pool receives the credits (ID or unique name)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;cancel' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;export' {
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'Only this distributor''s vouchers (ID or name)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only vouchers in this state')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Only this order''s vouchers (its ID)')
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Only active vouchers that expire within DAYS days (1-3660)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after this one (its code, serial or name as printed): the next page')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file format')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;report' {
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'Only this distributor''s orders (ID or name)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;attempts' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Only those on this site (ID or name)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after the one with this ID: the next page starts after the last ID printed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;voucher;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Buy vouchers: shows the order and asks before buying')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vouchers')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one voucher')
            [CompletionResult]::new('redeem', 'redeem', [CompletionResultType]::ParameterValue, 'Redeem a voucher into a site''s credit pool (irreversible: shows what happens and asks)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an unused voucher (platform operator)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export codes to send them to customers')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Per order: vouchers by status, credits bought and redeemed, the amount paid')
            [CompletionResult]::new('attempts', 'attempts', [CompletionResultType]::ParameterValue, 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;voucher;help;create' {
            break
        }
        'creditctl;voucher;help;list' {
            break
        }
        'creditctl;voucher;help;show' {
            break
        }
        'creditctl;voucher;help;redeem' {
            break
        }
        'creditctl;voucher;help;cancel' {
            break
        }
        'creditctl;voucher;help;export' {
            break
        }
        'creditctl;voucher;help;report' {
            break
        }
        'creditctl;voucher;help;attempts' {
            break
        }
        'creditctl;voucher;help;help' {
            break
        }
        'creditctl;license' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'List the license catalog with prices')
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'List the licenses a serial does not own yet')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List bought licenses')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy licenses for a device serial: shows the order and asks before buying')
            [CompletionResult]::new('file', 'file', [CompletionResultType]::ParameterValue, 'Write a signed license file for a device serial, which the device checks offline')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a license file''s signature with a public key, without a ledger')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;license;catalog' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;license;available' {
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The device''s serial number, NN-NNNN-NNNN')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;license;list' {
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Only this device''s licenses')
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'Only licenses this distributor bought (ID or name)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after the one with this ID: the next page starts after the last ID printed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;license;buy' {
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The device''s serial number, NN-NNNN-NNNN (need not belong to a site)')
            [CompletionResult]::new('--license', '--license', [CompletionResultType]::ParameterName, 'License product(s) from the catalog')
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'The distributor that buys (ID or name)')
            [CompletionResult]::new('--payment', '--payment', [CompletionResultType]::ParameterName, 'How the order is paid')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;license;file' {
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The device''s serial number, NN-NNNN-NNNN')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the file here (never over an existing file) [default: stdout]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key that signs')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;license;verify' {
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'The public key (PEM), as `key generate` wrote it to FILE.pub')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;license;help' {
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'List the license catalog with prices')
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'List the licenses a serial does not own yet')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List bought licenses')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy licenses for a device serial: shows the order and asks before buying')
            [CompletionResult]::new('file', 'file', [CompletionResultType]::ParameterValue, 'Write a signed license file for a device serial, which the device checks offline')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a license file''s signature with a public key, without a ledger')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;license;help;catalog' {
            break
        }
        'creditctl;license;help;available' {
            break
        }
        'creditctl;license;help;list' {
            break
        }
        'creditctl;license;help;buy' {
            break
        }
        'creditctl;license;help;file' {
            break
        }
        'creditctl;license;help;verify' {
            break
        }
        'creditctl;license;help;help' {
            break
        }
        'creditctl;credits' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Balances, units paid this month, units waiting, months covered')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'When each site''s video credits run out, and the credits that would cover the next months')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'A site''s ledger rows')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy video credits or SMS messages for a site (prints the receipt on stdout)')
            [CompletionResult]::new('adjust', 'adjust', [CompletionResultType]::ParameterValue, 'Correct a balance with a signed amount and a reason')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Spend SMS messages, once per reference')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;credits;show' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Only this site (ID or unique name) [default: every site]')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only sites with this status this month')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after the one with this ID: the next page starts after the last ID printed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'creditctl;credits;forecast' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'One site (ID or name) [default: every site you may see]')
            [CompletionResult]::new('--months', '--months', [CompletionResultType]::ParameterName, 'Months after the current one that `credits_to_cover` pays for (1-120)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;credits;history' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after the one with this ID: the next page starts after the last ID printed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;credits;buy' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--credits', '--credits', [CompletionResultType]::ParameterName, 'Video credits (1 credit = 1 unit for 1 month)')
            [CompletionResult]::new('--sms', '--sms', [CompletionResultType]::ParameterName, 'SMS messages, a multiple of 50')
            [CompletionResult]::new('--payment', '--payment', [CompletionResultType]::ParameterName, 'How the purchase is paid')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Retry key: a retry with the same reference returns the first purchase and buys nothing')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Quote the price and write nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;credits;adjust' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Signed amount, e.g. 10 or -3')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, recorded in the ledger (1 to 500 characters)')
            [CompletionResult]::new('--pool', '--pool', [CompletionResultType]::ParameterName, 'The pool to correct')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;credits;use' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Site ID or unique name')
            [CompletionResult]::new('--sms', '--sms', [CompletionResultType]::ParameterName, 'Messages to spend')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Idempotency key: a retry with the same reference changes nothing')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;credits;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Balances, units paid this month, units waiting, months covered')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'When each site''s video credits run out, and the credits that would cover the next months')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'A site''s ledger rows')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy video credits or SMS messages for a site (prints the receipt on stdout)')
            [CompletionResult]::new('adjust', 'adjust', [CompletionResultType]::ParameterValue, 'Correct a balance with a signed amount and a reason')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Spend SMS messages, once per reference')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;credits;help;show' {
            break
        }
        'creditctl;credits;help;forecast' {
            break
        }
        'creditctl;credits;help;history' {
            break
        }
        'creditctl;credits;help;buy' {
            break
        }
        'creditctl;credits;help;adjust' {
            break
        }
        'creditctl;credits;help;use' {
            break
        }
        'creditctl;credits;help;help' {
            break
        }
        'creditctl;deduct' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Charge every site for the period (safe to rerun: each unit once per period)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;deduct;run' {
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'YYYY-MM [default: the current month]')
            [CompletionResult]::new('--alert-months', '--alert-months', [CompletionResultType]::ParameterName, 'Name as low the sites that will not be fully paid within N months after the period (1-120) [default: 1, next month]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key that signs a checkpoint at the end [default: none, no checkpoint]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Compute the summary and write nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;deduct;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Charge every site for the period (safe to rerun: each unit once per period)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;deduct;help;run' {
            break
        }
        'creditctl;deduct;help;help' {
            break
        }
        'creditctl;payment' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payments')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one payment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;payment;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N rows (1-1000000000)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only the rows after the one with this ID: the next page starts after the last ID printed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;payment;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;payment;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payments')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one payment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;payment;help;list' {
            break
        }
        'creditctl;payment;help;show' {
            break
        }
        'creditctl;payment;help;help' {
            break
        }
        'creditctl;price' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the price list')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a price (values already bought keep theirs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;price;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;price;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;price;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the price list')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a price (values already bought keep theirs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;price;help;show' {
            break
        }
        'creditctl;price;help;set' {
            break
        }
        'creditctl;price;help;help' {
            break
        }
        'creditctl;ledger' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, every balance against its ledger sum, and every checkpoint')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Sign the chain''s row count and head hash, store the checkpoint and print it, to be kept elsewhere too')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy this ledger (--db) into an empty one, on either engine, in one transaction')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;ledger;verify' {
            [CompletionResult]::new('--checkpoint', '--checkpoint', [CompletionResultType]::ParameterName, 'Also check the checkpoints kept in this file (as `ledger checkpoint` prints them, one or more)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;ledger;checkpoint' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key that signs')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;ledger;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The new ledger: a SQLite file path that does not exist yet, or a postgres:// URL of a database without a ledger')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;ledger;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, every balance against its ledger sum, and every checkpoint')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Sign the chain''s row count and head hash, store the checkpoint and print it, to be kept elsewhere too')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy this ledger (--db) into an empty one, on either engine, in one transaction')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;ledger;help;verify' {
            break
        }
        'creditctl;ledger;help;checkpoint' {
            break
        }
        'creditctl;ledger;help;copy' {
            break
        }
        'creditctl;ledger;help;help' {
            break
        }
        'creditctl;member' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a member with one role; the first member must be an operator')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the members')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member (the last operator stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;member;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'operator, distributor (with --distributor), site-admin (with --site) or billing')
            [CompletionResult]::new('--distributor', '--distributor', [CompletionResultType]::ParameterName, 'The distributor a distributor member acts for (ID or name)')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'A site a site-admin member administers (ID or name); repeat for more')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'creditctl;member;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;member;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;member;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a member with one role; the first member must be an operator')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the members')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member (the last operator stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;member;help;add' {
            break
        }
        'creditctl;member;help;list' {
            break
        }
        'creditctl;member;help;remove' {
            break
        }
        'creditctl;member;help;help' {
            break
        }
        'creditctl;key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the registered public keys')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;key;generate' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The private key file to create (never over an existing file)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;key;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;key;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the registered public keys')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;key;help;generate' {
            break
        }
        'creditctl;key;help;list' {
            break
        }
        'creditctl;key;help;help' {
            break
        }
        'creditctl;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every column of a table, however wide (tables keep to 80 columns otherwise)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'creditctl;help' {
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)')
            [CompletionResult]::new('distributor', 'distributor', [CompletionResultType]::ParameterValue, 'Distributor accounts')
            [CompletionResult]::new('site', 'site', [CompletionResultType]::ParameterValue, 'Sites (installations) and their billing model')
            [CompletionResult]::new('device', 'device', [CompletionResultType]::ParameterValue, 'Devices registered at sites')
            [CompletionResult]::new('apartment', 'apartment', [CompletionResultType]::ParameterValue, 'Apartments of apartment-model sites')
            [CompletionResult]::new('voucher', 'voucher', [CompletionResultType]::ParameterValue, 'Credit vouchers: buy, list, redeem, cancel, export')
            [CompletionResult]::new('license', 'license', [CompletionResultType]::ParameterValue, 'Perpetual device licenses bought by serial number')
            [CompletionResult]::new('credits', 'credits', [CompletionResultType]::ParameterValue, 'Site credit pools: balances, history, purchases, adjustments, SMS spending')
            [CompletionResult]::new('deduct', 'deduct', [CompletionResultType]::ParameterValue, 'The monthly deduction')
            [CompletionResult]::new('payment', 'payment', [CompletionResultType]::ParameterValue, 'Payments made for orders and purchases')
            [CompletionResult]::new('price', 'price', [CompletionResultType]::ParameterValue, 'The price list')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'Ledger integrity: verify, checkpoints, copy')
            [CompletionResult]::new('member', 'member', [CompletionResultType]::ParameterValue, 'Members: who may do what (operator only)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'The Ed25519 keys that sign license files and checkpoints')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff) of every command, generated from this command tree')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'creditctl;help;demo' {
            break
        }
        'creditctl;help;distributor' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a distributor account (voucher purchasing starts deactivated)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List distributors')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Stop a distributor''s voucher and license purchases; its codes and licenses stay valid (platform operator)')
            break
        }
        'creditctl;help;distributor;add' {
            break
        }
        'creditctl;help;distributor;list' {
            break
        }
        'creditctl;help;distributor;activate' {
            break
        }
        'creditctl;help;distributor;deactivate' {
            break
        }
        'creditctl;help;site' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a site; its billing model cannot be changed later')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List sites')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one site with its pools and units')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a site (operator, or the site''s own site-admin); the new name is unique in any case')
            break
        }
        'creditctl;help;site;create' {
            break
        }
        'creditctl;help;site;list' {
            break
        }
        'creditctl;help;site;show' {
            break
        }
        'creditctl;help;site;rename' {
            break
        }
        'creditctl;help;device' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a device at a site')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List devices')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unregister a device')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Register devices from a CSV file (serial[,apartment] per line): all rows or none')
            break
        }
        'creditctl;help;device;add' {
            break
        }
        'creditctl;help;device;list' {
            break
        }
        'creditctl;help;device;remove' {
            break
        }
        'creditctl;help;device;import' {
            break
        }
        'creditctl;help;apartment' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an apartment (a billable unit) to an apartment-model site')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a site''s apartments')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an empty apartment')
            break
        }
        'creditctl;help;apartment;add' {
            break
        }
        'creditctl;help;apartment;list' {
            break
        }
        'creditctl;help;apartment;remove' {
            break
        }
        'creditctl;help;voucher' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Buy vouchers: shows the order and asks before buying')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vouchers')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one voucher')
            [CompletionResult]::new('redeem', 'redeem', [CompletionResultType]::ParameterValue, 'Redeem a voucher into a site''s credit pool (irreversible: shows what happens and asks)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an unused voucher (platform operator)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export codes to send them to customers')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Per order: vouchers by status, credits bought and redeemed, the amount paid')
            [CompletionResult]::new('attempts', 'attempts', [CompletionResultType]::ParameterValue, 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)')
            break
        }
        'creditctl;help;voucher;create' {
            break
        }
        'creditctl;help;voucher;list' {
            break
        }
        'creditctl;help;voucher;show' {
            break
        }
        'creditctl;help;voucher;redeem' {
            break
        }
        'creditctl;help;voucher;cancel' {
            break
        }
        'creditctl;help;voucher;export' {
            break
        }
        'creditctl;help;voucher;report' {
            break
        }
        'creditctl;help;voucher;attempts' {
            break
        }
        'creditctl;help;license' {
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'List the license catalog with prices')
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'List the licenses a serial does not own yet')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List bought licenses')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy licenses for a device serial: shows the order and asks before buying')
            [CompletionResult]::new('file', 'file', [CompletionResultType]::ParameterValue, 'Write a signed license file for a device serial, which the device checks offline')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a license file''s signature with a public key, without a ledger')
            break
        }
        'creditctl;help;license;catalog' {
            break
        }
        'creditctl;help;license;available' {
            break
        }
        'creditctl;help;license;list' {
            break
        }
        'creditctl;help;license;buy' {
            break
        }
        'creditctl;help;license;file' {
            break
        }
        'creditctl;help;license;verify' {
            break
        }
        'creditctl;help;credits' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Balances, units paid this month, units waiting, months covered')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'When each site''s video credits run out, and the credits that would cover the next months')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'A site''s ledger rows')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy video credits or SMS messages for a site (prints the receipt on stdout)')
            [CompletionResult]::new('adjust', 'adjust', [CompletionResultType]::ParameterValue, 'Correct a balance with a signed amount and a reason')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Spend SMS messages, once per reference')
            break
        }
        'creditctl;help;credits;show' {
            break
        }
        'creditctl;help;credits;forecast' {
            break
        }
        'creditctl;help;credits;history' {
            break
        }
        'creditctl;help;credits;buy' {
            break
        }
        'creditctl;help;credits;adjust' {
            break
        }
        'creditctl;help;credits;use' {
            break
        }
        'creditctl;help;deduct' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Charge every site for the period (safe to rerun: each unit once per period)')
            break
        }
        'creditctl;help;deduct;run' {
            break
        }
        'creditctl;help;payment' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payments')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one payment')
            break
        }
        'creditctl;help;payment;list' {
            break
        }
        'creditctl;help;payment;show' {
            break
        }
        'creditctl;help;price' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the price list')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a price (values already bought keep theirs)')
            break
        }
        'creditctl;help;price;show' {
            break
        }
        'creditctl;help;price;set' {
            break
        }
        'creditctl;help;ledger' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, every balance against its ledger sum, and every checkpoint')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Sign the chain''s row count and head hash, store the checkpoint and print it, to be kept elsewhere too')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy this ledger (--db) into an empty one, on either engine, in one transaction')
            break
        }
        'creditctl;help;ledger;verify' {
            break
        }
        'creditctl;help;ledger;checkpoint' {
            break
        }
        'creditctl;help;ledger;copy' {
            break
        }
        'creditctl;help;member' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a member with one role; the first member must be an operator')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the members')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member (the last operator stays)')
            break
        }
        'creditctl;help;member;add' {
            break
        }
        'creditctl;help;member;list' {
            break
        }
        'creditctl;help;member;remove' {
            break
        }
        'creditctl;help;key' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the registered public keys')
            break
        }
        'creditctl;help;key;generate' {
            break
        }
        'creditctl;help;key;list' {
            break
        }
        'creditctl;help;completions' {
            break
        }
        'creditctl;help;man' {
            break
        }
        'creditctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
