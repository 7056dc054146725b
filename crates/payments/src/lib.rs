//! Payments of fees and state duties (LIC-3.6, LIC-5.10 … LIC-5.12, KOB-4.2, VEIS-5.4).
//!
//! A payment order is written with the change that makes a fee due, in the caller's
//! transaction: a unique payment code the person pays by (through the portal, ASAN ödəniş or a
//! terminal), the amount and beneficiary from the service catalog. A provider confirms a
//! payment by calling back: the body is authenticated with an HMAC-SHA256 over the timestamp
//! and the body under the provider's shared secret, a stale timestamp is refused, and the
//! callback is checked against the order (code, amount, currency). The provider's reference is
//! unique and an order is paid once, so the same callback twice, even at the same moment on two
//! servers, is one payment. Every callback, applied or refused, is recorded; refusals are
//! recorded in their own transaction, so nothing is half-applied.
//!
//! Invariant: no HTTP, no clock (time is a parameter). SQL only in `store.rs`.

mod store;

use std::fmt;

use hmac::{Hmac, Mac};
use pencere_core::Timestamp;
use pencere_core::calendar::Date;
use pencere_store::{StoreError, Tx};
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use sha2::Sha256;

pub use store::{ReconciliationRow, callbacks};

/// How far a callback's timestamp may be from the receiving server's clock, in seconds.
pub const CALLBACK_TOLERANCE_SECONDS: i64 = 300;

/// The currency of every fee in the catalog.
pub const AZN: &str = "AZN";

/// An amount in the smallest unit (qəpik for the manat).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(i64);

impl Money {
    /// An amount from its smallest units.
    pub const fn from_minor(minor: i64) -> Money {
        Money(minor)
    }

    /// The amount in its smallest units.
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// Parses a positive decimal amount with at most two decimals: `"1800"`, `"1800.5"`, `"1800.00"`.
    pub fn parse(text: &str) -> Option<Money> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || whole.len() > 12 || fraction.len() > 2 {
            return None;
        }
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let cents: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().ok()? * 10,
            _ => fraction.parse().ok()?,
        };
        let minor = whole.checked_mul(100)?.checked_add(cents)?;
        (minor > 0).then_some(Money(minor))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Where a payment order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderStatus {
    /// Waiting to be paid.
    Due,
    /// Paid, confirmed by a provider.
    Paid,
    /// No longer payable (the case ended another way).
    Cancelled,
}

impl OrderStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Due => "due",
            OrderStatus::Paid => "paid",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> OrderStatus {
        match text {
            "paid" => OrderStatus::Paid,
            "cancelled" => OrderStatus::Cancelled,
            _ => OrderStatus::Due,
        }
    }
}

/// A payment order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// Its id.
    pub id: String,
    /// The payment code the person pays by.
    pub code: String,
    /// The case it belongs to.
    pub case_id: Option<String>,
    /// Who is to pay.
    pub payer_id: String,
    /// What it pays for, as the payer reads it.
    pub purpose: String,
    /// How much.
    pub amount: Money,
    /// In which currency.
    pub currency: String,
    /// Who receives it.
    pub beneficiary: String,
    /// Where it stands.
    pub status: OrderStatus,
    /// When it was written.
    pub created_at: Timestamp,
    /// When it was paid.
    pub paid_at: Option<Timestamp>,
}

/// A payment order to write.
#[derive(Clone, Debug)]
pub struct NewOrder<'a> {
    /// The case it belongs to.
    pub case_id: Option<&'a str>,
    /// Who is to pay.
    pub payer_id: &'a str,
    /// What it pays for.
    pub purpose: &'a str,
    /// How much.
    pub amount: Money,
    /// Who receives it.
    pub beneficiary: &'a str,
}

/// A payment code: twelve digits, the last a Luhn check digit, so a mistyped code is caught
/// before it reaches the database.
pub fn new_code() -> String {
    let mut bytes = [0_u8; 8];
    OsRng.fill_bytes(&mut bytes);
    let number = u64::from_be_bytes(bytes) % 100_000_000_000;
    let body = format!("{number:011}");
    format!("{body}{}", luhn_digit(&body))
}

