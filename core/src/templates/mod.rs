//! Built-in scorecards from the customer-success literature, and the demo accounts.
//!
//! Each template is a test fixture too (see `tests/templates.rs`): it must
//! validate, and the DEAR card's worked example must score 68, yellow.

pub mod catalog;

use crate::model::{
    letter_grades, Band, Category, Choice, DataSettings, Direction, Input, Metric, MissingPolicy,
    ReadAs, Rule, Scorecard, Signal, Tier, FORMAT_VERSION,
};

/// Demo accounts (CSV) that go with the DEAR template, so the first screen is alive.
pub const DEMO_ACCOUNTS_CSV: &str = include_str!("demo_accounts.csv");

/// A built-in template: an id for the UI and a function that builds it.
pub struct Template {
    /// Stable identifier.
    pub id: &'static str,
    /// Builds a fresh copy of the scorecard.
    pub build: fn() -> Scorecard,
}

/// Every built-in template, the DEAR card first.
pub const TEMPLATES: [Template; 4] = [
    Template {
        id: "dear",
        build: dear,
    },
    Template {
        id: "b2b_saas",
        build: b2b_saas,
    },
    Template {
        id: "four_quarters",
        build: four_quarters,
    },
    Template {
        id: "usage_led",
        build: usage_led,
    },
];

const RED: &str = "#dc2626";
const YELLOW: &str = "#eab308";
const GREEN: &str = "#16a34a";

/// Builds one metric; a short constructor keeps the templates readable as tables.
#[allow(clippy::too_many_arguments)]
fn metric(
    id: &str,
    name: &str,
    category: Category,
    signal: Signal,
    weight: f64,
    input: Input,
    rule: Rule,
    missing: MissingPolicy,
) -> Metric {
    Metric {
        id: id.to_owned(),
        name: name.to_owned(),
        category,
        signal,
        weight,
        input,
        rule,
        missing,
        read: ReadAs::Number,
        locked: false,
    }
}

fn column(name: &str) -> Input {
    Input::Column(name.to_owned())
}

fn seats_ratio() -> Input {
    Input::Ratio {
        numerator: "Active users".to_owned(),
        denominator: "Licensed seats".to_owned(),
    }
}

/// Tiers from best to worst as (threshold, points), then the points below them all.
fn tiers(direction: Direction, out_of: f64, steps: &[(f64, f64)], otherwise: f64) -> Rule {
    Rule::Tiers {
        direction,
        tiers: steps
            .iter()
            .map(|&(threshold, points)| Tier { threshold, points })
            .collect(),
        otherwise,
        out_of,
    }
}

fn categorical(out_of: f64, values: &[(&str, f64)]) -> Rule {
    Rule::Categorical {
        values: values
            .iter()
            .map(|&(value, points)| Choice::new(value, points))
            .collect(),
        out_of,
    }
}

fn traffic_light(yellow: f64, green: f64, labels: [&str; 3]) -> Vec<Band> {
    vec![
        Band::new(labels[0], RED, 0.0),
        Band::new(labels[1], YELLOW, yellow),
        Band::new(labels[2], GREEN, green),
    ]
}

fn card(name: &str, description: &str, metrics: Vec<Metric>, bands: Vec<Band>) -> Scorecard {
    Scorecard {
        version: FORMAT_VERSION,
        name: name.to_owned(),
        description: description.to_owned(),
        metrics,
        bands,
        grades: letter_grades(),
        data: DataSettings::default(),
    }
}

use Category::{Adoption, Deployment, Engagement, Roi};
use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};
use MissingPolicy::{Exclude, Zero};
use Signal::{Lagging, Leading};

