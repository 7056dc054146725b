# Notices of verification queries and of paper copies of licences.
notice-verification-asked-subject = Application { $number }: a query to verify a document
notice-verification-asked-body = Your body was asked to verify a document attached to application { $number } for “{ $service }”. Find it under “Verification queries to answer” in your work queue and answer it.
notice-verification-asked-sms = Application { $number }: a query to verify a document awaits your answer.
notice-verification-answered-subject = Application { $number }: the verification query was answered
notice-verification-answered-body = The body asked has answered the query to verify a document attached to application { $number } for “{ $service }”. The answer is on the application's page.
notice-verification-answered-sms = Application { $number }: the verification query was answered.
notice-paper-copy-superseded-subject = Licence { $licence }: the request for a paper copy was closed
notice-paper-copy-superseded-body = Your request for a paper copy of licence { $licence } for “{ $service }” was closed, because that licence document was replaced by a re-issued one or a duplicate. If you need a paper copy, ask for one of the new document.
notice-paper-copy-superseded-sms = Licence { $licence }: the paper copy request was closed, the document was replaced.
case-paper-status-superseded = Closed: the document was replaced
case-event-paper-superseded = The paper copy request was closed: the licence document was replaced
