#!/usr/bin/env python3
"""Generate the SYNTHETIC churn demo data set for Healthscore.

Every row is made up. The accounts are fictitious ("Synthetic 001 Logistics"
and so on), and no real customer, company or person lies behind any value. The
file exists so a scorecard's evidence panel (ROC AUC per metric, suggested
weights from a logistic regression) has an outcome column with a known, planted
signal to find.

Regenerate (from the repository root):

    python3 scripts/synthetic_churn.py > core/src/templates/synthetic_churn.csv

Options: ``--seed N`` (default 20261128) and ``--rows N`` (default 500).
``--report`` also prints the churn rate and each metric's AUC to stderr.
The script uses only the Python 3 standard library (``random.Random(seed)``),
so the same seed and row count always give the same file, byte for byte.

Columns, in this order (the ones the built-in "DEAR 100-point scorecard" reads,
plus the outcome):

    Account, ARR, Core feature usage %, Login days per week, Usage trend,
    Active users, Licensed seats, Meetings, Champion, Onboarding, Outcome KPI,
    NPS, Churned

Generating model
----------------
1. Each account gets a latent health ``h ~ Normal(0, 1)``, never written out.

2. Metrics that follow health (each is health plus its own noise, with
   ``e ~ Normal(0, 1)`` drawn afresh for every metric):

   * Core feature usage %   = clamp(round(50 + 25 * (0.6 h + 0.8 e)), 0, 100)
   * Login days per week    = clamp(round(3.5 + 2.0 * (0.6 h + 0.8 e), 1), 0, 7)
   * Usage trend            from t = 0.6 h + 0.8 e: Rising if t > 0.6,
                            Falling if t < -0.6, otherwise Flat
   * Champion               from c = 0.6 h + 0.8 e: Absent if c < -0.85,
                            Transfer risk if c < -0.1, otherwise Present
   * Active users           = round(Licensed seats * r), where
                            r = logistic(0.5 + 0.3 h + 0.95 e) (only a weak
                            link to health: this is the moderate driver)
   * Meetings               from m = 0.6 h + 0.8 e: No contact if m < -0.9,
                            Somewhat stalled if m < 0.1, otherwise Recently held

   Meetings follows health but does NOT enter the churn equation below: it is
   related to churn only through health (expect an AUC of about 0.65, and a
   near-zero weight once the real drivers are in a regression).

3. Metrics drawn independently of health AND of churn (expected AUC ~0.5):

   * ARR             log-uniform on $5,000..$400,000, rounded to $1,000
   * Licensed seats  = clamp(round(ARR / p), 5, 500), p log-uniform 300..1500
                       (its size alone carries no signal; only the active
                       share of seats does)
   * Onboarding      Complete 50% / Partial 30% / Incomplete 20%
   * Outcome KPI     Achieved 40% / Partial 35% / Unmet 25%
   * NPS             integer 0..10, weighted towards 6..9

4. Churn. With the standardised, *as-written* metric values

       u = (Core feature usage % - 50) / 25
       l = (Login days per week - 3.5) / 2
       a = (Active users / Licensed seats - 0.6) / 0.2

   the log-odds of churn are

       logit P(churn) = -2.7
                        - 1.0 * u                       (strong)
                        - 0.9 * l                       (strong)
                        + 1.6 * [Champion = Absent]     (strong)
                        + 0.6 * [Champion = Transfer risk]
                        + 1.0 * [Usage trend = Falling] (strong)
                        - 0.6 * [Usage trend = Rising]
                        - 0.4 * a                       (moderate)

   and Churned is "yes" with that probability. NPS, Outcome KPI, Onboarding,
   Meetings, ARR and Licensed seats have coefficient 0. The intercept gives an
   overall churn rate of about 22%.

5. Missing values: exactly round(2% of rows) cells of NPS and, separately,
   of Outcome KPI are blank, at random rows. No other cell is ever blank.
"""

# NOTE: SYNTHETIC DATA. Nothing this script writes describes a real account.

import argparse
import csv
import math
import sys

from random import Random

DEFAULT_SEED = 20261128
DEFAULT_ROWS = 500

HEADER = [
    "Account",
    "ARR",
    "Core feature usage %",
    "Login days per week",
    "Usage trend",
    "Active users",
    "Licensed seats",
    "Meetings",
    "Champion",
    "Onboarding",
    "Outcome KPI",
    "NPS",
    "Churned",
]

SECTORS = [
    "Analytics", "Logistics", "Health", "Media", "Retail", "Robotics",
    "Foods", "Energy", "Labs", "Finance", "Studios", "Systems", "Travel",
    "Legal", "Security", "Education", "Freight", "Biotech", "Apparel",
    "Software",
]

# Loadings of a metric on latent health and on its own noise (0.6^2 + 0.8^2 = 1).
LOAD_H = 0.6
LOAD_E = 0.8

# Churn equation (see the docstring).
INTERCEPT = -2.7
B_USAGE = -1.0
B_LOGIN = -0.9
B_CHAMPION_ABSENT = 1.6
B_CHAMPION_TRANSFER = 0.6
B_TREND_FALLING = 1.0
B_TREND_RISING = -0.6
B_ACTIVE_SHARE = -0.4

MISSING_SHARE = 0.02

# Healthy-to-unhealthy order of each categorical column (used by --report).
ORDERS = {
    "Usage trend": ["Rising", "Flat", "Falling"],
    "Meetings": ["Recently held", "Somewhat stalled", "No contact"],
    "Champion": ["Present", "Transfer risk", "Absent"],
    "Onboarding": ["Complete", "Partial", "Incomplete"],
    "Outcome KPI": ["Achieved", "Partial", "Unmet"],
}


