//! One answer in a thread: its sanitized HTML, author and votes, and what the reader may do
//! with it: upvote, accept (the asker), edit (its helper), report (in the "⋯" menu). A staff
//! reply has none of these.

use leptos::prelude::*;
use peerhelp_api::{Answer, FlagReason, Text, Thread};

use super::reply::ReplyForm;
use crate::api::ApiFailure;
use crate::i18n::{counted, t};
use crate::identity::visitor_token;
use crate::reactive::{reactive, show, show_or};
use crate::session::Session;
use crate::task::Task;

/// What the reader does with an answer.
#[derive(Clone, Copy)]
enum Act {
    Vote,
    Accept,
    Flag(FlagReason),
}

/// Answer `id` of `thread`, kept up to date as votes, acceptance and edits arrive.
#[component]
pub fn AnswerItem(
    /// The answer's id.
    id: i64,
    /// The thread holding it.
    thread: RwSignal<Thread>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let answer = Memo::new(move |_| {
        thread.with(|thread| thread.answers.iter().find(|a| a.id == id).cloned())
    });
    let read = move |field: fn(&Answer) -> String| move || answer.with(|a| a.as_ref().map(field));
    let accepted = move || answer.with(|a| a.as_ref().is_some_and(|a| a.accepted));
    let from_staff = move || answer.with(|a| a.as_ref().is_some_and(|a| a.staff.is_some()));
    // Staff replies stay staff replies: they never get the community's actions.
    let staff = answer.with_untracked(|a| a.as_ref().is_some_and(|a| a.staff.is_some()));
    let verified = move || answer.with(|a| a.as_ref().is_some_and(|a| a.verified));
    let viewer = move |pick: fn(&peerhelp_api::ThreadViewer) -> &Vec<i64>| {
        thread.with(|t| t.viewer.as_ref().is_some_and(|v| pick(v).contains(&id)))
    };
    let voted = move || viewer(|v| &v.voted);
    let flagged = move || viewer(|v| &v.flagged);
    let may_accept =
        move || !accepted() && thread.with(|t| t.viewer.as_ref().is_some_and(|v| v.is_asker));
    let mine = move || {
        let me = session.helper.with(|h| h.as_ref().map(|h| h.card.id));
        me.is_some()
            && answer.with(|a| a.as_ref().and_then(|a| a.helper.as_ref()).map(|h| h.id)) == me
    };
    let act = Task::new();
    let dispatch = move |what: Act| act.run(perform(session, thread, id, what));
    let failure = move || act.get().and_then(Result::err).map(|f| f.message());
    let editing = RwSignal::new(false);
    let flag = move |reason: FlagReason, label: Text| {
        view! { <button type="button" on:click=move |_| dispatch(Act::Flag(reason))>{t(label)}</button> }
    };
    view! {
        <li class="answer" class:accepted=reactive(accepted) class:staff=reactive(from_staff)>
            {show(accepted, || view! { <p class="badge">{t(Text::AcceptedAnswer)}</p> }.into_any())}
            {show(from_staff, || view! { <p class="badge">{t(Text::StaffReply)}</p> }.into_any())}
            {show(verified, || view! { <p class="badge">{t(Text::VerifiedAnswer)}</p> }.into_any())}
            // The server renders and sanitizes answers: `html` is the one field inserted as markup.
            <div class="answer-body" inner_html=read(|a| a.html.clone())></div>
            <p class="answer-meta">{read(meta)}</p>
            // Staff replies are the team speaking, not community answers to vote on or report.
            {(!staff).then(|| view! {
                <div class="answer-actions">
                    <button
                        type="button"
                        aria-pressed=reactive(move || voted().to_string())
                        disabled=reactive(voted)
                        on:click=move |_| dispatch(Act::Vote)
                    >
                        {move || t(if voted() { Text::Upvoted } else { Text::Upvote })}
                    </button>
                    {show(may_accept, move || view! {
                        <button type="button" on:click=move |_| dispatch(Act::Accept)>
                            {t(Text::AcceptAnswer)}
                        </button>
                    }.into_any())}
                    {show(mine, move || view! {
                        <button type="button" on:click=move |_| editing.set(true)>{t(Text::Edit)}</button>
                    }.into_any())}
                    {show_or(
                        move || !flagged(),
                        move || view! {
                            <details class="more">
                                <summary aria-label=t(Text::MoreActions)>"⋯"</summary>
                                <div class="menu">
                                    <p>{t(Text::Report)}</p>
                                    {flag(FlagReason::Spam, Text::Spam)}
                                    {flag(FlagReason::Rude, Text::Rude)}
                                    {flag(FlagReason::Wrong, Text::Wrong)}
                                </div>
                            </details>
                        }.into_any(),
                        || view! { <span>{t(Text::Reported)}</span> }.into_any(),
                    )}
                </div>
            })}
            <p class="error-text" role="alert">{failure}</p>
            {show(move || editing.get(), move || view! {
                <ReplyForm
                    thread
                    answer=id
                    body=answer.get_untracked().map(|a| a.body).unwrap_or_default()
                    on_done=Callback::new(move |()| editing.set(false))
                />
            }.into_any())}
        </li>
    }
}

/// "Sam · 4 votes"; a helper's answer shows their rank too, a staff reply only the name.
fn meta(answer: &Answer) -> String {
    let author = match &answer.helper {
        Some(helper) => helper.name.clone() + " (" + t(helper.rank.text()) + ")",
        None => answer
            .author
            .clone()
            .unwrap_or_else(|| t(Text::CommunityMember).into()),
    };
    if answer.staff.is_some() {
        return author;
    }
    author + " · " + &counted(answer.votes, Text::VotesOne, Text::VotesMany)
}

/// Sends the reader's vote, acceptance or report, and shows it in the thread.
async fn perform(
    session: Session,
    thread: RwSignal<Thread>,
    id: i64,
    what: Act,
) -> Result<(), ApiFailure> {
    let token = visitor_token(session).await?;
    let api = session.api();
    match what {
        Act::Vote => {
            let tally = api.vote(id, &token).await?;
            thread.update(|t| {
                if let Some(answer) = t.answers.iter_mut().find(|a| a.id == id) {
                    answer.votes = tally.votes;
                }
                t.viewer.get_or_insert_default().voted.push(id);
            });
        }
        Act::Accept => {
            api.accept(id, &token).await?;
            thread.update(|t| {
                for answer in &mut t.answers {
                    answer.accepted = answer.id == id;
                }
            });
        }
        Act::Flag(reason) => {
            api.flag(id, &token, reason).await?;
            thread.update(|t| t.viewer.get_or_insert_default().flagged.push(id));
        }
    }
    Ok(())
}
