//! Sending SMS: through an HTTP gateway (`POST` of `{"id", "to", "text"}` as JSON, any 2xx is
//! accepted), and the test environment's SMS inbox, which plays the gateway at
//! `/test/sms/gateway` and shows what arrived at `/test/sms`.

use std::sync::Mutex;

use crate::mail::SendResult;

/// One text message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sms {
    /// The outbox message's id; gateways use it to drop repeats.
    pub id: String,
    /// The mobile number, as the person gave it.
    pub to: String,
    /// The text.
    pub text: String,
}

/// Where SMS go.
pub trait SmsGateway: Send + Sync + std::fmt::Debug {
    /// Hands one message to the gateway.
    fn send(&self, sms: Sms) -> SendResult<'_>;
}

/// A gateway reached over HTTP.
#[derive(Debug)]
pub struct HttpSmsGateway {
    url: String,
    client: reqwest::Client,
}

impl HttpSmsGateway {
    /// A gateway at `url`.
    pub fn new(url: &str) -> Result<HttpSmsGateway, String> {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|error| error.to_string())?;
        Ok(HttpSmsGateway { url: url.to_owned(), client })
    }
}

impl SmsGateway for HttpSmsGateway {
    fn send(&self, sms: Sms) -> SendResult<'_> {
        Box::pin(async move {
            let body = serde_json::json!({ "id": sms.id, "to": sms.to, "text": sms.text });
            let response = self
                .client
                .post(&self.url)
                .json(&body)
                .send()
                .await
                .map_err(|error| format!("SMS gateway: {error}"))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(format!("SMS gateway answered {}", response.status()))
            }
        })
    }
}

/// The test environment's SMS inbox: what the sandbox gateway received, last 200 kept.
#[derive(Debug, Default)]
pub struct SmsSandbox {
    messages: Mutex<Vec<Sms>>,
}

impl SmsSandbox {
    /// Records a message; a repeated id is kept once, as a real gateway would.
    pub fn receive(&self, sms: Sms) {
        if let Ok(mut messages) = self.messages.lock() {
            if messages.iter().any(|known| known.id == sms.id) {
                return;
            }
            messages.push(sms);
            let excess = messages.len().saturating_sub(200);
            messages.drain(..excess);
        }
    }

    /// The messages, newest first.
    pub fn messages(&self) -> Vec<Sms> {
        self.messages.lock().map(|messages| messages.iter().rev().cloned().collect()).unwrap_or_default()
    }
}

impl SmsGateway for SmsSandbox {
    fn send(&self, sms: Sms) -> SendResult<'_> {
        Box::pin(async move {
            self.receive(sms);
            Ok(())
        })
    }
}
