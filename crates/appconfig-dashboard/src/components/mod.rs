//! One component per file. Components render what they are given and report user actions
//! through `on*` callbacks; they never parse JSON (data comes from [`crate::hooks`]).

pub mod browser;
pub mod chart;
pub mod connect_form;
pub mod deployment_actions;
pub mod deployment_view;
pub mod details;
pub mod embed_notice;
pub mod error_panel;
pub mod event_item;
pub mod event_log;
pub mod finder;
pub mod intro;
pub mod live_deployment;
pub mod live_status;
pub mod monitors;
pub mod overview;
pub mod overview_row;
pub mod paste_panel;
pub mod progress_bar;
pub mod result_area;
pub mod state_badge;
pub mod time_text;

pub use browser::Browser;
pub use chart::Chart;
pub use connect_form::ConnectForm;
pub use deployment_actions::DeploymentActions;
pub use deployment_view::DeploymentView;
pub use details::Details;
pub use embed_notice::EmbedNotice;
pub use error_panel::ErrorPanel;
pub use event_item::EventItem;
pub use event_log::EventLog;
pub use finder::{FindDraft, Finder};
pub use intro::Intro;
pub use live_deployment::LiveDeployment;
pub use live_status::LiveStatus;
pub use monitors::Monitors;
pub use overview::Overview;
pub use overview_row::OverviewRow;
pub use paste_panel::PastePanel;
pub use progress_bar::ProgressBar;
pub use result_area::ResultArea;
pub use state_badge::StateBadge;
pub use time_text::TimeText;