/// The DEAR 100-point scorecard: each metric's points are stated out of its weight.
pub fn dear() -> Scorecard {
    let neutral = MissingPolicy::Value { score: 50.0 };
    card(
        "DEAR 100-point scorecard",
        "Deployment, Engagement, Adoption, ROI. Leading usage signals carry most of the weight.",
        vec![
            metric(
                "core_usage",
                "Core-feature usage",
                Adoption,
                Leading,
                20.0,
                column("Core feature usage %"),
                tiers(
                    Higher,
                    20.0,
                    &[(80.0, 20.0), (50.0, 13.0), (20.0, 6.0)],
                    0.0,
                ),
                Zero,
            ),
            metric(
                "login_frequency",
                "Login frequency",
                Adoption,
                Leading,
                15.0,
                column("Login days per week"),
                tiers(Higher, 15.0, &[(4.0, 15.0), (1.0, 10.0), (0.5, 4.0)], 0.0),
                Zero,
            ),
            metric(
                "usage_trend",
                "Usage trend",
                Adoption,
                Leading,
                10.0,
                column("Usage trend"),
                categorical(10.0, &[("Rising", 10.0), ("Flat", 6.0), ("Falling", 0.0)]),
                neutral.clone(),
            ),
            metric(
                "internal_active_rate",
                "Internal active rate",
                Deployment,
                Leading,
                10.0,
                seats_ratio(),
                tiers(Higher, 10.0, &[(80.0, 10.0), (50.0, 6.0)], 2.0),
                Zero,
            ),
            metric(
                "meetings",
                "Meetings / content views",
                Engagement,
                Leading,
                10.0,
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
            ),
            metric(
                "champion",
                "Champion",
                Engagement,
                Leading,
                10.0,
                column("Champion"),
                categorical(
                    10.0,
                    &[("Present", 10.0), ("Transfer risk", 5.0), ("Absent", 0.0)],
                ),
                Zero,
            ),
            metric(
                "onboarding",
                "Onboarding",
                Deployment,
                Leading,
                10.0,
                column("Onboarding"),
                categorical(
                    10.0,
                    &[("Complete", 10.0), ("Partial", 5.0), ("Incomplete", 0.0)],
                ),
                Zero,
            ),
            metric(
                "outcome_kpi",
                "Outcome KPI",
                Roi,
                Lagging,
                10.0,
                column("Outcome KPI"),
                categorical(
                    10.0,
                    &[("Achieved", 10.0), ("Partial", 5.0), ("Unmet", 0.0)],
                ),
                neutral,
            ),
            metric(
                "nps",
                "NPS",
                Engagement,
                Lagging,
                5.0,
                column("NPS"),
                tiers(Higher, 5.0, &[(9.0, 5.0), (7.0, 3.0)], 0.0),
                Exclude,
            ),
        ],
        dear_bands(),
    )
}

/// DEAR's bands, each with the playbook it triggers.
fn dear_bands() -> Vec<Band> {
    let mut bands = traffic_light(50.0, 75.0, ["Red", "Yellow", "Green"]);
    let plays = [
        ("CSM and CS manager", "within 2 business days", "Call the champion; agree a recovery plan with dated milestones; escalate to an executive sponsor if there is no champion.", "Do not open a renewal or upsell conversation first."),
        ("CSM", "within 1 week", "Review usage with the team; run an adoption workshop on the unused core features; confirm the outcome KPI.", "Do not wait for the QBR."),
        ("CSM and account executive", "next scheduled touchpoint", "Ask for a reference or case study; explore expansion to new teams.", "Do not go quiet: healthy accounts still churn when champions leave."),
    ];
    for (band, (owner, first_response, plays, donts)) in bands.iter_mut().zip(plays) {
        band.playbook = crate::model::Playbook {
            owner: owner.to_owned(),
            first_response: first_response.to_owned(),
            plays: plays.to_owned(),
            donts: donts.to_owned(),
        };
    }
    bands
}

/// B2B SaaS: five components each scored 0-100, weighted 35/20/20/15/10.
pub fn b2b_saas() -> Scorecard {
    let support = Category::Custom("Support".to_owned());
    card(
        "B2B SaaS five components",
        "Product usage, support health, relationship, NPS and commercial standing, each scored 0-100.",
        vec![
            metric("product_usage", "Product usage", Adoption, Leading, 35.0, seats_ratio(),
                Rule::Linear { floor: 20.0, target: 90.0 }, Zero),
            metric("support_health", "Support health", support, Leading, 20.0, column("Open tickets"),
                tiers(Lower, 100.0, &[(0.0, 100.0), (2.0, 70.0), (5.0, 40.0)], 0.0), MissingPolicy::Value { score: 70.0 }),
            metric("relationship", "Relationship", Engagement, Leading, 20.0, column("Days since last contact"),
                Rule::Linear { floor: 90.0, target: 7.0 }, Zero),
            metric("nps", "NPS", Engagement, Lagging, 15.0, column("NPS"),
                tiers(Higher, 100.0, &[(9.0, 100.0), (7.0, 60.0)], 0.0), Exclude),
            metric("commercial", "Commercial", Roi, Lagging, 10.0, column("Payment status"),
                categorical(100.0, &[("Current", 100.0), ("Late", 40.0), ("Overdue", 0.0)]), Zero),
        ],
        traffic_light(40.0, 70.0, ["Red", "Yellow", "Green"]),
    )
}

