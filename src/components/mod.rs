//! The UI's small components, one per file.

mod account_detail;
mod accounts_input;
mod add_metric;
mod band_chip;
mod band_editor;
mod distribution;
mod metric_editor;
mod metric_list;
mod missing_editor;
mod playbook_view;
mod results_table;
mod rule_editor;
mod toast;
mod validation_banner;
mod weight_control;
mod weight_summary;
mod what_if;

pub use account_detail::AccountDetail;
pub use accounts_input::AccountsInput;
pub use add_metric::AddMetric;
pub use band_chip::BandChip;
pub use band_editor::BandEditor;
pub use distribution::Distribution;
pub use metric_editor::MetricEditor;
pub use metric_list::MetricList;
pub use missing_editor::MissingEditor;
pub use playbook_view::PlaybookView;
pub use results_table::ResultsTable;
pub use rule_editor::RuleEditor;
pub use toast::Toast;
pub use validation_banner::ValidationBanner;
pub use weight_control::WeightControl;
pub use weight_summary::WeightSummary;
pub use what_if::WhatIf;