fn luhn_digit(body: &str) -> u32 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(position, byte)| {
            let digit = u32::from(byte - b'0');
            if position % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Whether a text is a well-formed payment code (twelve digits, check digit right).
pub fn is_code(text: &str) -> bool {
    text.len() == 12
        && text.bytes().all(|b| b.is_ascii_digit())
        && text[11..].parse::<u32>().is_ok_and(|check| check == luhn_digit(&text[..11]))
}

/// Writes a payment order in the caller's transaction.
pub async fn create_order(tx: &mut Tx, order: &NewOrder<'_>, now: Timestamp) -> Result<Order, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    for _ in 0..5 {
        let code = new_code();
        if store::insert_order(tx, &id, &code, order, now).await? {
            return store::order_by_code(tx, &code)
                .await?
                .ok_or_else(|| StoreError::Database("the payment order just written is missing".to_owned()));
        }
    }
    Err(StoreError::Database("no free payment code after five tries".to_owned()))
}

/// The orders of a case, oldest first.
pub async fn orders_for_case(tx: &mut Tx, case_id: &str) -> Result<Vec<Order>, StoreError> {
    store::orders_for_case(tx, case_id).await
}

/// The order with this payment code.
pub async fn order_by_code(tx: &mut Tx, code: &str) -> Result<Option<Order>, StoreError> {
    store::order_by_code(tx, code).await
}

/// Cancels the case's orders still due (the case ended without payment).
pub async fn cancel_due(tx: &mut Tx, case_id: &str) -> Result<u64, StoreError> {
    store::cancel_due(tx, case_id).await
}

/// What a provider says in a callback: its own reference of the payment, the code paid, and
/// the amount and currency received.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Callback {
    /// The provider's unique reference of the payment.
    pub provider_ref: String,
    /// The payment code paid.
    pub code: String,
    /// The amount received, as a decimal (`"1800.00"`).
    pub amount: String,
    /// The currency received.
    pub currency: String,
}

/// Why a callback was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No provider is configured under this name.
    #[error("unknown payment provider")]
    UnknownProvider,
    /// The timestamp or signature header is missing or unreadable.
    #[error("the callback is not signed")]
    Unsigned,
    /// The signature does not match the body under the provider's secret.
    #[error("the callback's signature does not match")]
    BadSignature,
    /// The timestamp is too far from now: a replay or a badly set clock.
    #[error("the callback's timestamp is outside the accepted window")]
    Stale,
    /// The body is not the expected JSON.
    #[error("the callback's body is not readable")]
    Malformed,
    /// No order has this payment code.
    #[error("no payment order has this code")]
    UnknownCode,
    /// The amount differs from the order's.
    #[error("the amount differs from the payment order's")]
    WrongAmount,
    /// The currency differs from the order's.
    #[error("the currency differs from the payment order's")]
    WrongCurrency,
    /// The order was already paid by another payment, or cancelled.
    #[error("the payment order is no longer payable")]
    NotPayable,
}

impl Refusal {
    /// A short stable name, recorded with the callback.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::UnknownProvider => "unknown_provider",
            Refusal::Unsigned => "unsigned",
            Refusal::BadSignature => "bad_signature",
            Refusal::Stale => "stale",
            Refusal::Malformed => "malformed",
            Refusal::UnknownCode => "unknown_code",
            Refusal::WrongAmount => "wrong_amount",
            Refusal::WrongCurrency => "wrong_currency",
            Refusal::NotPayable => "not_payable",
        }
    }
}

/// The signature header's value for a body sent at `timestamp` (Unix seconds):
/// `sha256=` and the hexadecimal HMAC-SHA256 of `"{timestamp}.{body}"`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut mac = mac(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    let hex = pencere_core::hex(&tag);
    format!("sha256={hex}")
}

