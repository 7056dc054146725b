## The layout every page shares.

site-description = Pəncərə: the one window to the state information systems of Azerbaijan — licences and permits, the tobacco registry, e-KOB evi, highly qualified migrants and VEİS.
skip-to-content = Skip to main content
test-environment-label = TEST ENVIRONMENT
test-environment-banner = This is a test environment with synthetic data. Nothing done here has legal effect.
home-link-label = Pəncərə, home page
language-switcher-label = Language
breadcrumb-label = You are here
footer-about = Pəncərə is open-source software that runs state information systems on the one-window principle.
footer-api = API (OpenAPI)
footer-status = Service status

## Home page.

home-title = Home
home-heading = One window to the state's e-services
home-lead = Apply, follow every step of your case, pay fees and receive signed documents — for licences and permits, registries, SME services, migration and military registration, in one place.
principles-heading = How it works
principle-one-window-title = One window.
principle-one-window = You sign in once and find your applications, documents, payments and messages in your e-cabinet.
principle-deadlines-title = Visible deadlines.
principle-deadlines = Every case shows its legal deadline, counted in working days, to you and to the official alike.
principle-trust-title = Signed and verifiable.
principle-trust = Decisions are signed with an enhanced e-signature, and anyone can verify a document by its code.
principle-open-title = Your data, asked once.
principle-open = What state registries already know is taken from them, not asked of you again.

## The systems on the platform.

systems-heading = Five state information systems, one window
systems-intro = Pəncərə is a single platform that runs five Azerbaijani state information systems on the one-window principle. Each system keeps its own owner, legal basis and services, while sign-in, e-cabinets, electronic signatures, notifications and payments are built once as shared parts of the platform.
system-offers-heading = What it offers
system-users-heading = Who uses it
system-owner-label = Owner / operator
system-regulation-label = Approved by

## Errors, for pages and for the API's problem documents.

error-request-id = If you contact support, quote this request number:
error-back-home = Back to the home page
problem-bad-request-title = Bad request
problem-bad-request-explanation = The request could not be understood. Check the address and what was sent, and try again.
problem-validation-title = Some fields need correcting
problem-validation-explanation = The request was understood, but some values are missing or invalid. Each one is listed with what to correct.
problem-unauthorized-title = Sign-in required
problem-unauthorized-explanation = You need to sign in to do this, or your session has ended. Sign in and try again.
problem-forbidden-title = Not allowed
problem-forbidden-explanation = Your account does not have the right to do this. If you think it should, contact the body that manages your access.
problem-not-found-title = Page not found
problem-not-found-explanation = There is nothing at this address. It may have moved, or the link may be mistyped.
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed-explanation = This address exists, but not for this kind of request. The Allow header lists the methods it accepts.
problem-conflict-title = Conflict with the current state
problem-conflict-explanation = The request conflicts with the current state of the record, for example because it already exists or has changed meanwhile.
problem-payload-too-large-title = Upload too large
problem-payload-too-large-explanation = What was sent is larger than the service accepts. Send a smaller file or fewer files at once.
problem-unsupported-media-type-title = Unsupported format
problem-unsupported-media-type-explanation = The service does not accept data in this format. For the API, send JSON with Content-Type: application/json.
problem-too-many-requests-title = Too many requests
problem-too-many-requests-explanation = Too many requests came in a short time. Wait a moment and try again.
problem-timeout-title = The service took too long
problem-timeout-explanation = The request took too long and was stopped. Nothing was saved unless you were told so. Try again shortly.
problem-unavailable-title = Service temporarily unavailable
problem-unavailable-explanation = A system this service depends on is not answering. Try again shortly.
problem-internal-title = Something went wrong on our side
problem-internal-explanation = The service failed to complete the request. The fault has been recorded; try again later.
problem-detail-no-endpoint = There is no API endpoint at this address. The list of endpoints is at /api/openapi.json.
problem-detail-no-system = There is no system with the code “{ $code }”.
problem-detail-unsupported-lang = The language “{ $lang }” is not supported; use az, en or ru.
problem-detail-csrf = The form or request is missing its security token, or it has expired. Reload the page and try again.

## Account and login.

nav-cabinet = My cabinet
nav-logout = Log out
nav-login = Log in
login-title = Log in
login-intro = Log in to your e-cabinet to apply, follow your cases and receive documents.
login-field-login = Login
login-field-password = Password
login-submit = Log in
login-demo-hint = Test environment: the demo accounts and their password are listed in the README.
login-error-login-required = Enter your login.
login-error-password-required = Enter your password.
login-error-invalid = The login or the password is wrong.
login-error-locked = Too many failed attempts. Try again in { $minutes } min.

## The e-cabinet.

