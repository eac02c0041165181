//! The server's error type. Every failure becomes a JSON `ApiError`; a client's mistake gets a
//! 4xx naming what to fix, and a server fault a 500 whose details stay in the log.

use axum::Json;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header::RETRY_AFTER};
use axum::response::{IntoResponse, Response};
use peerhelp_api::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the origin {0} is not allowed for this site")]
    OriginNotAllowed(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    /// Too many requests; `retry_after` (sent as `Retry-After`) says when to try again.
    #[error("{message}")]
    RateLimited {
        message: String,
        retry_after: Option<Duration>,
    },
    /// The request took too long (a body trickling in, a stuck handler).
    #[error("{0}")]
    RequestTimeout(String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A fault of the server's own that is neither the database nor I/O.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::InvalidInput(_) => ErrorCode::InvalidInput,
            AppError::Unauthorized(_) => ErrorCode::Unauthorized,
            AppError::Forbidden(_) => ErrorCode::Forbidden,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::OriginNotAllowed(_) => ErrorCode::OriginNotAllowed,
            AppError::MethodNotAllowed(_) => ErrorCode::MethodNotAllowed,
            AppError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::RequestTimeout(_) => ErrorCode::RequestTimeout,
            AppError::Database(_)
            | AppError::Migration(_)
            | AppError::Io(_)
            | AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    fn status(&self) -> StatusCode {
        match self.code() {
            ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
            ErrorCode::InvalidInput => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::OriginNotAllowed => StatusCode::FORBIDDEN,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let code = self.code();
        let message = if code == ErrorCode::Internal {
            // The cause may name tables or paths: log it, tell the client only that we failed.
            tracing::error!(error = %self, "request failed");
            "Something went wrong on our side. Please try again.".to_owned()
        } else {
            self.to_string()
        };
        let mut response = (self.status(), Json(ApiError { code, message })).into_response();
        if let AppError::RateLimited {
            retry_after: Some(wait),
            ..
        } = &self
        {
            // Whole seconds, rounded up: a client that waits this long is let in.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