def logistic(x):
    return 1.0 / (1.0 + math.exp(-x))


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def weighted(rng, pairs):
    """Pick a value from (value, weight) pairs."""
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


def generate(seed, rows):
    """Return the data rows (lists of strings), header not included."""
    rng = Random(seed)
    out = []
    for i in range(rows):
        h = rng.gauss(0.0, 1.0)

        def follows_health():
            return LOAD_H * h + LOAD_E * rng.gauss(0.0, 1.0)

        # Health-driven metrics.
        usage = int(clamp(round(50 + 25 * follows_health()), 0, 100))
        login = clamp(round(3.5 + 2.0 * follows_health(), 1), 0.0, 7.0)
        t = follows_health()
        trend = "Rising" if t > 0.6 else "Falling" if t < -0.6 else "Flat"
        c = follows_health()
        champion = (
            "Absent" if c < -0.85 else "Transfer risk" if c < -0.1 else "Present"
        )
        share = logistic(0.5 + 0.3 * h + 0.95 * rng.gauss(0.0, 1.0))
        m = follows_health()
        meetings = (
            "No contact"
            if m < -0.9
            else "Somewhat stalled" if m < 0.1 else "Recently held"
        )

        # Independent of health and of churn.
        arr = math.exp(rng.uniform(math.log(5_000), math.log(400_000)))
        arr = int(clamp(round(arr / 1000) * 1000, 5_000, 400_000))
        per_seat = math.exp(rng.uniform(math.log(300), math.log(1500)))
        seats = int(clamp(round(arr / per_seat), 5, 500))
        active = int(clamp(round(seats * share), 0, seats))
        onboarding = weighted(
            rng, [("Complete", 50), ("Partial", 30), ("Incomplete", 20)]
        )
        outcome = weighted(rng, [("Achieved", 40), ("Partial", 35), ("Unmet", 25)])
        nps = weighted(
            rng,
            [(0, 2), (1, 2), (2, 3), (3, 4), (4, 5), (5, 8), (6, 12), (7, 16),
             (8, 18), (9, 17), (10, 13)],
        )

        # Churn from the as-written values.
        u = (usage - 50) / 25
        lg = (login - 3.5) / 2
        a = (active / seats - 0.6) / 0.2
        z = (
            INTERCEPT
            + B_USAGE * u
            + B_LOGIN * lg
            + B_CHAMPION_ABSENT * (champion == "Absent")
            + B_CHAMPION_TRANSFER * (champion == "Transfer risk")
            + B_TREND_FALLING * (trend == "Falling")
            + B_TREND_RISING * (trend == "Rising")
            + B_ACTIVE_SHARE * a
        )
        churned = "yes" if rng.random() < logistic(z) else "no"

        out.append([
            f"Synthetic {i + 1:03d} {SECTORS[i % len(SECTORS)]}",
            f"${arr:,}",
            f"{usage}%",
            f"{login:.1f}",
            trend,
            str(active),
            str(seats),
            meetings,
            champion,
            onboarding,
            outcome,
            str(nps),
            churned,
        ])

    # Blank a fixed share of NPS and of Outcome KPI cells, at random rows.
    k = round(MISSING_SHARE * rows)
    for column in ("NPS", "Outcome KPI"):
        j = HEADER.index(column)
        for r in rng.sample(range(rows), k):
            out[r][j] = ""
    return out


def auc(values, churned):
    """P(retained value > churned value), ties counted half (Mann-Whitney)."""
    kept = [v for v, c in zip(values, churned) if v is not None and not c]
    lost = [v for v, c in zip(values, churned) if v is not None and c]
    if not kept or not lost:
        return float("nan")
    wins = 0.0
    for k in kept:
        for x in lost:
            wins += 1.0 if k > x else 0.5 if k == x else 0.0
    return wins / (len(kept) * len(lost))


def report(rows, stream):
    """Print churn rate and per-metric AUC (higher value = healthier)."""
    churned = [r[HEADER.index("Churned")] == "yes" for r in rows]
    n = len(rows)
    print(f"rows {n}, churned {sum(churned)} ({sum(churned) / n:.1%})", file=stream)

    def number(s):
        s = s.replace("$", "").replace(",", "").replace("%", "")
        return float(s) if s else None

    def column(name):
        j = HEADER.index(name)
        cells = [r[j] for r in rows]
        if name in ORDERS:
            order = ORDERS[name]
            return [len(order) - order.index(s) if s else None for s in cells]
        return [number(s) for s in cells]

    columns = {name: column(name) for name in HEADER[1:-1]}
    active, seats = columns["Active users"], columns["Licensed seats"]
    columns["Active users / Licensed seats"] = [a / s for a, s in zip(active, seats)]
    for name, values in columns.items():
        blanks = sum(v is None for v in values)
        extra = f"  ({blanks} blank)" if blanks else ""
        print(f"  AUC {auc(values, churned):.3f}  {name}{extra}", file=stream)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument(
        "--report",
        action="store_true",
        help="also print the churn rate and per-metric AUC to stderr",
    )
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if args.rows > 999:
        parser.error("--rows must be at most 999 (account names use 3 digits)")

    rows = generate(args.seed, args.rows)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    if args.report:
        report(rows, sys.stderr)


if __name__ == "__main__":
    main()