cabinet-title = My cabinet
cabinet-profile = Profile
cabinet-name = Name
cabinet-login = Login
cabinet-email = E-mail
cabinet-passport = Passport
cabinet-organizations = Organizations you act for
cabinet-organizations-none = You act only for yourself.
cabinet-acting-for = Act for
cabinet-switch = Switch
cabinet-services = Your services
cabinet-inbox = Inbox
cabinet-inbox-empty = No messages yet.
cabinet-applications = My applications
cabinet-applications-empty = You have no applications yet.
cabinet-documents = My documents
cabinet-documents-empty = You have no documents yet.
cabinet-payments = My payments
cabinet-payments-empty = You have no payments yet.
cabinet-journal = What happened with my data
cabinet-journal-intro = The latest entries of the audit journal that concern you: logins, changes and reads of your data.
cabinet-journal-by-you = you
cabinet-journal-by-system = the system
cabinet-sessions = Sessions
cabinet-logout-everywhere = Log out on all devices
journal-when = When
journal-what = What
journal-who = Who

## Roles of the platform.

role-platform-admin = platform administrator
role-org-head = head of the organization
role-org-representative = legal representative

## Audit journal actions.

action-identity-login-success = Logged in
action-identity-login-failure = Failed login
action-identity-login-locked = Login refused: too many attempts
action-identity-logout = Logged out
action-identity-logout-everywhere = Logged out on all devices
action-identity-acting-org-switch = Switched organization
action-identity-user-create = Account created
action-identity-membership-grant = Role granted
action-identity-membership-revoke = Role revoked
action-personal-data-read = Personal data viewed
action-identity-login-link-sent = Login link sent
action-identity-login-link-throttled = Login link withheld: too many requested
action-audit-search = Audit journal searched

## Administration: the audit journal.

admin-audit-title = Audit journal
admin-audit-intro = Search the journal of logins, data reads and changes by person, actor, record and time. Every search is itself recorded.
admin-audit-person = Person concerned (login)
admin-audit-actor = Actor (login)
admin-audit-action = Action starts with
admin-audit-record-type = Record type
admin-audit-record-id = Record id
admin-audit-from = From (date)
admin-audit-until = Until (date)
admin-audit-search = Search
admin-audit-count = { $count ->
    [one] One entry found.
   *[other] { $count } entries found.
}
admin-audit-record = Record
admin-audit-subject = Person
admin-audit-pending = sealing
admin-audit-error-date = “{ $field }” must be a date such as 2026-11-23.

## Second factor, my data and corrections, members, operators' queues.

login-field-code = One-time code (only if you turned it on)
login-error-totp-required = Enter the one-time code from your authenticator app.
cabinet-links = More in your cabinet
cabinet-link-data = My data and corrections
cabinet-link-security = Login security
cabinet-link-members = Members of the organization
cabinet-link-audit = Audit journal
cabinet-link-corrections = Correction requests
cabinet-link-participants = Participants' access
data-title = My data
data-intro = What the system holds about you. If something is wrong, ask for a correction: an official checks it and changes the data, or tells you why not.
data-held = Data held about you
correction-sent = Your request was sent. You can follow it below.
correction-heading = Ask for a correction
correction-field = What to correct
correction-value = Correct value
correction-current = Current value
correction-explanation = Why it is wrong
correction-submit = Send the request
correction-mine = My correction requests
correction-none = You have not asked for any correction.
correction-status = Status
correction-reason = Reason
correction-field-full-name = Full name
correction-field-email = E-mail
correction-field-phone = Mobile number
correction-status-pending = waiting for a decision
correction-status-approved = approved: the data was corrected
correction-status-rejected = rejected
correction-error-field = Choose what to correct.
correction-error-value = Enter a valid value: a full name, an e-mail address like name@example.az, or a phone number like +994 50 123 45 67.
correction-error-unchanged = This is already the value held.
correction-error-explanation = Say why the data is wrong.
correction-error-reason = A rejection needs a reason the person will read.
security-title = Login security
security-changed = Saved.
security-on = A one-time code from your authenticator app is needed each time you log in.
security-off = Logging in needs only your password. Add a one-time code for more protection.
security-setup = Add this key to an authenticator app (or open the link below on your phone), then enter the code it shows.
security-secret = Key
security-turn-on = Turn on
security-turn-off = Turn off
security-error-code = The code does not match. Check the time on your phone and try the newest code.
members-title = Members
members-intro-head = The people who act for your organization and their rights. Grant a role to a registered user by their login, or revoke one with a reason.
members-intro-operator = Any organization's members. Revoking a role restricts a participant's access at once; the reason is recorded.
members-organization = Organization
members-show = Show
members-role = Role
members-since = Since
members-revoke = Revoke
members-reason = Reason
members-grant = Grant a role
members-error-role = Choose a role from the list.
members-error-login = There is no user with this login.
members-error-duplicate = This user already holds this role.
members-error-reason = A revocation needs a reason.
corrections-title = Correction requests
corrections-intro = People's requests to correct the data held about them, oldest first. Approving changes the data; rejecting needs a reason they will read.
corrections-none = No requests are waiting.
corrections-approve = Approve
corrections-reject = Reject
action-identity-correction-request = Correction requested
action-identity-correction-approve = Correction approved
action-identity-correction-reject = Correction rejected
action-identity-totp-enable = One-time code turned on
action-identity-totp-disable = One-time code turned off

