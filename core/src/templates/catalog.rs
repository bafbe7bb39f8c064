//! The DEAR metric catalog: each metric a CS team commonly scores, with a sensible default rule.

use super::{categorical, column, metric, seats_ratio, tiers, Exclude, Higher, Lower, Zero};
use crate::model::{Category, Metric, MissingPolicy, Rule, Signal};

/// One catalog entry: a name to pick from and a function that builds the metric.
pub struct CatalogEntry {
    /// What the user picks ("Core-feature usage").
    pub name: &'static str,
    /// Builds the metric at weight 0, ready to be weighted in the designer.
    pub build: fn() -> Metric,
}

fn support() -> Category {
    Category::Custom("Support".to_owned())
}

/// Every catalog metric, in DEAR order: Deployment, Engagement, Adoption, ROI.
pub const CATALOG: [CatalogEntry; 15] = [
    CatalogEntry {
        name: "Onboarding completion",
        build: || {
            metric(
                "onboarding",
                "Onboarding completion",
                Category::Deployment,
                Signal::Leading,
                0.0,
                column("Onboarding"),
                categorical(
                    10.0,
                    &[("Complete", 10.0), ("Partial", 5.0), ("Incomplete", 0.0)],
                ),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Initial setup / integration",
        build: || {
            metric(
                "integration",
                "Initial setup / integration",
                Category::Deployment,
                Signal::Leading,
                0.0,
                column("Integration"),
                categorical(
                    10.0,
                    &[("Live", 10.0), ("In progress", 5.0), ("Not started", 0.0)],
                ),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Login frequency",
        build: || {
            metric(
                "login_frequency",
                "Login frequency",
                Category::Adoption,
                Signal::Leading,
                0.0,
                column("Login days per week"),
                tiers(Higher, 15.0, &[(4.0, 15.0), (1.0, 10.0), (0.5, 4.0)], 0.0),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Active users / internal spread",
        build: || {
            metric(
                "internal_active_rate",
                "Active users / internal spread",
                Category::Adoption,
                Signal::Leading,
                0.0,
                seats_ratio(),
                tiers(Higher, 10.0, &[(80.0, 10.0), (50.0, 6.0)], 2.0),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Core-feature usage",
        build: || {
            metric(
                "core_usage",
                "Core-feature usage",
                Category::Adoption,
                Signal::Leading,
                0.0,
                column("Core feature usage %"),
                tiers(
                    Higher,
                    20.0,
                    &[(80.0, 20.0), (50.0, 13.0), (20.0, 6.0)],
                    0.0,
                ),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Usage trend",
        build: || {
            metric(
                "usage_trend",
                "Usage trend",
                Category::Adoption,
                Signal::Leading,
                0.0,
                column("Usage trend"),
                categorical(10.0, &[("Rising", 10.0), ("Flat", 6.0), ("Falling", 0.0)]),
                MissingPolicy::Value { score: 60.0 },
            )
        },
    },
    CatalogEntry {
        name: "Meetings / QBRs",
        build: || {
            metric(
                "meetings",
                "Meetings / QBRs",
                Category::Engagement,
                Signal::Leading,
                0.0,
                column("Meetings"),
                categorical(
                    10.0,
                    &[
                        ("Recently held", 10.0),
                        ("Somewhat stalled", 5.0),
                        ("No contact", 0.0),
                    ],
                ),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Content views",
        build: || {
            metric(
                "content_views",
                "Content views",
                Category::Engagement,
                Signal::Leading,
                0.0,
                column("Content views (30 days)"),
                Rule::Linear {
                    floor: 0.0,
                    target: 20.0,
                },
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Champion present",
        build: || {
            metric(
                "champion",
                "Champion present",
                Category::Engagement,
                Signal::Leading,
                0.0,
                column("Champion"),
                categorical(
                    10.0,
                    &[("Present", 10.0), ("Transfer risk", 5.0), ("Absent", 0.0)],
                ),
                Zero,
            )
        },
    },
    CatalogEntry {
        name: "Support ticket trend",
        build: || {
            metric(
                "ticket_trend",
                "Support ticket trend",
                support(),
                Signal::Leading,
                0.0,
                column("Ticket trend"),
                categorical(
                    100.0,
                    &[("Falling", 100.0), ("Flat", 60.0), ("Rising", 0.0)],
                ),
                MissingPolicy::Value { score: 60.0 },
            )
        },
    },
    CatalogEntry {
        name: "Open P1 issues",
        build: || {
            metric(
                "open_p1",
                "Open P1 issues",
                support(),
                Signal::Leading,
                0.0,
                column("Open P1 tickets"),
                tiers(Lower, 100.0, &[(0.0, 100.0), (1.0, 50.0)], 0.0),
                MissingPolicy::Value { score: 100.0 },
            )
        },
    },
    CatalogEntry {
        name: "NPS / CSAT",
        build: || {
            metric(
                "nps",
                "NPS / CSAT",
                Category::Engagement,
                Signal::Lagging,
                0.0,
                column("NPS"),
                tiers(Higher, 5.0, &[(9.0, 5.0), (7.0, 3.0)], 0.0),
                Exclude,
            )
        },
    },
    CatalogEntry {
        name: "Outcome KPI achieved",
        build: || {
            metric(
                "outcome_kpi",
                "Outcome KPI achieved",
                Category::Roi,
                Signal::Lagging,
                0.0,
                column("Outcome KPI"),
                categorical(
                    10.0,
                    &[("Achieved", 10.0), ("Partial", 5.0), ("Unmet", 0.0)],
                ),
                MissingPolicy::Value { score: 50.0 },
            )
        },
    },
    CatalogEntry {
        name: "Days to renewal",
        build: || {
            metric(
                "days_to_renewal",
                "Days to renewal",
                Category::Roi,
                Signal::Lagging,
                0.0,
                column("Days to renewal"),
                tiers(
                    Higher,
                    100.0,
                    &[(180.0, 100.0), (90.0, 60.0), (30.0, 30.0)],
                    0.0,
                ),
                Exclude,
            )
        },
    },
    CatalogEntry {
        name: "Payment status",
        build: || {
            metric(
                "payment_status",
                "Payment status",
                Category::Roi,
                Signal::Lagging,
                0.0,
                column("Payment status"),
                categorical(
                    100.0,
                    &[("Current", 100.0), ("Late", 40.0), ("Overdue", 0.0)],
                ),
                Zero,
            )
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::rule_errors;

    #[test]
    fn every_catalog_metric_has_a_valid_rule_and_weight_zero() {
        let mut ids = Vec::new();
        for entry in CATALOG {
            let metric = (entry.build)();
            assert_eq!(metric.name, entry.name);
            assert_eq!(metric.weight, 0.0);
            assert!(
                rule_errors(&metric.rule, &metric.input).is_empty(),
                "{}",
                entry.name
            );
            assert!(!ids.contains(&metric.id), "duplicate id {}", metric.id);
            ids.push(metric.id);
        }
    }
}
