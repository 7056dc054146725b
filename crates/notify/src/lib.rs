//! Pəncərə's notifications: one transactional outbox, delivered to the cabinet inbox, by e-mail
//! and by SMS.
//!
//! A notice is written with [`notify`] inside the caller's transaction, next to the state change
//! it tells about, so both commit or neither does. The [`Dispatcher`] then claims due messages
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several instances never claim the same one),
//! renders them in the recipient's language through [`Templates`] and delivers them. A claim is
//! a lease: a server killed mid-delivery leaves the message to be claimed again when the lease
//! runs out. Inbox delivery writes the inbox row and marks the message sent in one transaction,
//! and the inbox refuses a second row for the same message, so the inbox gets each notice exactly
//! once. E-mail and SMS are at least once; the SMS carries the message id for the gateway to drop
//! repeats. Failures are retried with exponential backoff; a message that keeps failing is moved
//! to the dead letters, which operators see and can send again.
//!
//! Invariant: no HTTP server, no Fluent: texts come from a [`Templates`] the caller provides.

pub mod mail;
pub mod sms;
mod store;

use std::sync::Arc;

use pencere_core::{Clock, Lang, Timestamp};
use pencere_store::{Db, StoreError, Tx};

pub use store::{DeadLetter, Delivery, InboxMessage};

/// Where a notice goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// The person's cabinet inbox.
    Inbox,
    /// Their e-mail address.
    Email,
    /// Their mobile number.
    Sms,
}

impl Channel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Inbox => "inbox",
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    fn parse(text: &str) -> Option<Channel> {
        match text {
            "inbox" => Some(Channel::Inbox),
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// Who a notice is for, with the addresses known when it was written.
#[derive(Clone, Debug)]
pub struct Recipient<'a> {
    /// The user.
    pub user_id: &'a str,
    /// Their e-mail address, if any.
    pub email: Option<&'a str>,
    /// Their mobile number, if any.
    pub phone: Option<&'a str>,
    /// The language they read.
    pub lang: Lang,
}

/// What to tell: a template and its arguments, already in the recipient's language.
#[derive(Clone, Debug)]
pub struct Notice<'a> {
    /// The template's name (`case-registered`).
    pub template: &'a str,
    /// Named arguments.
    pub args: Vec<(&'a str, String)>,
    /// The case it is about, if any.
    pub case_id: Option<&'a str>,
}

/// A rendered notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The subject (inbox and e-mail).
    pub subject: String,
    /// The full text (inbox and e-mail).
    pub body: String,
    /// The short text for SMS.
    pub short: String,
}

/// Turns a template and its arguments into text in a language.
pub trait Templates: Send + Sync {
    /// The rendered notice, or `None` when the template is unknown.
    fn render(&self, lang: Lang, template: &str, args: &[(String, String)]) -> Option<Rendered>;
}