## Login with the enhanced e-signature.

login-password-heading = With login and password
login-esign-heading = With the e-signature (mobile signature)
login-esign-intro = Enter the phone number and user id of your mobile signature. You will confirm the login on your phone.
login-field-phone = Phone number
login-field-user-id = User id
login-esign-submit = Continue with the e-signature
login-esign-phone-hint = Test environment: open the page that stands for the phone
esign-confirm-heading = Confirm on your phone
esign-confirm-intro = Your phone asks you to sign in to Pəncərə. Check that it shows the same code, confirm there, then continue here.
esign-code-label = Verification code
esign-confirm-done = I confirmed on my phone
esign-start-over = Start over
esign-waiting = The signature has not arrived yet. Confirm on your phone, then continue.
esign-declined = The signature was declined on the phone. Nothing was logged in.
esign-not-registered = No mobile signature is registered for this phone number and user id.
esign-unavailable = The mobile signature service is not available at the moment. Try again later or log in another way.
esign-error-unknown-challenge = This login attempt is not known. Start over.
esign-error-challenge-used = This signed request was already used. Start a new login.
esign-error-challenge-expired = The time to sign ran out. Start a new login.
esign-error-unknown-issuer = The certificate was not issued by a trusted authority.
esign-error-expired = The certificate is not valid at this time (expired or not yet valid).
esign-error-revoked = The certificate has been revoked.
esign-error-signature = The signature does not match the certificate.
esign-error-certificate = The certificate cannot be used to log in.
esign-error-no-fin = The certificate does not name a personal identification number (FİN).
phone-title = Phone (test environment)
phone-intro = This page stands for the phone of a mobile signature holder. Enter the phone number to see the signature requests waiting on it.
phone-show = Show requests
phone-none = No requests are waiting on this phone.
phone-request = Sign in to Pəncərə? Code:
phone-confirm = Confirm
phone-decline = Decline
phone-demo-numbers = Demo phones and user ids

## Single sign-on (Vahid Giriş).

login-sso-heading = With Vahid Giriş (single sign-on)
login-sso-intro = Log in once through the state's single sign-on window and come back here.
login-sso-submit = Log in with Vahid Giriş
sso-unavailable = The single sign-on service is not available at the moment. Try again later or log in another way.
sso-error-state = This login was not started here, or it was already completed. Start over.
sso-error-response = The answer of the single sign-on service could not be trusted. Nothing was logged in. Start over.
vahid-title = Vahid Giriş (test environment)
vahid-intro = This window stands for the state's single sign-on. Enter the FİN of a demo account and the demo password.
vahid-submit = Identify me

## Login by e-mail link (foreigners), and the test mailbox.

login-email-heading = With a link sent to your e-mail
login-email-intro = For foreigners and stateless persons: we send a one-time login link to the e-mail address of your account.
login-email-submit = Send me a link
login-email-mailbox-hint = Test environment: open the mailbox that receives the links
email-sent = If an account uses this address, a login link is on its way. It works once, for 15 minutes.
email-unavailable = E-mail cannot be sent at the moment. Try again later or log in another way.
email-confirm = Press the button to log in with this link.
email-confirm-submit = Log in
email-error-expired = This link has expired. Ask for a new one.
email-error-used = This link was already used. Ask for a new one.
email-error-unknown = This link is not valid. Ask for a new one.
email-link-subject = Your Pəncərə login link
email-link-text = Hello { $name },

    Open this link to log in to Pəncərə. It works once, for 15 minutes:
    { $url }

    If you did not ask for it, ignore this message.
mailbox-title = Mailbox (test environment)
mailbox-intro = The e-mail the test environment sent, newest first.
mailbox-empty = No e-mail yet.
mailbox-to = To:

