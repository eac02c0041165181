//! Server answers the widget tests share.

use crate::common::*;
use peerhelp_api::{
    HelperProfile, LiveEventKind, MyThread, MyThreads, SearchResponse, ThreadStatus,
};

pub fn search_body() -> String {
    serde_json::to_string(&SearchResponse {
        query: "refund".into(),
        results: vec![hit(7, "How do I get a ", "refund", 2, true)],
        close_match: true,
    })
    .unwrap()
}

pub fn thread_body() -> String {
    let answer = |id: i64, accepted, votes| {
        let body = format!("Answer {id}");
        crate::common::answer(id, &body, Some(&format!("Helper {id}")), accepted, votes)
    };
    let answers = vec![answer(1, true, 1), answer(2, false, 5)];
    serde_json::to_string(&thread_with(answers, None)).unwrap()
}

pub fn visitor_session(token: &str) -> String {
    format!(r#"{{"token":"{token}","visitor":{{"id":3,"identified":false}}}}"#)
}

pub fn my_threads(unread: u32) -> String {
    serde_json::to_string(&MyThreads {
        threads: vec![MyThread {
            id: 7,
            title: "How do I get a refund".into(),
            status: ThreadStatus::Open,
            answer_count: 0,
            unread,
            created_at: "2025-01-01T00:00:00Z".into(),
            last_activity_at: "2025-01-01T00:00:00Z".into(),
        }],
    })
    .unwrap()
}

pub fn answer_posted(id: i64, name: &str) -> LiveEventKind {
    let mut answer = crate::common::answer(id, "Ask for a refund in the app.", None, false, 0);
    answer.helper = Some(helper_card(5, name));
    LiveEventKind::AnswerPosted {
        thread_id: 7,
        thread_title: "How do I get a refund".into(),
        answer,
    }
}

pub fn helper_profile() -> HelperProfile {
    HelperProfile {
        card: helper_card(5, "Robin"),
        points: 120,
        answers_left_this_hour: None,
    }
}
