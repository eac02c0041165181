//! The text people read, as message ids. Each language's catalogue maps every id's key to its
//! text; the server sends the widget the chosen language's catalogue as a list in [`Text`]
//! order, so the widget carries no text of its own, only these ids.
//!
//! Texts may hold `{placeholders}`, filled in where they are shown. Counted texts come in
//! `…One` / `…Many` pairs; [`plural_is_one`] picks between them.

use std::collections::BTreeMap;

/// The languages with a complete catalogue.
pub const LANGUAGES: [&str; 3] = ["en", "es", "fr"];

macro_rules! texts {
    ($($name:ident = $key:literal,)*) => {
        /// One piece of text, by id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text {
            $($name,)*
        }

        impl Text {
            /// Every text, in catalogue order.
            pub const ALL: &[Text] = &[$(Text::$name,)*];

            /// The text's key in a catalogue file.
            pub fn key(self) -> &'static str {
                match self {
                    $(Text::$name => $key,)*
                }
            }
        }
    };
}

texts! {
    LauncherLabel = "launcher_label",
    DefaultGreeting = "default_greeting",
    Help = "help",
    NewRepliesOne = "new_replies_one",
    NewRepliesMany = "new_replies_many",
    CloseHelp = "close_help",
    CommunityNav = "community_nav",
    NavAsk = "nav_ask",
    NavMine = "nav_mine",
    NavLeaders = "nav_leaders",
    NavHelperDesk = "nav_helper_desk",
    SearchLabel = "search_label",
    SearchPlaceholder = "search_placeholder",
    Hint = "hint",
    Loading = "loading",
    LoadingAnswers = "loading_answers",
    Searching = "searching",
    NoResultsFor = "no_results_for",
    NoResultsTip = "no_results_tip",
    TryAgain = "try_again",
    NetworkError = "network_error",
    SearchResults = "search_results",
    Suggested = "suggested",
    NoAnswersFound = "no_answers_found",
    FoundOne = "found_one",
    FoundMany = "found_many",
    NoAnswersYet = "no_answers_yet",
    AnswersOne = "answers_one",
    AnswersMany = "answers_many",
    AcceptedAnswer = "accepted_answer",
    HelpersTold = "helpers_told",
    BackMine = "back_mine",
    BackQueue = "back_queue",
    BackAsk = "back_ask",
    BackLeaders = "back_leaders",
    BackResults = "back_results",
    FeedbackQuestion = "feedback_question",
    Helped = "helped",
    NotHelped = "not_helped",
    ThanksHelped = "thanks_helped",
    ThanksNotHelped = "thanks_not_helped",
    StaffReply = "staff_reply",
    Upvote = "upvote",
    Upvoted = "upvoted",
    AcceptAnswer = "accept_answer",
    Edit = "edit",
    Report = "report",
    Spam = "spam",
    Rude = "rude",
    Wrong = "wrong",
    Reported = "reported",
    CommunityMember = "community_member",
    VotesOne = "votes_one",
    VotesMany = "votes_many",
    RankNewcomer = "rank_newcomer",
    RankHelper = "rank_helper",
    RankExpert = "rank_expert",
    RankChampion = "rank_champion",
    HelpersOnlineOne = "helpers_online_one",
    HelpersOnlineMany = "helpers_online_many",
    Away = "away",
    PointsOne = "points_one",
    PointsMany = "points_many",
    AnswersLeftOne = "answers_left_one",
    AnswersLeftMany = "answers_left_many",
    MineEmpty = "mine_empty",
    SimilarAsked = "similar_asked",
    QuestionLabel = "question_label",
    DetailsLabel = "details_label",
    EmailRepliesLabel = "email_replies_label",
    SavedOffline = "saved_offline",
    PostQuestion = "post_question",
    TitleTooShort = "title_too_short",
    TitleTooLong = "title_too_long",
    DetailsTooLong = "details_too_long",
    CheckEmailOrEmpty = "check_email_or_empty",
    AnswerSaved = "answer_saved",
    EditYourAnswer = "edit_your_answer",
    YourAnswer = "your_answer",
    MarkdownHint = "markdown_hint",
    Save = "save",
    PostAnswer = "post_answer",
    Cancel = "cancel",
    SigningIn = "signing_in",
    OpenInvite = "open_invite",
    OnlineTaking = "online_taking",
    AwayGoOnline = "away_go_online",
    SignOut = "sign_out",
    QueueEmpty = "queue_empty",
    OpenQuestions = "open_questions",
    NewReplyFrom = "new_reply_from",
    NewReplyFromTo = "new_reply_from_to",
    Offer = "offer",
    TalkToTeam = "talk_to_team",
    Ticket = "ticket",
    TicketResolved = "ticket_resolved",
    TicketHandledBy = "ticket_handled_by",
    TicketWaiting = "ticket_waiting",
    EscalateIntroOwn = "escalate_intro_own",
    EscalateIntroOther = "escalate_intro_other",
    AddAnything = "add_anything",
    NeedHelpWith = "need_help_with",
    EmailForReplyOptional = "email_for_reply_optional",
    EmailForReply = "email_for_reply",
    SendToTeam = "send_to_team",
    NeedMessage = "need_message",
    NeedEmail = "need_email",
    CheckEmail = "check_email",
    VerifiedAnswer = "verified_answer",
    NoCloseMatch = "no_close_match",
    DidntFind = "didnt_find",
    SentToTeam = "sent_to_team",
    MinutesOne = "minutes_one",
    MinutesMany = "minutes_many",
    HoursOne = "hours_one",
    HoursMany = "hours_many",
    MoreActions = "more_actions",
}