## Case engine: services, applications, deadlines, notices
system-services-heading = Services you can apply for
service-apply = Apply
service-body = Decided by
service-law = Legal basis
service-fee = State duty
service-unverified = figure not yet verified against the law's text
service-deadlines = Deadlines
service-period = Period
service-at-expiry = When it passes
service-counting = A period starts the day after the event; working days follow the calendar of Azerbaijan, and a period that ends on a day off ends on the next working day.
service-calendar-unverified = This year's holiday dates are not yet confirmed by the Cabinet of Ministers' decision.
service-documents = Documents
service-required = required
service-fields = What the form asks
case-days-working = { $days ->
    [one] { $days } working day
   *[other] { $days } working days
}
case-days-calendar = { $days ->
    [one] { $days } calendar day
   *[other] { $days } calendar days
}
case-expiry-flag = The case is marked overdue for the body and its supervisors.
case-expiry-act = The case becomes “{ $state }” by itself.
apply-title = Application
apply-intro = Fields marked as required must be filled in before you submit. You can save a draft at any time and come back to it.
apply-saved = Your draft is saved. You can attach documents now.
apply-problems = Please correct the following:
apply-submit = Submit the application
apply-save = Save as draft
apply-documents-after-save = Save the draft first; then you can attach documents here.
apply-document-attached = Attached
apply-choose-file = Choose a file
apply-upload = Upload
apply-document-rules = PDF, JPEG or PNG, up to 10 MB. A new upload adds a version; earlier versions are kept.
case-field-required = This field is required.
case-field-too-long = This is too long.
case-field-fin = A FİN has 7 letters and digits, without I and O.
case-field-voen = A VÖEN has 10 digits and ends in 1 or 2.
case-field-date = Write the date as YYYY-MM-DD.
case-field-email = Enter an e-mail address like name@example.az.
case-field-phone = Enter an Azerbaijani mobile number, for example 050 123 45 67.
case-field-number = Enter a whole number.
case-field-choice = Choose one of the options.
case-field-document-required = Attach this document.
case-field-document-type = Only PDF, JPEG and PNG files are accepted.
case-field-document-size = The file is larger than 10 MB.
case-field-document-empty = The file is empty.
case-field-reason = Write the reason.
case-field-unknown = This field is not part of the form.
cases-title = My applications
case-title = Application
case-number = Number
case-service = Service
case-state = Status
case-state-draft = Draft
case-submitted = Registered
case-next-due = Next deadline
case-body = Competent body
case-applicant = Applicant
case-assigned = Assigned to
case-registered-notice = Your application is registered. Its number and every deadline are below; you were also notified in your inbox, by e-mail and by SMS.
case-awaits-you = The body is waiting for you: see the notice in your inbox and the deadline below.
case-closed = This application is closed: the decision above is final on the portal.
case-actions = What you can do
case-reason = Reason
case-assign-me = Take this case
case-deadlines = Deadlines
case-no-deadlines = No deadlines are running.
case-deadline = Deadline
case-deadline-from = Counted from
case-deadline-due = Last day
case-deadline-status = Status
case-deadline-open = running
case-deadline-paused = paused
case-deadline-met = met
case-deadline-expired = passed
case-deadline-stopped = stopped
case-timeline = Timeline
case-event-created = Draft created
case-event-registered = Registered as { $number }
case-event-transition = { $from } → { $to }
case-event-assigned = Assigned to an official
case-event-deadline-expired = Deadline passed: { $deadline }
case-event-document = Document attached
case-by-applicant = the applicant
case-by-official = an official
case-by-system = the system
case-data = The application
case-document = Document
case-version = Version
case-file = File
case-uploaded = Uploaded
case-notices = Notices sent
case-channel = Channel
case-channel-inbox = cabinet inbox
case-channel-email = e-mail
case-channel-sms = SMS
case-delivery-pending = being sent
case-delivery-sent = delivered
case-delivery-dead = failed
cabinet-inbox-unread = { $count ->
    [one] { $count } unread message
   *[other] { $count } unread messages
}
cabinet-inbox-none-unread = No unread messages.
cabinet-applications-count = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
cabinet-link-work = Work queue
cabinet-link-statistics = Service statistics
cabinet-link-outbox = Undelivered notices
inbox-mark-read = Mark all as read
inbox-new = New
inbox-open-case = Open the application
queue-title = Work queue
queue-all-services = All services
queue-mine = Only cases assigned to me
queue-closed = Include closed cases
queue-filter = Show
queue-empty = No cases.
queue-overdue = overdue
stats-title = Service statistics
stats-intro = For every service: applications registered and decided, processing time from registration to decision in days, and the share decided before any legal deadline passed.
stats-csv = Download the table as CSV
stats-received = Received
stats-decided = Decided
stats-median = Median, days
stats-p90 = 90th percentile, days
stats-within = Within the deadline
outbox-title = Undelivered notices
outbox-intro = Notices that failed every attempt. Fix the cause (an address, the mail server, the SMS gateway) and send them again.
outbox-empty = Every notice was delivered.
outbox-address = Address
outbox-template = Notice
outbox-attempts = Attempts
outbox-error = Last error
outbox-retry = Send again
sms-title = SMS inbox of the test environment
sms-intro = The text messages the platform sent to the sandbox SMS gateway.
sms-empty = No text messages yet.
problem-detail-no-case = There is no such application, or it is not yours to see.
problem-detail-no-service = There is no service { $service }.
problem-detail-case-changed = The application has changed meanwhile; reload the page and try again.
problem-detail-service-unavailable = This service is not yet open on this installation: its competent body is not recorded.
problem-detail-no-message = There is no such undelivered notice.
action-case-submit = Application submitted
action-case-transition = Application moved on
action-case-assign = Application assigned
action-case-overdue = Deadline passed
action-case-document = Document attached
action-outbox-retry = Notice sent again

case-event-opinion = Opinion given
case-opinions = Opinions of other bodies
case-opinion-body = Body
case-opinion-pending = awaited
case-opinion-consent = consent
case-opinion-refusal = refusal
case-opinion-give = Your body's opinion is asked
case-opinion-answer = Answer
case-opinion-text = Opinion
case-opinion-send = Send the opinion
case-field-opinion = Write the opinion.
queue-asked = Opinions asked of your body
action-case-opinion = Opinion given on an application

