//! Sending e-mail: over SMTP (`lettre`), or into the test environment's mailbox, which a page
//! shows. Notifications go through the outbox ([`crate::Dispatcher`]); login links are sent at once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use lettre::message::{Mailbox as Address, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// The recipient's address.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// What makes the message one: the outbox message's id. A notice sent again after a crash
    /// (the outbox delivers at least once) carries the same `Message-ID`, so that mail systems
    /// and readers see one message.
    pub id: Option<String>,
}

/// What a send returns: done, or why not.
pub type SendResult<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Where e-mail goes.
pub trait Mailer: Send + Sync + std::fmt::Debug {
    /// Sends one message.
    fn send(&self, mail: Mail) -> SendResult<'_>;
}

/// Delivery through an SMTP server (`smtp://host:port`, `smtps://…`, `smtp://…?tls=required`).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Address,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer").field("from", &self.from.to_string()).finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// A mailer for the server at `url`, sending as `from`.
    pub fn new(url: &str, from: &str) -> Result<SmtpMailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|error| error.to_string())?.build();
        let from = from.parse().map_err(|error: lettre::address::AddressError| error.to_string())?;
        Ok(SmtpMailer { transport, from })
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, mail: Mail) -> SendResult<'_> {
        Box::pin(async move {
            let to: Address = mail.to.parse().map_err(|error: lettre::address::AddressError| error.to_string())?;
            let domain = self.from.email.domain().to_owned();
            let message = Message::builder()
                .from(self.from.clone())
                .to(to)
                .message_id(mail.id.map(|id| format!("<{id}@{domain}>")))
                .subject(mail.subject)
                .header(ContentType::TEXT_PLAIN)
                .body(mail.text)
                .map_err(|error| error.to_string())?;
            self.transport.send(message).await.map(|_| ()).map_err(|error| error.to_string())
        })
    }
}

/// The test environment's mailbox: keeps the last messages in memory.
#[derive(Debug, Default)]
pub struct Mailbox {
    messages: Mutex<Vec<Mail>>,
}

impl Mailbox {
    /// The messages, newest first.
    pub fn messages(&self) -> Vec<Mail> {
        self.messages.lock().map(|messages| messages.iter().rev().cloned().collect()).unwrap_or_default()
    }
}

impl Mailer for Mailbox {
    fn send(&self, mail: Mail) -> SendResult<'_> {
        Box::pin(async move {
            let mut messages = self.messages.lock().map_err(|error| error.to_string())?;
            messages.push(mail);
            let excess = messages.len().saturating_sub(200);
            messages.drain(..excess);
            Ok(())
        })
    }
}
