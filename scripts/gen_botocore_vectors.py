#!/usr/bin/env python3
"""Generates crates/appconfig-core/tests/data/botocore/*.json: AppConfig requests signed by botocore,
and crates/appconfig-core/tests/data/botocore-cloudwatch/*.json: CloudWatch DescribeAlarms and
DescribeAlarmHistory requests as botocore serializes and signs them with its default protocol for
CloudWatch (`json`: botocore prefers it to `smithy-rpc-v2-cbor` and `query`).

Each case drives a real `botocore.session` client for `appconfig` end to end (parameter
validation, endpoint rules, request serialization, SigV4 signing) with fixed credentials and a
frozen signing time. A `before-sign` handler removes the headers our core does not send
(User-Agent, amz-sdk-*) so that botocore signs exactly what we sign; a `before-send` handler
captures the prepared request and answers with a canned response, so nothing leaves the machine.
botocore adds `amz-sdk-invocation-id` and `amz-sdk-request` only after signing (they are not
signed): the script checks that none of the headers we do not send is signed, and records which
ones botocore would send beside ours (`headers_botocore_adds_unsigned`).

The JSON files record the inputs (operation, params, region, FIPS, dual-stack, endpoint URL,
credentials, time) and botocore's outputs (URL, Authorization, X-Amz-Date, X-Amz-Security-Token).
`crates/appconfig-core/tests/botocore_vectors.rs` rebuilds each request with our core and checks
they are identical.

Usage (installs botocore with pip if it is missing):
  python3 scripts/gen_botocore_vectors.py          rewrite the JSON files
  python3 scripts/gen_botocore_vectors.py --check  re-sign every case with the installed botocore
                                                   and compare with the committed files (exit 1
                                                   on any difference)
"""

import datetime
import json
import os
import subprocess
import sys

try:
    import botocore  # noqa: F401
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "botocore"])

import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.session

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..",
    "crates",
    "appconfig-core",
    "tests",
    "data",
    "botocore",
)

# The example credentials of the AWS documentation: not a real key.
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+Example/Token=="
TIME = "2024-05-01T12:34:56Z"  # unless a case gives its own "time"