## Notices: subject, text, SMS
notice-case-registered-subject = Application { $number } registered
notice-case-registered-body = Your application for “{ $service }” is registered as { $number }. It will be reviewed by { $due }. Follow it in your cabinet.
notice-case-registered-sms = Application { $number } registered. Review by { $due }.
notice-case-changed-subject = Application { $number }: { $state }
notice-case-changed-body = Your application { $number } for “{ $service }” is now: { $state }.
notice-case-changed-sms = Application { $number }: { $state }.
notice-case-deficiencies-subject = Application { $number }: deficiencies to remove
notice-case-deficiencies-body = The licensing authority found deficiencies in your application { $number } that can be removed: { $reason } Remove them and confirm in your cabinet by { $due }. If they are not removed in time, the application will be left unconsidered.
notice-case-deficiencies-sms = Application { $number }: remove the deficiencies by { $due }. See your cabinet.
notice-case-fixes-received-subject = Application { $number }: your corrections are registered
notice-case-fixes-received-body = Your corrections to application { $number } are registered and the review continues.
notice-case-fixes-received-sms = Application { $number }: corrections registered.
notice-case-unconsidered-subject = Application { $number } left unconsidered
notice-case-unconsidered-body = The deficiencies of application { $number } were not removed in time, so the application is left unconsidered. You can file a new application.
notice-case-unconsidered-sms = Application { $number } left unconsidered.
notice-case-fix-deadline-passed-subject = Application { $number }: the time to remove the deficiencies has passed
notice-case-fix-deadline-passed-body = The deficiencies of application { $number } were not removed by the deadline. The licensing authority will leave the application unconsidered by a signed act, which will reach your cabinet.
notice-case-fix-deadline-passed-sms = Application { $number }: deficiencies not removed in time.
notice-case-decided-subject = Decision on application { $number }
notice-case-decided-body = A decision was taken on your application { $number } for “{ $service }”: { $state }. { $reason }
notice-case-decided-sms = Application { $number }: { $state }. See your cabinet.

## Payments (LIC-5.10 … 5.12)
notice-case-payment-due-subject = Application { $number }: pay the state duty
notice-case-payment-due-body = A decision to issue was taken on your application { $number } for “{ $service }”. Pay the state duty of { $amount } with the payment code { $code } in your cabinet, through ASAN ödəniş or at a payment terminal. The licence is signed and sent to your cabinet once the payment is confirmed.
notice-case-payment-due-sms = Application { $number }: pay { $amount } with code { $code }.
notice-case-paid-subject = Application { $number }: payment confirmed
notice-case-paid-body = Your payment for the application { $number } for “{ $service }” is confirmed. The application is now: { $state }.
notice-case-paid-sms = Application { $number }: payment confirmed.
notice-case-issued-subject = Application { $number }: your document is issued
notice-case-issued-body = The document for your application { $number } for “{ $service }” was signed with an enhanced electronic signature and is in your cabinet, with its signature and verification code.
notice-case-issued-sms = Application { $number }: the signed document is in your cabinet.
case-payments = Payments
payment-code = Payment code
payment-purpose = Purpose
payment-amount = Amount
payment-beneficiary = Beneficiary
payment-provider = Payment service
payment-pay = Pay
payment-how = Pay by the payment code in your cabinet, through ASAN ödəniş or at a payment terminal; the payment is confirmed here as soon as the payment service reports it.
payment-status-due = Due
payment-status-paid = Paid
payment-status-cancelled = Cancelled
pay-title = Payment (test environment)
pay-intro = This page stands for a payment service such as ASAN ödəniş. Pressing the button pays the order; the payment service then confirms the payment to the portal.
pay-button = Pay now
pay-already = This order is already paid.
problem-detail-payment-provider = There is no payment service with this name.
problem-detail-payment-signature = The callback's signature is missing or does not match.
problem-detail-payment-stale = The callback's timestamp is too old or too far in the future.
problem-detail-payment-malformed = The callback's body is not the expected JSON.
problem-detail-payment-code = No payment order has this code.
problem-detail-payment-amount = The amount or currency differs from the payment order's.
problem-detail-payment-not-payable = This payment order is already paid or no longer payable.

