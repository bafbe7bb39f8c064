#!/usr/bin/env python3
"""Differential test of the SQL export: runs each generated case's query in PostgreSQL
and DuckDB and compares every account with the core's own scores (expected.csv).

Usage: sql_differential.py CASES_DIR --pg-host SOCKET_DIR [--pg-port N] [--pg-user U]

Each case folder (written by `cargo run -p healthscore-cli --example sql_cases`) holds
accounts.csv (every column loaded as text), query_postgres.sql, query_duckdb.sql and
expected.csv. Scores, sub-scores and points must agree to 1e-9; band, grade and the
missing list exactly. Prints one line per failing case and a closing line in cargo's
format ("test result: ok. N passed; M failed;") that scripts/test.sh counts.
"""
import argparse
import csv
import os
import subprocess
import sys

import duckdb

NULL = "\u22a5"  # how psql is told to print NULL, so it differs from ''
TOLERANCE = 1e-9


def quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def run_duckdb(case, headers, rows):
    con = duckdb.connect()
    columns = ", ".join(f"{quote_ident(h)} VARCHAR" for h in headers)
    con.execute(f"CREATE TABLE accounts ({columns})")
    marks = ", ".join("?" for _ in headers)
    con.executemany(f"INSERT INTO accounts VALUES ({marks})", rows)
    result = con.execute(open(os.path.join(case, "query_duckdb.sql"), encoding="utf-8").read())
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def run_postgres(case, headers, args):
    columns = ", ".join(f"{quote_ident(h)} text" for h in headers)
    accounts = os.path.abspath(os.path.join(case, "accounts.csv"))
    query = os.path.abspath(os.path.join(case, "query_postgres.sql"))
    script = "\n".join([
        "SET statement_timeout = '60s';",
        "DROP TABLE IF EXISTS accounts;",
        f"CREATE TABLE accounts ({columns});",
        f"\\copy accounts FROM '{accounts}' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')",
        f"\\pset null '{NULL}'",
        f"\\i '{query}'",
    ])
    out = subprocess.run(
        ["psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-h", args.pg_host,
         "-p", str(args.pg_port), "-U", args.pg_user, "-d", "postgres"],
        input=script, capture_output=True, text=True, encoding="utf-8")
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    rows = list(csv.reader(out.stdout.splitlines(keepends=True)))
    names = rows[0]
    return [{n: (None if v == NULL else v) for n, v in zip(names, row)} for row in rows[1:]]


def as_float(value):
    if value is None or value == "":
        return None
    return float(value)


def compare(expected_rows, expected_headers, got):
    """The first difference between the core's rows and the database's, or None."""
    by_name = {row["account"]: row for row in got}
    if len(by_name) != len(expected_rows):
        return f"{len(got)} rows back for {len(expected_rows)} accounts"
    for values in expected_rows:
        want = dict(zip(expected_headers, values))
        row = by_name.get(want["account"])
        if row is None:
            return f"account {want['account']!r} missing from the result"
        for column, value in want.items():
            if column == "account":
                continue
            have = row.get(column)
            if column in ("band", "grade", "missing"):
                if (have or "") != value:
                    return f"{want['account']!r} {column}: core {value!r}, SQL {have!r}"
                continue
            a, b = as_float(value), as_float(have)
            if (a is None) != (b is None) or (a is not None and abs(a - b) > TOLERANCE):
                return f"{want['account']!r} {column}: core {value!r}, SQL {have!r}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases")
    parser.add_argument("--pg-host", required=True)
    parser.add_argument("--pg-port", default=5432, type=int)
    parser.add_argument("--pg-user", default="postgres")
    args = parser.parse_args()
    passed = failed = 0
    for name in sorted(os.listdir(args.cases)):
        case = os.path.join(args.cases, name)
        headers, rows = read_csv(os.path.join(case, "accounts.csv"))
        expected_headers, expected_rows = read_csv(os.path.join(case, "expected.csv"))
        for engine in ("postgres", "duckdb"):
            try:
                got = run_duckdb(case, headers, rows) if engine == "duckdb" else run_postgres(case, headers, args)
                problem = compare(expected_rows, expected_headers, got)
            except Exception as error:  # a query that does not run is a failure to report
                problem = f"query failed: {error}"
            if problem:
                failed += 1
                print(f"FAIL {name} {engine}: {problem}")
            else:
                passed += 1
    status = "ok" if failed == 0 else "FAILED"
    print(f"sql differential: {passed} passed, {failed} failed (PostgreSQL and DuckDB, per case)")
    print(f"test result: {status}. {passed} passed; {failed} failed; 0 ignored")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