# Headers botocore adds that our core never sends (the browser sets its own User-Agent).
NOT_SENT = ("user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "x-amz-user-agent")


# The signing time of the case being run (call() sets it).
_now = [TIME]


def frozen_now(remove_tzinfo=True):
    t = datetime.datetime.strptime(_now[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return t.replace(tzinfo=None) if remove_tzinfo else t


# botocore.auth reads the clock only through this function.
botocore.auth.get_current_datetime = frozen_now


class _Raw:
    def stream(self, **_kwargs):
        yield b"{}"


def call(case, service="appconfig"):
    """Runs one case through a botocore client; returns what botocore signed and would send."""
    _now[0] = case.get("time", TIME)
    session = botocore.session.Session()
    session.set_credentials(ACCESS_KEY, SECRET_KEY, case.get("session_token"))
    config = botocore.config.Config(
        use_fips_endpoint=case.get("use_fips", False),
        use_dualstack_endpoint=case.get("use_dual_stack", False),
        retries={"max_attempts": 1, "mode": "standard"},
    )
    client = session.create_client(
        service,
        region_name=case.get("region"),
        endpoint_url=case.get("endpoint_url"),
        config=config,
    )
    stripped = []
    captured = {}

    def before_sign(request, **_kwargs):
        for name in list(request.headers.keys()):
            if name.lower() in NOT_SENT:
                stripped.append(name)
                del request.headers[name]

    def before_send(request, **_kwargs):
        captured["request"] = request
        return botocore.awsrequest.AWSResponse(request.url, 200, {}, _Raw())

    client.meta.events.register(f"before-sign.{service}.*", before_sign)
    client.meta.events.register(f"before-send.{service}.*", before_send)
    method = botocore.xform_name(case["operation"])
    getattr(client, method)(**case["params"])
    req = captured["request"]
    headers = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in req.headers.items()}
    auth = headers["authorization"]
    signed = auth.split("SignedHeaders=")[1].split(",")[0]
    unsigned_extra = sorted(k for k in headers if k in NOT_SENT)
    leaked = [k for k in unsigned_extra if k in signed.split(";")]
    assert not leaked, f"{case['name']}: botocore signed headers we do not send: {leaked}"
    out = {
        "method": req.method,
        "url": req.url,
        "authorization": auth,
        "x_amz_date": headers["x-amz-date"],
        "x_amz_security_token": headers.get("x-amz-security-token"),
        "signed_headers": signed,
    }
    if service != "appconfig":
        # The JSON protocol's own headers and the body: the signature covers all of them.
        out["headers"] = {
            k: v for k, v in sorted(headers.items())
            if k not in ("authorization", "x-amz-date", "x-amz-security-token", "content-length")
            and k not in NOT_SENT
        }
        body = req.body
        out["body"] = body.decode() if isinstance(body, bytes) else body
    return out, sorted(set(h.lower() for h in stripped) | set(unsigned_extra))


def gd(app, env, number):
    return {"ApplicationId": app, "EnvironmentId": env, "DeploymentNumber": number}


CASES = [
    # GetDeployment across partitions and endpoint variants.
    dict(name="get-deployment-us-east-1", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-east-1"),
    dict(name="get-deployment-eu-central-1", operation="GetDeployment", params=gd("339ohji", "54j1r29", 5), region="eu-central-1"),
    dict(name="get-deployment-ap-southeast-2", operation="GetDeployment", params=gd("abc1234", "def5678", 12), region="ap-southeast-2"),
    dict(name="get-deployment-cn-north-1", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="cn-north-1"),
    dict(name="get-deployment-cn-northwest-1-dual-stack", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="cn-northwest-1", use_dual_stack=True),
    dict(name="get-deployment-us-gov-west-1", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-gov-west-1"),
    dict(name="get-deployment-us-gov-east-1-fips", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-gov-east-1", use_fips=True),
    dict(name="get-deployment-fips", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-east-2", use_fips=True),
    dict(name="get-deployment-dual-stack", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-west-2", use_dual_stack=True),
    dict(name="get-deployment-fips-dual-stack", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-east-1", use_fips=True, use_dual_stack=True),
    dict(name="get-deployment-custom-endpoint", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-east-1", endpoint_url="http://127.0.0.1:4010"),
    dict(name="get-deployment-custom-endpoint-path-prefix", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="eu-west-1", endpoint_url="http://127.0.0.1:4010/appconfig-proxy"),
    # Labels: everything but A-Z a-z 0-9 - . _ ~ is percent-encoded, then encoded again for signing.
    dict(name="get-deployment-id-with-spaces", operation="GetDeployment", params=gd("my app", "prod env", 1), region="us-east-1"),
    dict(name="get-deployment-id-with-slash", operation="GetDeployment", params=gd("team/app", "a/b/c", 1), region="us-east-1"),
    dict(name="get-deployment-id-with-plus", operation="GetDeployment", params=gd("a+b", "c+d", 1), region="us-east-1"),
    dict(name="get-deployment-id-with-percent", operation="GetDeployment", params=gd("100%", "a%2Fb", 1), region="us-east-1"),
    dict(name="get-deployment-id-unicode", operation="GetDeployment", params=gd("アプリ", "prodé-ß", 1), region="us-east-1"),
    dict(name="get-deployment-id-sub-delims", operation="GetDeployment", params=gd("a'b(c)!", "*", 1), region="us-east-1"),
    # Dot segments are signed after normalization, as botocore and aws-sigv4 both normalize.
    dict(name="get-deployment-id-dot-segments", operation="GetDeployment", params=gd(".", "..", 1), region="us-east-1"),
    dict(name="get-deployment-id-64-characters", operation="GetDeployment", params=gd("a" * 64, "Z9-_.~" * 10 + "abcd", 1), region="us-east-1"),
    dict(name="get-deployment-number-0", operation="GetDeployment", params=gd("339ohji", "54j1r29", 0), region="us-east-1"),
    dict(name="get-deployment-number-max", operation="GetDeployment", params=gd("339ohji", "54j1r29", 2147483647), region="us-east-1"),
    dict(name="get-deployment-session-token", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1), region="us-east-1", session_token=SESSION_TOKEN),
    dict(name="get-deployment-session-token-custom-endpoint", operation="GetDeployment", params=gd("339ohji", "54j1r29", 3), region="us-west-2", endpoint_url="http://127.0.0.1:4010", session_token=SESSION_TOKEN),
    # What a signer that builds its own canonical request must get right: 7-digit deployment
    # numbers, a slash and non-ASCII in one label, a percent-escape and every unreserved mark in
    # another, session tokens in a POST-less DELETE, and a leap day at its last second.
    dict(name="get-deployment-number-7-digits", operation="GetDeployment", params=gd("339ohji", "54j1r29", 1234567), region="us-east-1"),
    dict(name="get-deployment-id-slash-and-unicode", operation="GetDeployment", params=gd("my app/ü", "env%41~._-", 7), region="eu-west-1", session_token=SESSION_TOKEN),
    dict(name="get-deployment-leap-day", operation="GetDeployment", params=gd("339ohji", "54j1r29", 9999999), region="ap-southeast-2", session_token=SESSION_TOKEN, time="2024-02-29T23:59:59Z"),
    dict(name="list-environments-leap-day", operation="ListEnvironments", params={"ApplicationId": "my app/ü", "MaxResults": 50, "NextToken": "env%41~._-"}, region="us-west-2", time="2028-02-29T00:00:00Z"),
    dict(name="stop-deployment-session-token-7-digits", operation="StopDeployment", params=gd("my app/ü", "env%41~._-", 2147483), region="us-east-1", session_token=SESSION_TOKEN),
    # Lists with pagination.
    dict(name="list-applications", operation="ListApplications", params={}, region="us-east-1"),
    dict(name="list-applications-paginated", operation="ListApplications", params={"MaxResults": 50, "NextToken": "eyJrIjoiYSJ9+/=="}, region="us-east-1"),
    dict(name="list-environments-paginated", operation="ListEnvironments", params={"ApplicationId": "339ohji", "MaxResults": 1, "NextToken": "a+b/c=d e"}, region="eu-west-1"),
    dict(name="list-deployments-paginated", operation="ListDeployments", params={"ApplicationId": "my app", "EnvironmentId": "54j1r29", "MaxResults": 25, "NextToken": "+/=+/="}, region="us-east-1", session_token=SESSION_TOKEN),
    dict(name="list-deployments-max-results-only", operation="ListDeployments", params={"ApplicationId": "339ohji", "EnvironmentId": "54j1r29", "MaxResults": 10}, region="ap-northeast-1"),
    # Strategies, predefined and custom.
    dict(name="get-deployment-strategy-predefined", operation="GetDeploymentStrategy", params={"DeploymentStrategyId": "AppConfig.Linear50PercentEvery30Seconds"}, region="us-east-1"),
    dict(name="get-deployment-strategy-custom", operation="GetDeploymentStrategy", params={"DeploymentStrategyId": "1225qzk"}, region="us-west-1"),
    # StopDeployment: DELETE on the deployment; AllowRevert travels in the signed Allow-Revert header.
    dict(name="stop-deployment", operation="StopDeployment", params=gd("pay0001", "prd0001", 3), region="us-east-1"),
    dict(name="stop-deployment-allow-revert", operation="StopDeployment", params=dict(gd("pay0001", "prd0001", 2), AllowRevert=True), region="eu-west-1", session_token=SESSION_TOKEN),
    dict(name="get-environment", operation="GetEnvironment", params={"ApplicationId": "339ohji", "EnvironmentId": "54j1r29"}, region="us-east-1"),
    dict(name="get-application", operation="GetApplication", params={"ApplicationId": "my app"}, region="ap-south-1"),
    # The reads of "What changed": a profile, its hosted versions, one version's content.
    dict(name="get-configuration-profile", operation="GetConfigurationProfile", params={"ApplicationId": "339ohji", "ConfigurationProfileId": "ur8hx2f"}, region="us-east-1"),
    dict(name="get-hosted-configuration-version", operation="GetHostedConfigurationVersion", params={"ApplicationId": "339ohji", "ConfigurationProfileId": "ur8hx2f", "VersionNumber": 3}, region="eu-west-1"),
    dict(name="get-hosted-configuration-version-labels-encoded", operation="GetHostedConfigurationVersion", params={"ApplicationId": "my app/ü", "ConfigurationProfileId": "flags 1+2", "VersionNumber": 2147483647}, region="us-west-2", session_token=SESSION_TOKEN),
    dict(name="list-hosted-configuration-versions", operation="ListHostedConfigurationVersions", params={"ApplicationId": "339ohji", "ConfigurationProfileId": "ur8hx2f"}, region="us-east-1"),
    dict(name="list-hosted-configuration-versions-label-filter", operation="ListHostedConfigurationVersions", params={"ApplicationId": "339ohji", "ConfigurationProfileId": "ur8hx2f", "MaxResults": 5, "NextToken": "a+b/c=d e", "VersionLabel": "v2*"}, region="ap-southeast-2", session_token=SESSION_TOKEN),
]


OUT_CLOUDWATCH = os.path.join(os.path.dirname(OUT), "botocore-cloudwatch")

ARN = "arn:aws:cloudwatch:{region}:123456789012:alarm:{name}"


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


# CloudWatch: the two reads the dashboard makes, each in the region of the alarms' ARNs. The
# inputs are given in the model's member order (botocore writes the members in the order given).
CLOUDWATCH_CASES = [
    dict(name="describe-alarms-one", operation="DescribeAlarms", params={"AlarmNames": ["payments-5xx"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="us-east-1"),
    dict(name="describe-alarms-three-eu-west-1", operation="DescribeAlarms", params={"AlarmNames": ["payments-5xx", "payments latency p99", "checkout/errors"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="eu-west-1", session_token=SESSION_TOKEN),
    dict(name="describe-alarms-unicode-name", operation="DescribeAlarms", params={"AlarmNames": ["Zahlungen-Fehler-ü", "quote\"and\\backslash"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="eu-central-1"),
    dict(name="describe-alarms-next-token", operation="DescribeAlarms", params={"AlarmNames": ["a", "b"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"], "MaxRecords": 100, "NextToken": "eyJrIjoiYSJ9+/=="}, region="us-west-2"),
    dict(name="describe-alarms-cn-north-1", operation="DescribeAlarms", params={"AlarmNames": ["payments-5xx"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="cn-north-1"),
    dict(name="describe-alarms-us-gov-west-1-fips", operation="DescribeAlarms", params={"AlarmNames": ["payments-5xx"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="us-gov-west-1", use_fips=True),
    dict(name="describe-alarms-fips-dual-stack", operation="DescribeAlarms", params={"AlarmNames": ["payments-5xx"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="us-east-2", use_fips=True, use_dual_stack=True),
    dict(name="describe-alarms-custom-endpoint", operation="DescribeAlarms", params={"AlarmNames": ["payments-5xx"], "AlarmTypes": ["CompositeAlarm", "MetricAlarm"]}, region="us-east-1", endpoint_url="http://127.0.0.1:4010"),
    dict(name="describe-alarm-history-window", operation="DescribeAlarmHistory", params={"AlarmName": "payments-5xx", "AlarmTypes": ["CompositeAlarm", "MetricAlarm"], "HistoryItemType": "StateUpdate", "StartDate": "2024-05-01T12:00:00Z", "EndDate": "2024-05-01T12:34:56Z", "MaxRecords": 100, "ScanBy": "TimestampAscending"}, region="us-east-1"),
    dict(name="describe-alarm-history-all-alarms", operation="DescribeAlarmHistory", params={"AlarmTypes": ["MetricAlarm"], "HistoryItemType": "StateUpdate", "StartDate": "2024-02-29T23:00:00Z", "EndDate": "2024-03-01T00:00:00Z", "MaxRecords": 100, "NextToken": "a+b/c=d e", "ScanBy": "TimestampAscending"}, region="ap-southeast-2", session_token=SESSION_TOKEN, time="2024-03-01T00:00:30Z"),
]


def cloudwatch_params(case):
    """The case's params with its dates as datetimes (botocore writes them as epoch seconds)."""
    params = dict(case["params"])
    for key in ("StartDate", "EndDate"):
        if key in params:
            params[key] = utc(params[key])
    return params


def record_of(case, service="appconfig"):
    if service == "appconfig":
        expected, stripped = call(case)
    else:
        expected, stripped = call(dict(case, params=cloudwatch_params(case)), service)
    return {
        "name": case["name"],
        "generator": "scripts/gen_botocore_vectors.py, botocore " + botocore.__version__,
        "operation": case["operation"],
        "params": case["params"],
        "region": case.get("region"),
        "use_fips": case.get("use_fips", False),
        "use_dual_stack": case.get("use_dual_stack", False),
        "endpoint_url": case.get("endpoint_url"),
        "credentials": {
            "access_key_id": ACCESS_KEY,
            "secret_access_key": SECRET_KEY,
            "session_token": case.get("session_token"),
        },
        "time": case.get("time", TIME),
        "headers_botocore_adds_unsigned": stripped,
        "expected": expected,
    }


SETS = (("appconfig", OUT, CASES), ("cloudwatch", OUT_CLOUDWATCH, CLOUDWATCH_CASES))


def check():
    """Compares what the installed botocore signs with the committed files."""
    passed = failed = 0
    for service, out, cases in SETS:
        p, f = check_set(service, out, cases)
        passed += p
        failed += f
    print(f"botocore {botocore.__version__}: {passed} passed, {failed} failed")
    return failed == 0


def check_set(service, out, cases):
    passed = failed = 0
    names = {c["name"] for c in cases}
    on_disk = {f[:-5] for f in os.listdir(out) if f.endswith(".json")}
    for extra in sorted(on_disk - names):
        print(f"FAIL {extra}: committed but not generated by this script")
        failed += 1
    for case in cases:
        path = os.path.join(out, case["name"] + ".json")
        fresh = record_of(case, service)
        try:
            with open(path, encoding="utf-8") as f:
                committed = json.load(f)
        except FileNotFoundError:
            print(f"FAIL {case['name']}: not committed")
            failed += 1
            continue
        keys = [k for k in fresh if k != "generator"]
        diff = [k for k in keys if fresh[k] != committed.get(k)]
        if diff:
            print(f"FAIL {case['name']}: {', '.join(diff)} differ")
            failed += 1
        else:
            passed += 1
    return passed, failed


def main():
    if "--check" in sys.argv[1:]:
        sys.exit(0 if check() else 1)
    for service, out, cases in SETS:
        os.makedirs(out, exist_ok=True)
        for old in os.listdir(out):
            if old.endswith(".json"):
                os.remove(os.path.join(out, old))
        for case in cases:
            path = os.path.join(out, case["name"] + ".json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(record_of(case, service), f, indent=2, ensure_ascii=False)
                f.write("\n")
        print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
