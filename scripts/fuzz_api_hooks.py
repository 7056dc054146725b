"""Schemathesis hooks for scripts/fuzz-api (loaded through SCHEMATHESIS_HOOKS).

Bodies whose media type schemathesis does not know are sent as raw bytes: the detached CMS
signature of POST /api/v1/documents/{id}/signature (application/pkcs7-signature).
"""

import schemathesis


@schemathesis.serializer("application/pkcs7-signature")
def pkcs7_signature(ctx, value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")