/// Writes a notice to the outbox, inside the caller's transaction: one message for the inbox,
/// one for e-mail when the recipient has an address, one for SMS when they have a mobile number.
/// Returns the ids of the messages.
pub async fn notify(
    tx: &mut Tx,
    to: &Recipient<'_>,
    notice: &Notice<'_>,
    now: Timestamp,
) -> Result<Vec<String>, StoreError> {
    let args = arguments(notice);
    let mut ids = Vec::new();
    let channels = [(Channel::Inbox, None), (Channel::Email, to.email), (Channel::Sms, to.phone)];
    for (channel, address) in channels {
        if channel != Channel::Inbox && address.is_none_or(|address| address.trim().is_empty()) {
            continue;
        }
        let id = uuid::Uuid::now_v7().to_string();
        store::insert(
            tx,
            &store::NewMessage {
                id: &id,
                channel: channel.as_str(),
                recipient_id: Some(to.user_id),
                address,
                lang: to.lang.as_str(),
                template: notice.template,
                args: &args,
                case_id: notice.case_id,
                now,
            },
        )
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Writes an e-mail-only notice to an address that belongs to no user (someone who wrote to the
/// portal without registering, LIC-3.8), inside the caller's transaction. Returns the message's id.
pub async fn notify_email(
    tx: &mut Tx,
    address: &str,
    lang: Lang,
    notice: &Notice<'_>,
    now: Timestamp,
) -> Result<String, StoreError> {
    let args = arguments(notice);
    let id = uuid::Uuid::now_v7().to_string();
    store::insert(
        tx,
        &store::NewMessage {
            id: &id,
            channel: Channel::Email.as_str(),
            recipient_id: None,
            address: Some(address),
            lang: lang.as_str(),
            template: notice.template,
            args: &args,
            case_id: notice.case_id,
            now,
        },
    )
    .await?;
    Ok(id)
}

/// Writes an e-mail-only message like [`notify_email`] whose arguments named in `erase` (a
/// private link's key) are erased from the outbox once the message is delivered: they stay
/// readable in the database only while the message waits (or, dead, waits to be sent again).
pub async fn notify_email_erasing(
    tx: &mut Tx,
    address: &str,
    lang: Lang,
    notice: &Notice<'_>,
    erase: &[&str],
    now: Timestamp,
) -> Result<String, StoreError> {
    let mut args = argument_map(notice);
    args.insert(
        ERASE_MEMBER.to_owned(),
        serde_json::Value::Array(erase.iter().map(|name| serde_json::Value::String((*name).to_owned())).collect()),
    );
    let args = serde_json::Value::Object(args).to_string();
    let id = uuid::Uuid::now_v7().to_string();
    store::insert(
        tx,
        &store::NewMessage {
            id: &id,
            channel: Channel::Email.as_str(),
            recipient_id: None,
            address: Some(address),
            lang: lang.as_str(),
            template: notice.template,
            args: &args,
            case_id: notice.case_id,
            now,
        },
    )
    .await?;
    Ok(id)
}

/// The member of a stored argument object that lists the arguments to erase on delivery (not
/// an argument itself: templates never see it).
const ERASE_MEMBER: &str = "_erase_on_delivery";

fn argument_map(notice: &Notice<'_>) -> serde_json::Map<String, serde_json::Value> {
    notice.args.iter().map(|(name, value)| ((*name).to_owned(), serde_json::Value::String(value.clone()))).collect()
}

/// A notice's arguments as the JSON object the outbox stores.
fn arguments(notice: &Notice<'_>) -> String {
    serde_json::Value::Object(argument_map(notice)).to_string()
}

/// The stored arguments with those listed for erasure emptied (and the list dropped), or `None`
/// when nothing is to be erased.
fn erased(args: &str) -> Option<String> {
    let mut map = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(args).ok()?;
    let names = map.remove(ERASE_MEMBER)?;
    for name in names.as_array().into_iter().flatten().filter_map(serde_json::Value::as_str) {
        if let Some(value) = map.get_mut(name) {
            *value = serde_json::Value::String(String::new());
        }
    }
    Some(serde_json::Value::Object(map).to_string())
}

/// A person's inbox, newest first.
pub async fn inbox(tx: &mut Tx, user_id: &str, limit: i64) -> Result<Vec<InboxMessage>, StoreError> {
    store::inbox(tx, user_id, limit).await
}

/// How many of a person's inbox messages are unread.
pub async fn unread_count(tx: &mut Tx, user_id: &str) -> Result<i64, StoreError> {
    store::unread_count(tx, user_id).await
}

/// Marks a person's inbox message read; someone else's message is left alone.
pub async fn mark_read(tx: &mut Tx, user_id: &str, message_id: i64, now: Timestamp) -> Result<bool, StoreError> {
    store::mark_read(tx, user_id, message_id, now).await
}

/// The delivery status of every message about a case.
pub async fn deliveries(tx: &mut Tx, case_id: &str) -> Result<Vec<Delivery>, StoreError> {
    store::deliveries(tx, case_id).await
}

/// The dead letters, newest first; those to persons classified under VEIS-1.10 only for a caller
/// cleared for them.
pub async fn dead_letters(
    tx: &mut Tx,
    limit: i64,
    clearance: pencere_store::classified::Clearance,
) -> Result<Vec<DeadLetter>, StoreError> {
    store::dead_letters(tx, limit, clearance).await
}

/// Sends a dead letter again from the start; false when it is not dead.
pub async fn retry_dead(tx: &mut Tx, id: &str, now: Timestamp) -> Result<bool, StoreError> {
    store::retry_dead(tx, id, now).await
}

/// When to try again and when to give up.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Attempts before a message becomes a dead letter.
    pub max_attempts: i64,
    /// The wait after the first failure; it doubles with each further one.
    pub first_delay_seconds: i64,
    /// The longest wait between attempts.
    pub max_delay_seconds: i64,
    /// How long a claim lasts before another dispatcher may take the message.
    pub lease_seconds: i64,
    /// How many messages one round claims.
    pub batch: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 8, first_delay_seconds: 30, max_delay_seconds: 3600, lease_seconds: 120, batch: 50 }
    }
}

impl RetryPolicy {
    /// The wait after the `attempts`-th failed attempt.
    pub fn delay_after(&self, attempts: i64) -> i64 {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.first_delay_seconds.saturating_mul(1_i64 << doublings).min(self.max_delay_seconds)
    }
}