## Signed documents (LIC-5.9, LIC-6.1, LIC-6.6)
doc-licence-title = Licence
doc-licence-body = { $body } issues this licence to { $applicant } for “{ $service }” on application { $number }, under { $law }.
doc-refusal-title = Refusal to issue a licence
doc-refusal-body = { $body } has considered application { $number } of { $applicant } for “{ $service }” and refuses it, under { $law }, for the reasons below. The decision may be appealed to the authority or to a court.
doc-fixes-title = Confirmation that the deficiencies are removed
doc-fixes-body = { $applicant } confirms to { $body } that the deficiencies notified on application { $number } for “{ $service }” are removed, and that the information and documents now attached to the application are true, under { $law }.
doc-unconsidered-title = Act leaving an application unconsidered
doc-unconsidered-body = { $body } leaves application { $number } of { $applicant } for “{ $service }” unconsidered, under { $law }, because the deficiencies notified to the applicant were not removed within the deadline of article 19.2 of the Law. The applicant may file a new application. The act may be appealed to the authority or to a court.
doc-field-number = Number
doc-field-date = Date of issue
doc-field-holder = Holder
doc-field-service = Activity
doc-reasons = Reasons:
doc-footer = Signed with the enhanced electronic signature of { $official }. Check its validity at { $url }.
doc-verification-code = Verification code
phone-signing = Document to sign:
case-awaiting-signature = A document of this application is awaiting the official's electronic signature.
case-issued = Issued documents
document-download-pdf = Download the document (PDF)
document-download-signature = Signature (.p7s)
document-status-awaiting_signature = Awaiting signature
document-status-declined = Signature declined
document-status-valid = Valid
document-status-suspended = Suspended
document-status-revoked = Revoked
document-status-superseded = Superseded
sign-heading = Sign the document
sign-intro = The document waits for your enhanced electronic signature:
sign-with-mobile = Sign with the mobile signature
sign-decline = Decline to sign
sign-confirm-intro = Confirm the signature on your phone. Check that the phone shows this code:
sign-back = Back to the application
sign-error-wrong-signer = The signature was made with a certificate of someone else.
problem-detail-no-document = There is no such document, or it is not yours to see.
case-event-document-prepared = Document prepared for signature
case-event-signature-declined = Signature declined
verify-title = Verify a document
verify-check = Verify
verify-valid = The document is valid and its signature verifies.
verify-not-in-force = The signature verifies, but the document is not in force.
verify-signature-invalid = The signature does not verify.
verify-signature-ok = Valid enhanced electronic signature
verify-document = Document
verify-issuer = Issued by
verify-signer = Signed by
verify-signed-at = Signed at
verify-signature = Signature
verify-status = Status
verify-unknown = No signed document has this code. Check the code printed on the document.
problem-detail-no-certificate = There is no test certificate for this login.

## The unified registry of licences and permits (LIC-3.5, LIC-6.3 … 6.6, LIC-7.3)
doc-field-licence-number = Licence number
doc-suspension-title = Act suspending a licence
doc-suspension-body = { $body } suspends licence { $licence } of { $applicant } for “{ $service }”, under { $law }, for the reasons below. The licence is not in force until it is restored. The act may be appealed to the authority or to a court.
doc-restoration-title = Act restoring a licence
doc-restoration-body = { $body } restores licence { $licence } of { $applicant } for “{ $service }”, under { $law }: the grounds of its suspension are removed and the licence is in force again.
doc-revocation-title = Act revoking a licence
doc-revocation-body = { $body } revokes licence { $licence } of { $applicant } for “{ $service }”, under { $law }, for the reasons below. The act may be appealed to the authority or to a court.
notice-licence-suspended-subject = Licence { $licence } suspended
notice-licence-suspended-body = Your licence { $licence } for “{ $service }” is suspended by a signed act: { $reason } The act is in your cabinet.
notice-licence-suspended-sms = Licence { $licence } suspended. See your cabinet.
notice-licence-restored-subject = Licence { $licence } restored
notice-licence-restored-body = Your licence { $licence } for “{ $service }” is restored by a signed act and is in force again. The act is in your cabinet.
notice-licence-restored-sms = Licence { $licence } restored.
notice-licence-revoked-subject = Licence { $licence } revoked
notice-licence-revoked-body = Your licence { $licence } for “{ $service }” is revoked by a signed act: { $reason } The act is in your cabinet.
notice-licence-revoked-sms = Licence { $licence } revoked. See your cabinet.
registry-title = Unified registry of licences and permits
registry-intro = Every licence and permit issued through the portal, with its status and history. Anyone may search it and download a signed extract, without logging in.
registry-query = Holder, VÖEN or licence number
registry-activity = Activity
registry-body = Issuing body
registry-status = Status
registry-any = Any
registry-issued-from = Issued from
registry-issued-to = Issued until
registry-search = Search
registry-none = No licence matches the search.
registry-more = Only the first 100 matches are shown; narrow the search.
registry-number = Licence number
registry-holder = Holder
registry-voen = VÖEN
registry-address = Address of the activity
registry-issued-on = Date of issue
registry-entry = Licence
registry-extract = Extract (PDF)
registry-extract-signature = Signature of the extract
registry-seal-key = The portal's public key
registry-extract-how = The extract is signed with the portal's key. To check it: openssl dgst -sha256 -verify seal.pem -signature extract.sig extract.pdf
registry-extract-title = Extract from the unified registry of licences and permits
registry-extract-footer = The registry's data as of { $at } (Baku time). Check them at { $url }.
registry-history = History
registry-when = When
registry-act = Act
registry-status-active = In force
registry-status-suspended = Suspended
registry-status-revoked = Revoked
registry-event-issued = Issued
registry-event-suspended = Suspended
registry-event-restored = Restored
registry-event-revoked = Revoked
registry-error-date = Write a date as YYYY-MM-DD.
registry-error-status = Choose in force, suspended or revoked.
registry-error-action = Choose suspend or revoke.
problem-detail-no-licence = There is no licence with this number in the registry.
motions-title = Motions of the supervisory body
motions-none = No motion has been filed on this licence.
motion-from = From
motion-action = Asks to
motion-action-suspend = Suspend the licence
motion-action-revoke = Revoke the licence
motion-reason = Reasons: the non-compliance found
motion-submit = File the motion
motion-new = File a reasoned motion
motion-decide = Decide on the licence's case
motion-dismiss-reason = Reasons for dismissing the motion
motion-dismiss = Dismiss the motion
motion-status-open = Awaiting the licensing body's decision
motion-status-accepted = Accepted: the act is signed
motion-status-dismissed = Dismissed
queue-motions = Motions of supervisory bodies awaiting your decision
case-event-motion = The supervisory body filed a motion: { $action }
case-event-motion-dismissed = The motion of the supervisory body was dismissed
nav-registry = Registry of licences

