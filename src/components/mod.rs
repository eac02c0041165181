//! The panel's components, one file per part. Each takes its data as props or from the
//! [`crate::Session`] in context, so tests can render any state without a server.

mod answer;
mod ask;
mod escalate;
mod feedback;
mod header;
mod helper_mode;
mod leaderboard;
mod listbox;
mod my_questions;
mod panel;
mod presence;
mod reply;
mod results;
mod screen;
mod search_box;
mod states;
mod text;
mod thread_view;
mod ticket;

pub use answer::AnswerItem;
pub use ask::AskForm;
pub use escalate::{EscalateForm, EscalateOffer};
pub use feedback::FeedbackButtons;
pub use header::Header;
pub use helper_mode::HelperDesk;
pub use leaderboard::LeaderboardView;
pub use listbox::Listbox;
pub use my_questions::MyQuestions;
pub use panel::Panel;
pub use presence::HelpersOnline;
pub use reply::ReplyForm;
pub use results::{ResultList, SearchResults};
pub use search_box::SearchBox;
pub use states::{EmptyState, ErrorState, Hint, Loading};
pub use thread_view::{ThreadLoader, ThreadView};