fn mac(secret: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this cannot fail.
    <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!("HMAC takes any key length"))
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// Authenticates a callback: the signature (in constant time) and the timestamp's window, then
/// reads the body.
pub fn authenticate(
    secret: &[u8],
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: Timestamp,
) -> Result<Callback, Refusal> {
    let timestamp: i64 = timestamp.and_then(|t| t.trim().parse().ok()).ok_or(Refusal::Unsigned)?;
    let tag = signature.and_then(|s| s.trim().strip_prefix("sha256=")).and_then(unhex).ok_or(Refusal::Unsigned)?;
    let mut mac = mac(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&tag).map_err(|_| Refusal::BadSignature)?;
    let seconds = now.as_micros() / 1_000_000;
    // The distance without overflow: the timestamp is any i64 the provider signed.
    if seconds.abs_diff(timestamp) > CALLBACK_TOLERANCE_SECONDS.unsigned_abs() {
        return Err(Refusal::Stale);
    }
    serde_json::from_slice(body).map_err(|_| Refusal::Malformed)
}

/// What an accepted callback did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// This callback paid the order.
    Paid(Order),
    /// The same payment was already applied; nothing changed.
    Duplicate(Order),
}

/// Applies an authenticated callback in the caller's transaction: checks it against the order
/// and marks the order paid, once. The caller moves the case on when it is [`Applied::Paid`],
/// in the same transaction, and records a refusal with [`record_refusal`] in a new one.
pub async fn apply(
    tx: &mut Tx,
    provider: &str,
    callback: &Callback,
    body: &str,
    now: Timestamp,
) -> Result<Result<Applied, Refusal>, StoreError> {
    let Some(order) = store::order_by_code(tx, callback.code.trim()).await? else {
        return Ok(Err(Refusal::UnknownCode));
    };
    if let Some(existing) = store::payment_by_ref(tx, provider, &callback.provider_ref).await? {
        if existing == order.id {
            store::record_callback(
                tx,
                provider,
                now,
                "duplicate",
                Some(&order.code),
                Some(&callback.provider_ref),
                body,
            )
            .await?;
            return Ok(Ok(Applied::Duplicate(order)));
        }
        return Ok(Err(Refusal::NotPayable));
    }
    if !callback.currency.trim().eq_ignore_ascii_case(&order.currency) {
        return Ok(Err(Refusal::WrongCurrency));
    }
    if Money::parse(&callback.amount) != Some(order.amount) {
        return Ok(Err(Refusal::WrongAmount));
    }
    if !store::mark_paid(tx, &order.id, now).await? {
        // Another callback paid it first. If it was this very payment, that is a duplicate.
        if store::payment_by_ref(tx, provider, &callback.provider_ref).await?.as_deref() == Some(order.id.as_str()) {
            store::record_callback(
                tx,
                provider,
                now,
                "duplicate",
                Some(&order.code),
                Some(&callback.provider_ref),
                body,
            )
            .await?;
            return Ok(Ok(Applied::Duplicate(order)));
        }
        return Ok(Err(Refusal::NotPayable));
    }
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_payment(tx, &id, &order, provider, &callback.provider_ref, now).await?;
    store::record_callback(tx, provider, now, "applied", Some(&order.code), Some(&callback.provider_ref), body).await?;
    let paid = Order { status: OrderStatus::Paid, paid_at: Some(now), ..order };
    Ok(Ok(Applied::Paid(paid)))
}

/// Records a refused callback (in its own transaction: the one that tried has rolled back).
pub async fn record_refusal(
    tx: &mut Tx,
    provider: &str,
    refusal: Refusal,
    callback: Option<&Callback>,
    body: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    let outcome = format!("refused:{}", refusal.code());
    let body: String = body.chars().take(4096).collect();
    store::record_callback(
        tx,
        provider,
        now,
        &outcome,
        callback.map(|c| c.code.as_str()),
        callback.map(|c| c.provider_ref.as_str()),
        &body,
    )
    .await
}

/// The payments a provider confirmed on a day (Baku time), for reconciliation with its
/// statement.
pub async fn reconciliation(tx: &mut Tx, provider: &str, day: Date) -> Result<Vec<ReconciliationRow>, StoreError> {
    let (year, month, date) = day.ymd();
    let start = Timestamp::from_utc_date(year, month, date)
        .ok_or_else(|| StoreError::Database("date out of range".to_owned()))?
        .plus_seconds(-4 * 3600);
    store::reconciliation(tx, provider, start, start.plus_seconds(86_400)).await
}

