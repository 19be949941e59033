//! Asking a site for things, politely and safely: a user agent that names Lectern, a few
//! requests at a time, time and size limits, a bounded number of redirects, and errors that
//! name the address. Every answer is read as a stream and cut off at its limit, so a hostile
//! or broken server (slow, endless, huge) cannot hold the app.

use crate::error::{BlogError, Result};
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub const USER_AGENT: &str = concat!(
    "Lectern/",
    env!("CARGO_PKG_VERSION"),
    " (offline reader; +https://lectern.app)"
);

/// How far a site is trusted.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Requests at once to the site.
    pub concurrent: usize,
    /// For a whole answer, from asking to the last byte.
    pub total: Duration,
    pub connect: Duration,
    /// Largest answer for a page of posts or a feed.
    pub max_page: u64,
    /// Largest image.
    pub max_image: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            concurrent: 4,
            total: Duration::from_secs(60),
            connect: Duration::from_secs(10),
            max_page: 64 << 20,
            max_image: 40 << 20,
        }
    }
}

/// A site's answer, read whole within its limit.
pub struct Answer {
    pub bytes: Vec<u8>,
    pub headers: HeaderMap,
    /// The address answered, after redirects.
    pub url: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    pub fn content_type(&self) -> String {
        self.header(CONTENT_TYPE.as_str())
            .unwrap_or_default()
            .to_lowercase()
    }

    /// The answer as JSON, or an error naming the address and the line and column.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let kind = self.content_type();
        if !kind.is_empty() && !kind.contains("json") {
            return Err(http(&self.url, format!("expected JSON, got {kind}")));
        }
        serde_json::from_slice(&self.bytes).map_err(|e| {
            http(
                &self.url,
                format!(
                    "invalid JSON at line {}, column {}: {e}",
                    e.line(),
                    e.column()
                ),
            )
        })
    }
}

/// A conditional request's outcome.
pub enum Conditional {
    NotModified,
    Changed(Answer),
}

#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    slots: Arc<Semaphore>,
    pub limits: Limits,
}

pub fn http(url: &str, message: impl Into<String>) -> BlogError {
    BlogError::Http {
        url: url.to_string(),
        message: message.into(),
    }
}

impl Fetcher {
    pub fn new(limits: Limits) -> Result<Self> {
        // One crypto provider for TLS, chosen once per process (ring: no build tools needed).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(limits.connect)
            .timeout(limits.total)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| BlogError::Invalid(format!("cannot set up the network client: {e}")))?;
        Ok(Self {
            client,
            slots: Arc::new(Semaphore::new(limits.concurrent.max(1))),
            limits,
        })
    }

    /// GETs an address, reading at most `max` bytes of answer.
    pub async fn get(&self, url: &str, max: u64) -> Result<Answer> {
        match self.conditional(url, None, None, max).await? {
            Conditional::Changed(answer) => Ok(answer),
            Conditional::NotModified => {
                Err(http(url, "answered 304 Not Modified to a plain request"))
            }
        }
    }

    /// GETs an address with the validators of the last answer (`If-None-Match`,
    /// `If-Modified-Since`).
    pub async fn conditional(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        max: u64,
    ) -> Result<Conditional> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| http(url, "the client was closed"))?;
        let mut request = self.client.get(url);
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = last_modified {
            request = request.header(IF_MODIFIED_SINCE, lm);
        }
        let mut response = request.send().await.map_err(|e| describe(url, &e))?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Conditional::NotModified);
        }
        if !status.is_success() {
            return Err(http(url, format!("the server answered {status}")));
        }
        if response.content_length().is_some_and(|n| n > max) {
            return Err(http(
                url,
                format!("the answer is larger than {} MiB", max >> 20),
            ));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| describe(url, &e))? {
            if bytes.len() as u64 + chunk.len() as u64 > max {
                return Err(http(
                    url,
                    format!("the answer is larger than {} MiB", max >> 20),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Conditional::Changed(Answer {
            url: response.url().to_string(),
            headers: response.headers().clone(),
            bytes,
        }))
    }
}

/// A validator header of an answer, for the next conditional request.
pub fn validators(answer: &Answer) -> (Option<String>, Option<String>) {
    (
        answer.header(ETAG.as_str()),
        answer.header(LAST_MODIFIED.as_str()),
    )
}

fn describe(url: &str, e: &reqwest::Error) -> BlogError {
    if e.is_connect() {
        return BlogError::Offline {
            url: url.to_string(),
        };
    }
    let what = if e.is_timeout() {
        "the server took too long".to_string()
    } else if e.is_redirect() {
        "too many redirects".to_string()
    } else {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message = format!("{message}: {s}");
            source = s.source();
        }
        message
    };
    http(url, what)
}

/// `https://host` of an address.
pub fn origin(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url[start..].find('/').map_or(url.len(), |i| start + i);
    url[..end].to_string()
}
