#!/usr/bin/env python3
"""Signs requests with botocore's SigV4Auth, for SigV4DifferentialTests.

Usage: botocore_sign.py CASES.json  ->  JSON list on stdout, one result per case:
{"canonical_request", "string_to_sign", "authorization", "headers": [[name, value], ...]}.

Each case: method, url (no query), query (as sent), headers ([[name, value], ...]),
body_base64, service, region, epoch (seconds, float), access_key, secret_key, token (optional).
Exits 3 when botocore cannot be imported (scripts/test installs it).
"""
import base64
import datetime
import json
import sys
from urllib.parse import unquote

try:
    import botocore.auth
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:
    print(f"botocore is not installed ({error}); scripts/test installs it (python3 -m pip install botocore)",
          file=sys.stderr)
    sys.exit(3)


def query_params(query):
    # Splitting the query into decoded pairs is the one step done here rather than by botocore
    # (botocore gets them from its serializer); SigV4Canonical.query splits the same way:
    # on '&', empty pieces skipped, at the first '=', then percent-decoded ('+' stays '+').
    # botocore then encodes and sorts them (_canonical_query_string_params).
    pairs = []
    for piece in query.split('&'):
        if not piece:
            continue
        name, _, value = piece.partition('=')
        pairs.append((unquote(name), unquote(value)))
    return pairs


def sign(case):
    fixed = datetime.datetime.fromtimestamp(case['epoch'], tz=datetime.timezone.utc).replace(tzinfo=None)
    # add_auth reads the clock through this name; pin it to the case's date.
    botocore.auth.get_current_datetime = lambda *args, **kwargs: fixed

    request = AWSRequest(method=case['method'], url=case['url'], data=base64.b64decode(case['body_base64']),
                         params=query_params(case['query']))
    for name, value in case['headers']:
        request.headers[name] = value  # HTTPHeaders appends: repeated fields stay repeated
    credentials = Credentials(case['access_key'], case['secret_key'], case.get('token'))
    auth = SigV4Auth(credentials, case['service'], case['region'])

    # The stages, on the request as add_auth prepares it, as add_auth itself computes them.
    request.context['timestamp'] = fixed.strftime(botocore.auth.SIGV4_TIMESTAMP)
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)

    auth.add_auth(request)
    return {
        'canonical_request': canonical,
        'string_to_sign': string_to_sign,
        'authorization': request.headers['Authorization'],
        'headers': [[name, value] for name, value in request.headers.items()],
    }


def main():
    with open(sys.argv[1], encoding='utf-8') as file:
        cases = json.load(file)
    json.dump([sign(case) for case in cases], sys.stdout, ensure_ascii=True)


if __name__ == '__main__':
    main()
