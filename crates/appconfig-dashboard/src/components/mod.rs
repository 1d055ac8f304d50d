//! One component per file. Components render what they are given and report user actions
//! through `on*` callbacks; they never fetch or parse.

pub mod browser;
pub mod chart;
pub mod connect_form;
pub mod deployment_view;
pub mod details;
pub mod embed_notice;
pub mod error_panel;
pub mod finder;
pub mod intro;
pub mod live_status;
pub mod paste_panel;
pub mod progress_bar;
pub mod state_badge;
pub mod time_text;
pub mod timeline;
pub mod timeline_entry;

pub use browser::Browser;
pub use chart::Chart;
pub use connect_form::ConnectForm;
pub use deployment_view::DeploymentView;
pub use details::Details;
pub use embed_notice::EmbedNotice;
pub use error_panel::ErrorPanel;
pub use finder::{FindDraft, Finder};
pub use intro::Intro;
pub use live_status::LiveStatus;
pub use paste_panel::PastePanel;
pub use progress_bar::ProgressBar;
pub use state_badge::StateBadge;
pub use time_text::TimeText;
pub use timeline::Timeline;
pub use timeline_entry::TimelineEntry;
