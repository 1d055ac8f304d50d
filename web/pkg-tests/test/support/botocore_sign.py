"""Signs the cases read from stdin (JSON list) with botocore's SigV4Auth; prints their headers.

Each case: {method, url, headers: {name: value}, body, region, service, accessKeyId,
secretAccessKey, sessionToken?, signingDate (ISO 8601)}. Output: a JSON list of
{authorization, x-amz-date, x-amz-security-token?} in the same order.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case):
    when = datetime.datetime.strptime(case["signingDate"], "%Y-%m-%dT%H:%M:%S.%fZ")
    botocore.auth.get_current_datetime = lambda: when
    creds = Credentials(case["accessKeyId"], case["secretAccessKey"], case.get("sessionToken"))
    req = AWSRequest(
        method=case["method"],
        url=case["url"],
        headers=case.get("headers") or {},
        data=(case.get("body") or "").encode("utf-8"),
    )
    botocore.auth.SigV4Auth(creds, case["service"], case["region"]).add_auth(req)
    out = {
        "authorization": req.headers["Authorization"],
        "x-amz-date": req.headers["X-Amz-Date"],
    }
    if case.get("sessionToken"):
        out["x-amz-security-token"] = req.headers["X-Amz-Security-Token"]
    return out


json.dump([sign(c) for c in json.load(sys.stdin)], sys.stdout)
