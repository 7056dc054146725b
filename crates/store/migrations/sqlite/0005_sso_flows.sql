-- Single sign-on (OpenID Connect, standing for Vahid Giriş): each login started keeps its
-- state, nonce and PKCE verifier until the provider sends the person back, once.

CREATE TABLE sso_flows (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    next TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