/// What a dispatch round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DispatchReport {
    /// Messages delivered.
    pub sent: usize,
    /// Messages that failed and will be tried again.
    pub retried: usize,
    /// Messages that failed for the last time.
    pub dead: usize,
}

/// Delivers the outbox.
#[derive(Clone)]
pub struct Dispatcher {
    /// The database.
    pub db: Db,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The texts.
    pub templates: Arc<dyn Templates>,
    /// Where e-mail goes; none: e-mail messages fail.
    pub mailer: Option<Arc<dyn mail::Mailer>>,
    /// Where SMS go; none: SMS messages fail.
    pub sms: Option<Arc<dyn sms::SmsGateway>>,
    /// Retries.
    pub policy: RetryPolicy,
}

impl Dispatcher {
    /// Claims the due messages and delivers them.
    pub async fn run_once(&self) -> Result<DispatchReport, StoreError> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let claimed =
            store::claim(&mut tx, now, now.plus_seconds(self.policy.lease_seconds), self.policy.batch).await?;
        tx.commit().await?;
        let mut report = DispatchReport::default();
        for message in claimed {
            let outcome = self.deliver(&message).await;
            let now = self.clock.now();
            let mut tx = self.db.begin().await?;
            match outcome {
                Ok(Some(rendered)) => {
                    if Channel::parse(&message.channel) == Some(Channel::Inbox) {
                        store::insert_inbox(&mut tx, &message, &rendered, now).await?;
                    }
                    store::mark_sent(&mut tx, &message.id, erased(&message.args).as_deref(), now).await?;
                    report.sent += 1;
                }
                Ok(None) => {
                    tracing::error!(message = %message.id, template = %message.template, "unknown notification template");
                    store::mark_dead(&mut tx, &message.id, &format!("unknown template {}", message.template)).await?;
                    report.dead += 1;
                }
                Err(error) => {
                    tracing::warn!(message = %message.id, channel = %message.channel, attempts = message.attempts, %error, "delivery failed");
                    if message.attempts >= self.policy.max_attempts {
                        store::mark_dead(&mut tx, &message.id, &error).await?;
                        report.dead += 1;
                    } else {
                        let next = now.plus_seconds(self.policy.delay_after(message.attempts));
                        store::mark_retry(&mut tx, &message.id, next, &error).await?;
                        report.retried += 1;
                    }
                }
            }
            tx.commit().await?;
        }
        Ok(report)
    }

    /// Renders and hands over one message; `Ok(Some)` with the text when delivered (the inbox row
    /// is written by the caller), `Ok(None)` when the template is unknown.
    async fn deliver(&self, message: &store::Claimed) -> Result<Option<Rendered>, String> {
        let lang = message.lang.parse::<Lang>().unwrap_or(Lang::Az);
        let args: Vec<(String, String)> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&message.args)
                .map(|map| {
                    map.into_iter()
                        .filter(|(name, _)| name != ERASE_MEMBER)
                        .map(|(name, value)| (name, value.as_str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default();
        let Some(rendered) = self.templates.render(lang, &message.template, &args) else {
            return Ok(None);
        };
        let address = message.address.clone().unwrap_or_default();
        match Channel::parse(&message.channel) {
            Some(Channel::Inbox) => {}
            Some(Channel::Email) => {
                let mailer = self.mailer.as_ref().ok_or("no e-mail service is configured")?;
                mailer
                    .send(mail::Mail {
                        to: address,
                        subject: rendered.subject.clone(),
                        text: rendered.body.clone(),
                        id: Some(message.id.clone()),
                    })
                    .await?;
            }
            Some(Channel::Sms) => {
                let gateway = self.sms.as_ref().ok_or("no SMS gateway is configured")?;
                gateway.send(sms::Sms { id: message.id.clone(), to: address, text: rendered.short.clone() }).await?;
            }
            None => return Err(format!("unknown channel {}", message.channel)),
        }
        Ok(Some(rendered))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arguments_listed_for_erasure_are_emptied_and_the_list_dropped() {
        let stored = r#"{"number":"SRG-2026-000001","link":"https://x/s/1?key=secret","_erase_on_delivery":["link"]}"#;
        let kept: serde_json::Value = serde_json::from_str(&erased(stored).unwrap()).unwrap();
        assert_eq!(kept, serde_json::json!({"number": "SRG-2026-000001", "link": ""}));
        assert_eq!(erased(r#"{"number":"1"}"#), None, "nothing to erase, nothing rewritten");
    }

    #[test]
    fn backoff_doubles_up_to_the_ceiling() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay_after(1), 30);
        assert_eq!(policy.delay_after(2), 60);
        assert_eq!(policy.delay_after(3), 120);
        assert_eq!(policy.delay_after(20), 3600);
    }
}
