
use builtin;
use str;

set edit:completion:arg-completer[creditctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'creditctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'creditctl'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand demo 'A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)'
            cand distributor 'Distributor accounts'
            cand site 'Sites (installations) and their billing model'
            cand device 'Devices registered at sites'
            cand apartment 'Apartments of apartment-model sites'
            cand voucher 'Credit vouchers: buy, list, redeem, cancel, export'
            cand license 'Perpetual device licenses bought by serial number'
            cand credits 'Site credit pools: balances, history, purchases, adjustments, SMS spending'
            cand deduct 'The monthly deduction'
            cand payment 'Payments made for orders and purchases'
            cand price 'The price list'
            cand ledger 'Ledger integrity: verify, checkpoints, copy'
            cand member 'Members: who may do what (operator only)'
            cand key 'The Ed25519 keys that sign license files and checkpoints'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff) of every command, generated from this command tree'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;demo'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;distributor'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a distributor account (voucher purchasing starts deactivated)'
            cand list 'List distributors'
            cand activate 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)'
            cand deactivate 'Stop a distributor''s voucher and license purchases; its codes and licenses stay valid (platform operator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;distributor;add'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;distributor;list'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;distributor;activate'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;distributor;deactivate'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;distributor;help'= {
            cand add 'Add a distributor account (voucher purchasing starts deactivated)'
            cand list 'List distributors'
            cand activate 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)'
            cand deactivate 'Stop a distributor''s voucher and license purchases; its codes and licenses stay valid (platform operator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;distributor;help;add'= {
        }
        &'creditctl;distributor;help;list'= {
        }
        &'creditctl;distributor;help;activate'= {
        }
        &'creditctl;distributor;help;deactivate'= {
        }
        &'creditctl;distributor;help;help'= {
        }
        &'creditctl;site'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'Create a site; its billing model cannot be changed later'
            cand list 'List sites'
            cand show 'Show one site with its pools and units'
            cand rename 'Rename a site (operator, or the site''s own site-admin); the new name is unique in any case'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;site;create'= {
            cand --model 'How the site is billed: per paid device, or per apartment (fixed at creation)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'creditctl;site;list'= {
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after the one with this ID: the next page starts after the last ID printed'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;site;show'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;site;rename'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;site;help'= {
            cand create 'Create a site; its billing model cannot be changed later'
            cand list 'List sites'
            cand show 'Show one site with its pools and units'
            cand rename 'Rename a site (operator, or the site''s own site-admin); the new name is unique in any case'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;site;help;create'= {
        }
        &'creditctl;site;help;list'= {
        }
        &'creditctl;site;help;show'= {
        }
        &'creditctl;site;help;rename'= {
        }
        &'creditctl;site;help;help'= {
        }
        &'creditctl;device'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Register a device at a site'
            cand list 'List devices'
            cand remove 'Unregister a device'
            cand import 'Register devices from a CSV file (serial[,apartment] per line): all rows or none'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;device;add'= {
            cand --site 'Site ID or unique name'
            cand --serial 'Serial number, NN-NNNN-NNNN'
            cand --apartment 'Apartment (apartment-model sites only, required there)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;device;list'= {
            cand --site 'Only this site''s devices (ID or unique name)'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after this one (its code, serial or name as printed): the next page'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;device;remove'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;device;import'= {
            cand --site 'Site ID or unique name'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;device;help'= {
            cand add 'Register a device at a site'
            cand list 'List devices'
            cand remove 'Unregister a device'
            cand import 'Register devices from a CSV file (serial[,apartment] per line): all rows or none'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;device;help;add'= {
        }
        &'creditctl;device;help;list'= {
        }
        &'creditctl;device;help;remove'= {
        }
        &'creditctl;device;help;import'= {
        }
        &'creditctl;device;help;help'= {
        }
        &'creditctl;apartment'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add an apartment (a billable unit) to an apartment-model site'
            cand list 'List a site''s apartments'
            cand remove 'Remove an empty apartment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;apartment;add'= {
            cand --site 'Site ID or unique name'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;apartment;list'= {
            cand --site 'Site ID or unique name'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after this one (its code, serial or name as printed): the next page'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;apartment;remove'= {
            cand --site 'Site ID or unique name'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;apartment;help'= {
            cand add 'Add an apartment (a billable unit) to an apartment-model site'
            cand list 'List a site''s apartments'
            cand remove 'Remove an empty apartment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;apartment;help;add'= {
        }
        &'creditctl;apartment;help;list'= {
        }
        &'creditctl;apartment;help;remove'= {
        }
        &'creditctl;apartment;help;help'= {
        }
        &'creditctl;voucher'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'Buy vouchers: shows the order and asks before buying'
            cand list 'List vouchers'
            cand show 'Show one voucher'
            cand redeem 'Redeem a voucher into a site''s credit pool (irreversible: shows what happens and asks)'
            cand cancel 'Cancel an unused voucher (platform operator)'
            cand export 'Export codes to send them to customers'
            cand report 'Per order: vouchers by status, credits bought and redeemed, the amount paid'
            cand attempts 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;voucher;create'= {
            cand --distributor 'Distributor ID or name (voucher purchasing must be activated)'
            cand --name 'Voucher name'
            cand --years 'Years (1-10)'
            cand --subscriptions 'Subscriptions: paid devices or apartments (1-10000)'
            cand --type 'What the voucher pays for: device or apartment credits, or SMS messages'
            cand --messages 'SMS messages, a multiple of 50 (--type sms only)'
            cand --count 'Number of codes (1-100000)'
            cand --payment 'How the order is paid'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --dry-run 'Show the order and write nothing'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;list'= {
            cand --distributor 'Only this distributor''s vouchers (ID or name)'
            cand --status 'Only vouchers in this state'
            cand --order 'Only this order''s vouchers (its ID)'
            cand --expiring-within 'Only active vouchers that expire within DAYS days (1-3660)'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after this one (its code, serial or name as printed): the next page'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;show'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;redeem'= {
            cand --site 'The site whose pool receives the credits (ID or unique name)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;cancel'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;export'= {
            cand --distributor 'Only this distributor''s vouchers (ID or name)'
            cand --status 'Only vouchers in this state'
            cand --order 'Only this order''s vouchers (its ID)'
            cand --expiring-within 'Only active vouchers that expire within DAYS days (1-3660)'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after this one (its code, serial or name as printed): the next page'
            cand --format 'The file format'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;report'= {
            cand --distributor 'Only this distributor''s orders (ID or name)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;attempts'= {
            cand --site 'Only those on this site (ID or name)'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after the one with this ID: the next page starts after the last ID printed'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;voucher;help'= {
            cand create 'Buy vouchers: shows the order and asks before buying'
            cand list 'List vouchers'
            cand show 'Show one voucher'
            cand redeem 'Redeem a voucher into a site''s credit pool (irreversible: shows what happens and asks)'
            cand cancel 'Cancel an unused voucher (platform operator)'
            cand export 'Export codes to send them to customers'
            cand report 'Per order: vouchers by status, credits bought and redeemed, the amount paid'
            cand attempts 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;voucher;help;create'= {
        }
        &'creditctl;voucher;help;list'= {
        }
        &'creditctl;voucher;help;show'= {
        }
        &'creditctl;voucher;help;redeem'= {
        }
        &'creditctl;voucher;help;cancel'= {
        }
        &'creditctl;voucher;help;export'= {
        }
        &'creditctl;voucher;help;report'= {
        }
        &'creditctl;voucher;help;attempts'= {
        }
        &'creditctl;voucher;help;help'= {
        }
        &'creditctl;license'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand catalog 'List the license catalog with prices'
            cand available 'List the licenses a serial does not own yet'
            cand list 'List bought licenses'
            cand buy 'Buy licenses for a device serial: shows the order and asks before buying'
            cand file 'Write a signed license file for a device serial, which the device checks offline'
            cand verify 'Check a license file''s signature with a public key, without a ledger'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;license;catalog'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;license;available'= {
            cand --serial 'The device''s serial number, NN-NNNN-NNNN'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;license;list'= {
            cand --serial 'Only this device''s licenses'
            cand --distributor 'Only licenses this distributor bought (ID or name)'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after the one with this ID: the next page starts after the last ID printed'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;license;buy'= {
            cand --serial 'The device''s serial number, NN-NNNN-NNNN (need not belong to a site)'
            cand --license 'License product(s) from the catalog'
            cand --distributor 'The distributor that buys (ID or name)'
            cand --payment 'How the order is paid'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;license;file'= {
            cand --serial 'The device''s serial number, NN-NNNN-NNNN'
            cand --out 'Write the file here (never over an existing file) [default: stdout]'
            cand --key 'Private key that signs'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;license;verify'= {
            cand --public-key 'The public key (PEM), as `key generate` wrote it to FILE.pub'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;license;help'= {
            cand catalog 'List the license catalog with prices'
            cand available 'List the licenses a serial does not own yet'
            cand list 'List bought licenses'
            cand buy 'Buy licenses for a device serial: shows the order and asks before buying'
            cand file 'Write a signed license file for a device serial, which the device checks offline'
            cand verify 'Check a license file''s signature with a public key, without a ledger'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;license;help;catalog'= {
        }
        &'creditctl;license;help;available'= {
        }
        &'creditctl;license;help;list'= {
        }
        &'creditctl;license;help;buy'= {
        }
        &'creditctl;license;help;file'= {
        }
        &'creditctl;license;help;verify'= {
        }
        &'creditctl;license;help;help'= {
        }
        &'creditctl;credits'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Balances, units paid this month, units waiting, months covered'
            cand forecast 'When each site''s video credits run out, and the credits that would cover the next months'
            cand history 'A site''s ledger rows'
            cand buy 'Buy video credits or SMS messages for a site (prints the receipt on stdout)'
            cand adjust 'Correct a balance with a signed amount and a reason'
            cand use 'Spend SMS messages, once per reference'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;credits;show'= {
            cand --site 'Only this site (ID or unique name) [default: every site]'
            cand --status 'Only sites with this status this month'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after the one with this ID: the next page starts after the last ID printed'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'creditctl;credits;forecast'= {
            cand --site 'One site (ID or name) [default: every site you may see]'
            cand --months 'Months after the current one that `credits_to_cover` pays for (1-120)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;credits;history'= {
            cand --site 'Site ID or unique name'
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after the one with this ID: the next page starts after the last ID printed'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;credits;buy'= {
            cand --site 'Site ID or unique name'
            cand --credits 'Video credits (1 credit = 1 unit for 1 month)'
            cand --sms 'SMS messages, a multiple of 50'
            cand --payment 'How the purchase is paid'
            cand --reference 'Retry key: a retry with the same reference returns the first purchase and buys nothing'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --dry-run 'Quote the price and write nothing'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;credits;adjust'= {
            cand --site 'Site ID or unique name'
            cand --amount 'Signed amount, e.g. 10 or -3'
            cand --reason 'Why, recorded in the ledger (1 to 500 characters)'
            cand --pool 'The pool to correct'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;credits;use'= {
            cand --site 'Site ID or unique name'
            cand --sms 'Messages to spend'
            cand --reference 'Idempotency key: a retry with the same reference changes nothing'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;credits;help'= {
            cand show 'Balances, units paid this month, units waiting, months covered'
            cand forecast 'When each site''s video credits run out, and the credits that would cover the next months'
            cand history 'A site''s ledger rows'
            cand buy 'Buy video credits or SMS messages for a site (prints the receipt on stdout)'
            cand adjust 'Correct a balance with a signed amount and a reason'
            cand use 'Spend SMS messages, once per reference'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;credits;help;show'= {
        }
        &'creditctl;credits;help;forecast'= {
        }
        &'creditctl;credits;help;history'= {
        }
        &'creditctl;credits;help;buy'= {
        }
        &'creditctl;credits;help;adjust'= {
        }
        &'creditctl;credits;help;use'= {
        }
        &'creditctl;credits;help;help'= {
        }
        &'creditctl;deduct'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand run 'Charge every site for the period (safe to rerun: each unit once per period)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;deduct;run'= {
            cand --period 'YYYY-MM [default: the current month]'
            cand --alert-months 'Name as low the sites that will not be fully paid within N months after the period (1-120) [default: 1, next month]'
            cand --key 'Private key that signs a checkpoint at the end [default: none, no checkpoint]'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --dry-run 'Compute the summary and write nothing'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;deduct;help'= {
            cand run 'Charge every site for the period (safe to rerun: each unit once per period)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;deduct;help;run'= {
        }
        &'creditctl;deduct;help;help'= {
        }
        &'creditctl;payment'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List payments'
            cand show 'Show one payment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;payment;list'= {
            cand --limit 'Print at most N rows (1-1000000000)'
            cand --after 'Only the rows after the one with this ID: the next page starts after the last ID printed'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;payment;show'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;payment;help'= {
            cand list 'List payments'
            cand show 'Show one payment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;payment;help;list'= {
        }
        &'creditctl;payment;help;show'= {
        }
        &'creditctl;payment;help;help'= {
        }
        &'creditctl;price'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Show the price list'
            cand set 'Change a price (values already bought keep theirs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;price;show'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;price;set'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;price;help'= {
            cand show 'Show the price list'
            cand set 'Change a price (values already bought keep theirs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;price;help;show'= {
        }
        &'creditctl;price;help;set'= {
        }
        &'creditctl;price;help;help'= {
        }
        &'creditctl;ledger'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Check the hash chain, every balance against its ledger sum, and every checkpoint'
            cand checkpoint 'Sign the chain''s row count and head hash, store the checkpoint and print it, to be kept elsewhere too'
            cand copy 'Copy this ledger (--db) into an empty one, on either engine, in one transaction'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;ledger;verify'= {
            cand --checkpoint 'Also check the checkpoints kept in this file (as `ledger checkpoint` prints them, one or more)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;ledger;checkpoint'= {
            cand --key 'Private key that signs'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;ledger;copy'= {
            cand --to 'The new ledger: a SQLite file path that does not exist yet, or a postgres:// URL of a database without a ledger'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;ledger;help'= {
            cand verify 'Check the hash chain, every balance against its ledger sum, and every checkpoint'
            cand checkpoint 'Sign the chain''s row count and head hash, store the checkpoint and print it, to be kept elsewhere too'
            cand copy 'Copy this ledger (--db) into an empty one, on either engine, in one transaction'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;ledger;help;verify'= {
        }
        &'creditctl;ledger;help;checkpoint'= {
        }
        &'creditctl;ledger;help;copy'= {
        }
        &'creditctl;ledger;help;help'= {
        }
        &'creditctl;member'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a member with one role; the first member must be an operator'
            cand list 'List the members'
            cand remove 'Remove a member (the last operator stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;member;add'= {
            cand --role 'operator, distributor (with --distributor), site-admin (with --site) or billing'
            cand --distributor 'The distributor a distributor member acts for (ID or name)'
            cand --site 'A site a site-admin member administers (ID or name); repeat for more'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'creditctl;member;list'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;member;remove'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;member;help'= {
            cand add 'Add a member with one role; the first member must be an operator'
            cand list 'List the members'
            cand remove 'Remove a member (the last operator stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;member;help;add'= {
        }
        &'creditctl;member;help;list'= {
        }
        &'creditctl;member;help;remove'= {
        }
        &'creditctl;member;help;help'= {
        }
        &'creditctl;key'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand generate 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger'
            cand list 'List the registered public keys'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;key;generate'= {
            cand --out 'The private key file to create (never over an existing file)'
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;key;list'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;key;help'= {
            cand generate 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger'
            cand list 'List the registered public keys'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;key;help;generate'= {
        }
        &'creditctl;key;help;list'= {
        }
        &'creditctl;key;help;help'= {
        }
        &'creditctl;completions'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;man'= {
            cand --db 'Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]'
            cand --as 'Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand --wide 'Show every column of a table, however wide (tables keep to 80 columns otherwise)'
            cand -y 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand --yes 'Answer yes to confirmations (needed when stdin is not a terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'creditctl;help'= {
            cand demo 'A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)'
            cand distributor 'Distributor accounts'
            cand site 'Sites (installations) and their billing model'
            cand device 'Devices registered at sites'
            cand apartment 'Apartments of apartment-model sites'
            cand voucher 'Credit vouchers: buy, list, redeem, cancel, export'
            cand license 'Perpetual device licenses bought by serial number'
            cand credits 'Site credit pools: balances, history, purchases, adjustments, SMS spending'
            cand deduct 'The monthly deduction'
            cand payment 'Payments made for orders and purchases'
            cand price 'The price list'
            cand ledger 'Ledger integrity: verify, checkpoints, copy'
            cand member 'Members: who may do what (operator only)'
            cand key 'The Ed25519 keys that sign license files and checkpoints'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff) of every command, generated from this command tree'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'creditctl;help;demo'= {
        }
        &'creditctl;help;distributor'= {
            cand add 'Add a distributor account (voucher purchasing starts deactivated)'
            cand list 'List distributors'
            cand activate 'Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)'
            cand deactivate 'Stop a distributor''s voucher and license purchases; its codes and licenses stay valid (platform operator)'
        }
        &'creditctl;help;distributor;add'= {
        }
        &'creditctl;help;distributor;list'= {
        }
        &'creditctl;help;distributor;activate'= {
        }
        &'creditctl;help;distributor;deactivate'= {
        }
        &'creditctl;help;site'= {
            cand create 'Create a site; its billing model cannot be changed later'
            cand list 'List sites'
            cand show 'Show one site with its pools and units'
            cand rename 'Rename a site (operator, or the site''s own site-admin); the new name is unique in any case'
        }
        &'creditctl;help;site;create'= {
        }
        &'creditctl;help;site;list'= {
        }
        &'creditctl;help;site;show'= {
        }
        &'creditctl;help;site;rename'= {
        }
        &'creditctl;help;device'= {
            cand add 'Register a device at a site'
            cand list 'List devices'
            cand remove 'Unregister a device'
            cand import 'Register devices from a CSV file (serial[,apartment] per line): all rows or none'
        }
        &'creditctl;help;device;add'= {
        }
        &'creditctl;help;device;list'= {
        }
        &'creditctl;help;device;remove'= {
        }
        &'creditctl;help;device;import'= {
        }
        &'creditctl;help;apartment'= {
            cand add 'Add an apartment (a billable unit) to an apartment-model site'
            cand list 'List a site''s apartments'
            cand remove 'Remove an empty apartment'
        }
        &'creditctl;help;apartment;add'= {
        }
        &'creditctl;help;apartment;list'= {
        }
        &'creditctl;help;apartment;remove'= {
        }
        &'creditctl;help;voucher'= {
            cand create 'Buy vouchers: shows the order and asks before buying'
            cand list 'List vouchers'
            cand show 'Show one voucher'
            cand redeem 'Redeem a voucher into a site''s credit pool (irreversible: shows what happens and asks)'
            cand cancel 'Cancel an unused voucher (platform operator)'
            cand export 'Export codes to send them to customers'
            cand report 'Per order: vouchers by status, credits bought and redeemed, the amount paid'
            cand attempts 'Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)'
        }
        &'creditctl;help;voucher;create'= {
        }
        &'creditctl;help;voucher;list'= {
        }
        &'creditctl;help;voucher;show'= {
        }
        &'creditctl;help;voucher;redeem'= {
        }
        &'creditctl;help;voucher;cancel'= {
        }
        &'creditctl;help;voucher;export'= {
        }
        &'creditctl;help;voucher;report'= {
        }
        &'creditctl;help;voucher;attempts'= {
        }
        &'creditctl;help;license'= {
            cand catalog 'List the license catalog with prices'
            cand available 'List the licenses a serial does not own yet'
            cand list 'List bought licenses'
            cand buy 'Buy licenses for a device serial: shows the order and asks before buying'
            cand file 'Write a signed license file for a device serial, which the device checks offline'
            cand verify 'Check a license file''s signature with a public key, without a ledger'
        }
        &'creditctl;help;license;catalog'= {
        }
        &'creditctl;help;license;available'= {
        }
        &'creditctl;help;license;list'= {
        }
        &'creditctl;help;license;buy'= {
        }
        &'creditctl;help;license;file'= {
        }
        &'creditctl;help;license;verify'= {
        }
        &'creditctl;help;credits'= {
            cand show 'Balances, units paid this month, units waiting, months covered'
            cand forecast 'When each site''s video credits run out, and the credits that would cover the next months'
            cand history 'A site''s ledger rows'
            cand buy 'Buy video credits or SMS messages for a site (prints the receipt on stdout)'
            cand adjust 'Correct a balance with a signed amount and a reason'
            cand use 'Spend SMS messages, once per reference'
        }
        &'creditctl;help;credits;show'= {
        }
        &'creditctl;help;credits;forecast'= {
        }
        &'creditctl;help;credits;history'= {
        }
        &'creditctl;help;credits;buy'= {
        }
        &'creditctl;help;credits;adjust'= {
        }
        &'creditctl;help;credits;use'= {
        }
        &'creditctl;help;deduct'= {
            cand run 'Charge every site for the period (safe to rerun: each unit once per period)'
        }
        &'creditctl;help;deduct;run'= {
        }
        &'creditctl;help;payment'= {
            cand list 'List payments'
            cand show 'Show one payment'
        }
        &'creditctl;help;payment;list'= {
        }
        &'creditctl;help;payment;show'= {
        }
        &'creditctl;help;price'= {
            cand show 'Show the price list'
            cand set 'Change a price (values already bought keep theirs)'
        }
        &'creditctl;help;price;show'= {
        }
        &'creditctl;help;price;set'= {
        }
        &'creditctl;help;ledger'= {
            cand verify 'Check the hash chain, every balance against its ledger sum, and every checkpoint'
            cand checkpoint 'Sign the chain''s row count and head hash, store the checkpoint and print it, to be kept elsewhere too'
            cand copy 'Copy this ledger (--db) into an empty one, on either engine, in one transaction'
        }
        &'creditctl;help;ledger;verify'= {
        }
        &'creditctl;help;ledger;checkpoint'= {
        }
        &'creditctl;help;ledger;copy'= {
        }
        &'creditctl;help;member'= {
            cand add 'Add a member with one role; the first member must be an operator'
            cand list 'List the members'
            cand remove 'Remove a member (the last operator stays)'
        }
        &'creditctl;help;member;add'= {
        }
        &'creditctl;help;member;list'= {
        }
        &'creditctl;help;member;remove'= {
        }
        &'creditctl;help;key'= {
            cand generate 'Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the ledger), the public key in FILE.pub and registered in the ledger'
            cand list 'List the registered public keys'
        }
        &'creditctl;help;key;generate'= {
        }
        &'creditctl;help;key;list'= {
        }
        &'creditctl;help;completions'= {
        }
        &'creditctl;help;man'= {
        }
        &'creditctl;help;help'= {
        }
    ]
    $completions[$command]
}
