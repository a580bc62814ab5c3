"""Fixtures for the tests that run real clients (AWS CLI, boto3, botocore) against `iops serve`.

The Swift test ServeClientTests starts `iops serve` and runs pytest with IOPS_SERVE_ENDPOINT
(and IOPS_SERVE_SIGNED_ENDPOINT for a server started with --require-signature), IOPS_BINARY
(the iops executable) and IOPS_REPOSITORY (for the plan's helper scripts in bench/plan).
"""
import os
import subprocess

import boto3
import pytest
from botocore.config import Config


@pytest.fixture(scope="session")
def endpoint():
    return os.environ["IOPS_SERVE_ENDPOINT"]


@pytest.fixture(scope="session")
def repository():
    return os.environ["IOPS_REPOSITORY"]


@pytest.fixture(scope="session")
def aws_env(endpoint):
    """The environment the plan's commands run in: the AWS CLI pointed at iops serve."""
    env = dict(os.environ)
    env.update({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_PAGER": "",
    })
    return env


@pytest.fixture(scope="session")
def deployed(endpoint, aws_env):
    """The plan's two tables, created by `iops schema deploy` on the served store."""
    result = subprocess.run([os.environ["IOPS_BINARY"], "--endpoint", endpoint, "-c", "schema deploy"],
                            env=aws_env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return True


def client(service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing",
                        config=Config(retries={"max_attempts": 1}))


@pytest.fixture
def dynamodb(endpoint):
    return client("dynamodb", endpoint)


@pytest.fixture
def streams(endpoint):
    return client("dynamodbstreams", endpoint)