/// The reconciliation as CSV (RFC 4180), with a header row.
pub fn reconciliation_csv(rows: &[ReconciliationRow]) -> String {
    let mut out = String::from("received_at,provider_ref,payment_code,case_number,amount,currency,purpose\r\n");
    for row in rows {
        let fields = [
            row.received_at.to_string(),
            row.provider_ref.clone(),
            row.code.clone(),
            row.case_number.clone().unwrap_or_default(),
            row.amount.to_string(),
            row.currency.clone(),
            row.purpose.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(value: &str) -> String {
    // A leading formula character is neutralized so a spreadsheet does not run it.
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\r', '\n']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_strictly() {
        assert_eq!(Money::parse("1800.00"), Some(Money(180_000)));
        assert_eq!(Money::parse("1800"), Some(Money(180_000)));
        assert_eq!(Money::parse("0.5"), Some(Money(50)));
        assert_eq!(Money(180_005).to_string(), "1800.05");
        for bad in ["", "-1", "1.001", "1,00", "0", "0.00", "1e3", ".5", "12.a"] {
            assert_eq!(Money::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn codes_carry_a_check_digit() {
        for _ in 0..100 {
            let code = new_code();
            assert!(is_code(&code), "{code}");
            let mut wrong = code.into_bytes();
            wrong[3] = if wrong[3] == b'9' { b'0' } else { wrong[3] + 1 };
            assert!(!is_code(&String::from_utf8(wrong).unwrap()));
        }
        assert!(!is_code("12345"));
    }

    #[test]
    fn a_callback_is_accepted_only_signed_fresh_and_whole() {
        let now = Timestamp::from_micros(1_795_447_203_000_000);
        let seconds = now.as_micros() / 1_000_000;
        let body = br#"{"provider_ref":"r-1","code":"123","amount":"10.00","currency":"AZN"}"#;
        let signature = sign(b"secret", seconds, body);
        let ok = authenticate(b"secret", Some(&seconds.to_string()), Some(&signature), body, now).unwrap();
        assert_eq!(ok.provider_ref, "r-1");
        assert_eq!(
            authenticate(b"other", Some(&seconds.to_string()), Some(&signature), body, now),
            Err(Refusal::BadSignature)
        );
        let mut changed = body.to_vec();
        changed[40] ^= 1;
        assert_eq!(
            authenticate(b"secret", Some(&seconds.to_string()), Some(&signature), &changed, now),
            Err(Refusal::BadSignature)
        );
        // The timestamp is signed: moving it breaks the signature.
        assert_eq!(
            authenticate(b"secret", Some(&(seconds + 1).to_string()), Some(&signature), body, now),
            Err(Refusal::BadSignature)
        );
        let old = seconds - CALLBACK_TOLERANCE_SECONDS - 1;
        assert_eq!(
            authenticate(b"secret", Some(&old.to_string()), Some(&sign(b"secret", old, body)), body, now),
            Err(Refusal::Stale)
        );
        // Found by fuzz/fuzz_targets/payment_callback.rs: a signed timestamp far from now
        // overflowed the subtraction (a panic in debug builds, a wrong answer in release ones).
        for extreme in [i64::MIN, i64::MIN + 1, i64::MAX] {
            assert_eq!(
                authenticate(b"secret", Some(&extreme.to_string()), Some(&sign(b"secret", extreme, body)), body, now),
                Err(Refusal::Stale),
                "{extreme}"
            );
        }
        assert_eq!(authenticate(b"secret", None, Some(&signature), body, now), Err(Refusal::Unsigned));
        assert_eq!(authenticate(b"secret", Some("x"), Some(&signature), body, now), Err(Refusal::Unsigned));
        let garbage = b"not json";
        assert_eq!(
            authenticate(b"secret", Some(&seconds.to_string()), Some(&sign(b"secret", seconds, garbage)), garbage, now),
            Err(Refusal::Malformed)
        );
    }

    #[test]
    fn csv_quotes_and_neutralizes_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("plain"), "plain");
    }
}
