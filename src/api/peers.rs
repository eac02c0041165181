//! The endpoints of peer helpers: signing in, their profile and presence, the queue, answering
//! and editing, and who is online and leading.

use peerhelp_api::{
    Answer, AnswerDraft, HelperProfile, HelperQueue, HelperSession, HelperSignIn, HelpersOnline,
    Leaderboard, PresenceStatus, PresenceUpdate,
};

use super::{Api, ApiFailure, answer_path, thread_path};
use crate::json;

impl Api {
    /// `POST /threads/{id}/answers`: a helper's reply.
    pub async fn answer(
        &self,
        thread: i64,
        token: &str,
        body: String,
    ) -> Result<Answer, ApiFailure> {
        let path = thread_path(thread, "/answers");
        self.send("POST", &path, Some(token), &AnswerDraft { body })
            .await
    }

    /// `PATCH /answers/{id}`: a helper edits their own answer.
    pub async fn edit(&self, id: i64, token: &str, body: String) -> Result<Answer, ApiFailure> {
        self.send(
            "PATCH",
            &answer_path(id, ""),
            Some(token),
            &AnswerDraft { body },
        )
        .await
    }

    /// `POST /helpers/sign-in`: redeem an invitation code.
    pub async fn sign_in(&self, code: String) -> Result<HelperSession, ApiFailure> {
        self.send("POST", "/helpers/sign-in", None, &HelperSignIn { code })
            .await
    }

    /// `GET /helpers/me`: the signed-in helper's profile.
    pub async fn me(&self, token: &str) -> Result<HelperProfile, ApiFailure> {
        self.call("GET", "/helpers/me", Some(token)).await
    }

    /// `PUT /helpers/me/presence`: going online or away, and the heartbeat.
    pub async fn presence(&self, token: &str, status: PresenceStatus) -> Result<(), ApiFailure> {
        let body = json::to_string(&PresenceUpdate { status });
        self.act("PUT", "/helpers/me/presence", token, body).await
    }

    /// `GET /helpers/queue`: the open questions waiting for helpers.
    pub async fn queue(&self, token: &str) -> Result<HelperQueue, ApiFailure> {
        self.call("GET", "/helpers/queue", Some(token)).await
    }

    /// `GET /helpers/online`.
    pub async fn online(&self) -> Result<HelpersOnline, ApiFailure> {
        self.call("GET", "/helpers/online", None).await
    }

    /// `GET /leaderboard`.
    pub async fn leaderboard(&self) -> Result<Leaderboard, ApiFailure> {
        self.call("GET", "/leaderboard", None).await
    }
}
