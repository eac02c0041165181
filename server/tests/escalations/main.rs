//! Escalation over real HTTP, a real SQLite file, a real SMTP listener and real SSE streams:
//! a visitor hands a question to staff, a named staff member takes it and replies (live and by
//! email), resolves and reopens it; private requests stay private; the audit log keeps every
//! staff action; other sites' and other kinds' tokens are refused.

#[path = "../common/mod.rs"]
mod common;
mod identified;
mod lifecycle;
mod privacy;
mod requests;
