//! The panel's components, one file per part. Each takes its data as props, so tests can
//! render any state without a server.

mod feedback;
mod header;
mod panel;
mod results;
mod search_box;
mod states;
mod text;
mod thread_view;

pub use feedback::FeedbackButtons;
pub use header::Header;
pub use panel::Panel;
pub use results::{ResultList, SearchResults};
pub use search_box::SearchBox;
pub use states::{EmptyState, ErrorState, Hint, Loading};
pub use thread_view::{ThreadLoader, ThreadView};