## Complaints against licensing acts (LIC-7.1, LIC-10.0.2) and acts cited by applications
case-field-act = Enter the verification code printed on the act, for example K7QP-3MZX-W9RT.
case-field-act-unknown = No signed act with this code was issued to you.
case-field-act-kind = This application cannot cite a document of this kind.
case-event-cited = Application { $number } cites an act of this case
notice-complaint-registered-subject = Complaint { $number } registered
notice-complaint-registered-body = Your complaint about “{ $service }” is registered under number { $number } and sent to the body that issued the act. It must be decided by { $due }. Follow it in your cabinet.
notice-complaint-registered-sms = Complaint { $number } registered; to be decided by { $due }.
notice-complaint-decided-subject = Decision on complaint { $number }
notice-complaint-decided-body = Your complaint { $number } has been decided: { $state }. { $reason } The signed result act is in your cabinet.
notice-complaint-decided-sms = Complaint { $number }: { $state }. The act is in your cabinet.
doc-complaint-upheld-title = Decision on an administrative complaint: upheld
doc-complaint-upheld-body = { $body } has considered administrative complaint { $number } of { $applicant } and upholds it, for the reasons below. The contested act is named below.
doc-complaint-rejected-title = Decision on an administrative complaint: rejected
doc-complaint-rejected-body = { $body } has considered administrative complaint { $number } of { $applicant } and rejects it, for the reasons below. This decision may be appealed to a court.

## Verification queries about doubtful documents (LIC-5.8) and paper copies (LIC-6.2)
case-queries = Verification queries
case-query-intro = If an attached document seems not authentic, or its data inaccurate, ask the body that can verify it. The review deadline keeps running meanwhile: the time counts within the legal deadline.
case-query-body = Body asked
case-query-document = Document
case-query-document-none = The application as a whole
case-query-question = Question
case-query-answer = Answer
case-query-ask = Send the verification query
case-query-send-answer = Send the answer
case-query-status-pending = Awaiting the answer
case-query-status-answered = Answered
case-queries-to-answer = Verification queries to answer
case-event-verification-asked = A verification query about the documents was sent to a relevant body
case-event-verification-answered = The relevant body answered a verification query
case-paper = Paper copy
case-paper-intro = The electronic licence in your cabinet is the licence. A paper copy is also provided when it is used directly in foreign economic activity, when an international agreement requires it, or at your request.
case-paper-document = Document
case-paper-ground = Ground
case-paper-ground-holder_request = At my request
case-paper-ground-foreign_trade = For direct use in foreign economic activity
case-paper-ground-international_agreement = Required by an international agreement
case-paper-note = How you wish to receive it (optional)
case-paper-request = Ask for a paper copy
case-paper-status-requested = Being prepared
case-paper-status-handed_over = Handed over
case-paper-handed-note = How it was handed over
case-paper-hand-over = Record the hand-over
case-papers-to-hand = Paper copies to hand over
case-event-paper-requested = A paper copy of the licence was requested
case-event-paper-handed-over = The paper copy was handed over
notice-paper-copy-ready-subject = Licence { $licence }: the paper copy was handed over
notice-paper-copy-ready-body = The paper copy of your licence { $licence } for “{ $service }” was handed over: { $reason }
notice-paper-copy-ready-sms = Licence { $licence }: paper copy handed over.

## Re-issue, duplicates and annexes of a licence (LIC-1.2, LIC-6.6)
case-field-licence = Enter the licence's number in the unified registry, for example LIC-ECONOMY-000001.
case-field-licence-unknown = No licence in force with this number is held by you or the organization you act for.
registry-event-reissued = Re-issued
registry-event-duplicated = Duplicate issued
registry-event-annexed = Annex issued
doc-licence-reissued-title = Licence (re-issued)
doc-licence-reissued-body = { $body } re-issues licence { $licence } to { $applicant } on application { $number }, under { $law }. This licence replaces the one issued before under the same number.
doc-licence-duplicate-title = Duplicate of a licence
doc-licence-duplicate-body = { $body } issues to { $applicant } this duplicate of licence { $licence } on application { $number }, under { $law }. The duplicate replaces the original.
doc-licence-annex-title = Annex to a licence
doc-licence-annex-body = { $body } issues to { $applicant } this annex to licence { $licence } on application { $number }, under { $law }. The annex is in force together with the licence.