/// A catalogue (key → text) as a list in [`Text`] order, or the first key it lacks. Keys it
/// has beyond [`Text::ALL`] are refused too, so a typo cannot hide a missing text.
pub fn in_text_order(catalogue: &BTreeMap<String, String>) -> Result<Vec<String>, String> {
    if let Some(unknown) = catalogue
        .keys()
        .find(|key| !Text::ALL.iter().any(|text| text.key() == key.as_str()))
    {
        return Err(format!("unknown text {unknown:?}"));
    }
    Text::ALL
        .iter()
        .map(|text| {
            catalogue
                .get(text.key())
                .cloned()
                .ok_or_else(|| format!("missing text {:?}", text.key()))
        })
        .collect()
}

/// Whether `count` takes the singular in `language`: French says "0 réponse", English and
/// Spanish "0 answers".
pub fn plural_is_one(language: &str, count: i64) -> bool {
    if language.starts_with("fr") {
        count.abs() < 2
    } else {
        count == 1
    }
}

/// The first character of `text` that may not appear in a title, a name or an email: control
/// characters (line breaks, escapes) and the bidirectional marks, embeddings, overrides and
/// isolates that make text display differently from how it is stored (a name that reads as
/// another's, an address that hides its real domain).
pub fn hidden_character(text: &str) -> Option<char> {
    text.chars().find(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidirectional_characters_are_hidden_ones() {
        assert_eq!(hidden_character("Ana María 💬"), None);
        for bad in [
            "a\nb",
            "a\u{0}b",
            "tab\t",
            "\u{202E}gpj.exe",
            "a\u{2066}b",
            "x\u{200F}",
        ] {
            assert!(hidden_character(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn catalogues_are_ordered_and_complete() {
        let mut catalogue: BTreeMap<String, String> = Text::ALL
            .iter()
            .map(|text| (text.key().to_owned(), text.key().to_uppercase()))
            .collect();
        let ordered = in_text_order(&catalogue).unwrap();
        assert_eq!(ordered[Text::Help as usize], "HELP");
        catalogue.insert("helpp".into(), "typo".into());
        assert!(in_text_order(&catalogue).unwrap_err().contains("helpp"));
        catalogue.remove("helpp");
        catalogue.remove("help");
        assert!(in_text_order(&catalogue).unwrap_err().contains("help"));
    }

    #[test]
    fn french_counts_zero_as_one() {
        assert!(plural_is_one("fr", 0) && plural_is_one("fr-CA", 1));
        assert!(!plural_is_one("fr", 2));
        assert!(!plural_is_one("en", 0) && plural_is_one("es", 1));
    }
}