/// Four equal components: usage, support, expansion, engagement.
pub fn four_quarters() -> Scorecard {
    let support = Category::Custom("Support".to_owned());
    card(
        "Four components, 25% each",
        "Usage, support, expansion and engagement weighted equally.",
        vec![
            metric(
                "usage",
                "Usage",
                Adoption,
                Leading,
                25.0,
                column("Core feature usage %"),
                Rule::Linear {
                    floor: 10.0,
                    target: 80.0,
                },
                Zero,
            ),
            metric(
                "support",
                "Support",
                support,
                Leading,
                25.0,
                column("Open tickets"),
                tiers(Lower, 100.0, &[(0.0, 100.0), (2.0, 70.0), (5.0, 30.0)], 0.0),
                MissingPolicy::Value { score: 70.0 },
            ),
            metric(
                "expansion",
                "Expansion",
                Roi,
                Lagging,
                25.0,
                column("Expansion signal"),
                categorical(
                    100.0,
                    &[("Expanding", 100.0), ("Stable", 60.0), ("Contracting", 0.0)],
                ),
                Exclude,
            ),
            metric(
                "engagement",
                "Engagement",
                Engagement,
                Leading,
                25.0,
                column("Meetings"),
                categorical(
                    100.0,
                    &[
                        ("Recently held", 100.0),
                        ("Somewhat stalled", 50.0),
                        ("No contact", 0.0),
                    ],
                ),
                Zero,
            ),
        ],
        traffic_light(60.0, 80.0, ["Red", "Yellow", "Green"]),
    )
}

/// Usage-led: usage 40, support 25, sentiment 20, executive engagement 15.
pub fn usage_led() -> Scorecard {
    let support = Category::Custom("Support".to_owned());
    card(
        "Usage-led health score",
        "Usage carries 40%; healthy from 71, critical up to 30.",
        vec![
            metric(
                "usage",
                "Usage",
                Adoption,
                Leading,
                40.0,
                column("Login days per week"),
                Rule::Linear {
                    floor: 0.0,
                    target: 5.0,
                },
                Zero,
            ),
            metric(
                "support",
                "Support",
                support,
                Leading,
                25.0,
                column("Open tickets"),
                tiers(Lower, 100.0, &[(0.0, 100.0), (2.0, 60.0), (5.0, 20.0)], 0.0),
                MissingPolicy::Value { score: 60.0 },
            ),
            metric(
                "sentiment",
                "Sentiment",
                Engagement,
                Lagging,
                20.0,
                column("NPS"),
                tiers(Higher, 100.0, &[(9.0, 100.0), (7.0, 50.0)], 0.0),
                Exclude,
            ),
            metric(
                "executive_engagement",
                "Executive engagement",
                Engagement,
                Leading,
                15.0,
                column("Executive sponsor"),
                categorical(
                    100.0,
                    &[("Engaged", 100.0), ("Passive", 50.0), ("None", 0.0)],
                ),
                Zero,
            ),
        ],
        traffic_light(31.0, 71.0, ["Critical", "At risk", "Healthy"]),
    )
}

/// A new, empty scorecard: no metrics yet, red / yellow / green bands, letter grades.
/// It is not valid until a metric is added, and says so.
pub fn blank() -> Scorecard {
    Scorecard {
        version: crate::model::FORMAT_VERSION,
        name: "Untitled scorecard".to_owned(),
        description: String::new(),
        metrics: Vec::new(),
        bands: vec![
            Band::new("Red", RED, 0.0),
            Band::new("Yellow", YELLOW, 50.0),
            Band::new("Green", GREEN, 75.0),
        ],
        grades: crate::model::letter_grades(),
        data: DataSettings::default(),
    }
}
