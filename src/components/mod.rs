//! The UI's small components, one per file.

mod band_chip;
mod metric_list;
mod results_table;
mod validation_banner;

pub use band_chip::BandChip;
pub use metric_list::MetricList;
pub use results_table::ResultsTable;
pub use validation_banner::ValidationBanner;