## Notes on a registry entry: data the owner and the operator enter, errors the holder reports.
notes-title = Notes and error reports
notes-who-sees = Only the holder, the registry's owner and the operator see these notes.
notes-none = No notes yet.
notes-kind-entered = Data entered by the registry's owner or operator
notes-kind-error_report = Error reported by the holder
notes-answer = Answer
notes-answer-label = Your answer to the report
notes-answer-submit = Answer the report
notes-enter-label = Data obtained about this entry
notes-enter-submit = Enter the data
notes-report-label = What is wrong in this entry's data
notes-report-submit = Report the error for correction
notes-errors-to-answer = Error reports about registry entries
notice-registry-note-entered-subject = New data on your registry entry { $licence }
notice-registry-note-entered-body = The registry's owner or operator entered new data about your entry { $licence }. Read it on the entry's page in the registry, logged in.
notice-registry-note-entered-sms = New data on your registry entry { $licence }.
notice-registry-error-reported-subject = Error reported in registry entry { $licence }
notice-registry-error-reported-body = The holder of { $licence } (“{ $service }”) reports an error in the entry's data. Answer it on the entry's page.
notice-registry-error-reported-sms = Error reported in { $licence }.
notice-registry-error-answered-subject = Your error report on { $licence } is answered
notice-registry-error-answered-body = Your report of an error in registry entry { $licence } is answered: { $reason }
notice-registry-error-answered-sms = Your report on { $licence } is answered. See the entry.

## Security events: reports to XRİTDX, the Ministry of Digital Development and Transport and law enforcement.
security-events-title = Security events
security-events-intro = Detected threats and security incidents are reported at once to the Special Communications and Information Security State Service (XRİTDX) and, when they concern EHİS or the Government Cloud, to the Ministry of Digital Development and Transport; attempts to intrude also to the competent law-enforcement body. Their inquiries are answered at once or, when that is impossible, within the hours shown.
security-unconfigured = No contacts of the authorities are configured on this installation (--security-contacts): events are recorded here but no report is sent.
security-report-heading = Report a security event
security-system = System
security-kind = What was detected
security-kind-threat = Threat to security
security-kind-incident = Security incident
security-kind-intrusion_attempt = Attempt to intrude
security-ehis-aspect = It concerns EHİS or the Government Cloud
security-summary = What happened, what is affected, what was done
security-report-submit = Report now
security-events-list = Reported events
security-events-none = No security events reported.
security-role-owner = owner
security-role-operator = operator
security-reported-to = Reported to
security-not-sent = not sent: no contacts configured
security-inquiries = Inquiries of the authorities
security-answer-due = Answer due by
security-overdue = overdue
security-answer = Answer
security-answer-submit = Send the answer
security-inquiry-record = Record an inquiry of an authority
security-inquiry-from = From
security-inquiry-question = What it asks
security-inquiry-hours = The answer is due within { $hours } hours.
security-inquiry-submit = Record the inquiry
notice-security-report-subject = Security report: { $kind ->
        [threat] threat to security
        [incident] security incident
        *[intrusion_attempt] attempt to intrude
    } in the { $system } system
notice-security-report-body = Reported by { $reporter } ({ $role }) at { $at }, reference { $reference }: { $summary }
notice-security-report-sms = Security report { $reference } on { $system }.
notice-security-answer-subject = Answer to your inquiry on security report { $reference }
notice-security-answer-body = You asked: { $question } Our answer: { $answer }
notice-security-answer-sms = Answer on security report { $reference }.

login-sandbox-heading = As a person of the sandbox registries (test environment only)
login-sandbox-intro = Log in without a password as any person the sandbox civil registry knows; with a VÖEN, as the representative of that company. The data is read from the registries through EHİS, and the account and e-cabinet are created on the first login.
login-sandbox-field-fin = FİN of a sandbox person
login-sandbox-field-voen = VÖEN of a sandbox company (optional)
login-sandbox-field-consent = As the company's representative, I consent to its taxpayer record being read from the tax authority
login-sandbox-submit = Log in as the sandbox person
login-sandbox-examples = For example, some persons and companies the sandbox registries know:
login-sandbox-error-fin-required = Enter the FİN.
login-sandbox-error-fin-invalid = A FİN has 7 characters: digits and Latin letters (except I and O).
login-sandbox-error-fin-unknown = The sandbox civil registry has no person with this FİN.
login-sandbox-error-voen-invalid = A VÖEN has 10 digits with a valid check digit.
login-sandbox-error-voen-unknown = The sandbox tax register has no taxpayer with this VÖEN.
login-sandbox-error-consent = The taxpayer record of a company is read only with its consent: tick the consent.
login-sandbox-error-unavailable = The sandbox registries are not answering right now. Try again in a moment.
