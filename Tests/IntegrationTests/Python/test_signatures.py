"""`iops serve --require-signature`: a botocore-signed request passes; an unsigned one, a wrong
secret and a replayed old date are refused with DynamoDB's errors."""
import datetime
import json
import os
import urllib.error
import urllib.request
from unittest import mock

import botocore.auth
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ENDPOINT = os.environ.get("IOPS_SERVE_SIGNED_ENDPOINT", "")
BODY = json.dumps({}).encode()


def send(headers):
    request = urllib.request.Request(ENDPOINT + "/", data=BODY, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def signed(secret, when=None):
    request = AWSRequest(method="POST", url=ENDPOINT + "/", data=BODY, headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables"})
    auth = SigV4Auth(Credentials("AKIDSIGNED", secret), "dynamodb", "us-east-1")
    if when is None:
        auth.add_auth(request)
    else:
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=when):
            auth.add_auth(request)
    return dict(request.headers.items())


@pytest.fixture(autouse=True)
def needs_signed_server():
    assert ENDPOINT, "IOPS_SERVE_SIGNED_ENDPOINT is not set: the Swift test starts that server"


def test_a_botocore_signed_request_passes():
    status, body = send(signed("right-secret"))
    assert status == 200 and "TableNames" in body


def test_unsigned_is_refused():
    status, body = send({"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables"})
    assert status == 400 and body["__type"].endswith("#MissingAuthenticationTokenException")


def test_a_wrong_secret_is_refused():
    status, body = send(signed("wrong-secret"))
    assert status == 400 and body["__type"].endswith("#InvalidSignatureException")


def test_a_replayed_old_date_is_refused():
    old = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=20)
    status, body = send(signed("right-secret", when=old))
    assert status == 400 and "Signature expired" in body.get("message", body.get("Message", ""))
