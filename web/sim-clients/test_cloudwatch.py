"""boto3's `cloudwatch` client against appconfig-sim, in every protocol botocore offers for
CloudWatch.

botocore 1.4x picks the first protocol of its own priority list (`json`, `rest-json`,
`rest-xml`, `smithy-rpc-v2-cbor`, `query`, `ec2`) that the model's `metadata.protocols` lists:
for CloudWatch (`smithy-rpc-v2-cbor`, `json`, `query`) that is `json`. The other protocols are
forced by a data loader that answers the same model with `protocols` narrowed to one. Each
request's protocol is checked on the wire (a `before-send` handler records it).

SIM_URL is the simulator's base URL (run.sh starts it with --speed 60). Prints
"cloudwatch: N passed, M failed" last. Leaves every alarm as it found it: OK, actions enabled.
"""

import copy
import datetime
import os
import sys
import time
import unittest

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

URL = os.environ["SIM_URL"]
DEMO = dict(aws_access_key_id="AKIDAPPCONFIGSIMDEMO", aws_secret_access_key="appconfig-sim-demo-secret-key")
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})
LATENCY = "payments-staging-latency"
ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + LATENCY


def cloudwatch(protocol=None):
    """A cloudwatch client speaking `protocol` (None: botocore's own choice); the protocol of
    every request it sends is appended to its `sent` list."""
    session = botocore.session.Session()
    if protocol:
        loader = session.get_component("data_loader")
        load = loader.load_service_model

        def narrowed(service_name, type_name, api_version=None):
            model = load(service_name, type_name, api_version)
            if service_name == "cloudwatch" and type_name == "service-2":
                model = copy.deepcopy(model)
                model["metadata"]["protocols"] = [protocol]
                model["metadata"]["protocol"] = protocol
            return model

        loader.load_service_model = narrowed
    c = boto3.Session(botocore_session=session).client("cloudwatch", endpoint_url=URL, region_name="us-east-1", config=CONFIG, **DEMO)
    c.sent = []

    def record(request, **_):
        h = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()}
        if h.get("smithy-protocol") == "rpc-v2-cbor":
            c.sent.append("smithy-rpc-v2-cbor")
        elif "x-amz-target" in h:
            c.sent.append("json")
        elif h.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            c.sent.append("query")
        else:
            c.sent.append("?")

    c.meta.events.register("before-send.cloudwatch.*", record)
    return c


APPCONFIG = boto3.client("appconfig", endpoint_url=URL, region_name="us-east-1", config=CONFIG, **DEMO)
PROTOCOLS = botocore.session.Session().get_service_model("cloudwatch").metadata["protocols"]


def running_staging(timeout=30):
    """The staging deployment once one is DEPLOYING (the live chain starts one after each)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        items = APPCONFIG.list_deployments(ApplicationId="pay0001", EnvironmentId="stg0001", MaxResults=1)["Items"]
        if items and items[0]["State"] == "DEPLOYING":
            return items[0]["DeploymentNumber"]
        time.sleep(0.1)
    raise AssertionError("no staging deployment started")


def wait_ok(c, name, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if c.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]["StateValue"] == "OK":
            return
        time.sleep(0.1)
    raise AssertionError(f"{name} did not return to OK")


class CloudWatchAgainstSimulator(unittest.TestCase):
    def test_default_protocol_is_json(self):
        self.assertEqual(PROTOCOLS, ["smithy-rpc-v2-cbor", "json", "query"])
        c = cloudwatch()
        self.assertEqual(c.meta.service_model.resolved_protocol, "json")
        c.describe_alarms(AlarmNames=[LATENCY])
        self.assertEqual(c.sent, ["json"])

    def check_protocol(self, protocol):
        c = cloudwatch(protocol)
        # describe_alarms: the seeded staging alarm, all its members.
        a = c.describe_alarms(AlarmNames=[LATENCY])["MetricAlarms"][0]
        self.assertEqual((a["AlarmName"], a["AlarmArn"], a["StateValue"], a["ActionsEnabled"]), (LATENCY, ARN, "OK", True))
        self.assertEqual((a["MetricName"], a["Namespace"], a["ExtendedStatistic"], a["Threshold"], a["ComparisonOperator"], a["Period"], a["EvaluationPeriods"]),
                         ("TargetResponseTime", "AWS/ApplicationELB", "p99", 0.5, "GreaterThanThreshold", 60, 5))
        self.assertIsInstance(a["StateUpdatedTimestamp"], datetime.datetime)
        self.assertEqual(a["Dimensions"][0]["Name"], "LoadBalancer")
        # Paging and filters.
        pages = list(c.get_paginator("describe_alarms").paginate(AlarmNamePrefix="payments-", PaginationConfig={"PageSize": 1}))
        self.assertEqual([m["AlarmName"] for p in pages for m in p["MetricAlarms"]], ["payments-5xx-errors", "payments-staging-canary", "payments-staging-latency"])
        self.assertEqual(c.describe_alarms(AlarmNames=[LATENCY], StateValue="ALARM")["MetricAlarms"], [])
        # put, set_alarm_state, history, delete on an alarm no environment monitors.
        name = f"boto3-{protocol}"
        c.put_metric_alarm(AlarmName=name, MetricName="Errors", Namespace="Test", Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1.5, ComparisonOperator="GreaterThanThreshold", Dimensions=[{"Name": "Fn", "Value": "x"}], ActionsEnabled=False)
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
        c.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="drill")
        a = c.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
        self.assertEqual((a["StateValue"], a["StateReason"], a["Threshold"], a["ActionsEnabled"]), ("ALARM", "drill", 1.5, False))
        h = c.describe_alarm_history(AlarmName=name, HistoryItemType="StateUpdate", StartDate=before, EndDate=before + datetime.timedelta(minutes=5))["AlarmHistoryItems"]
        self.assertEqual(h[0]["HistorySummary"], "Alarm updated from INSUFFICIENT_DATA to ALARM")
        self.assertIsInstance(h[0]["Timestamp"], datetime.datetime)
        c.delete_alarms(AlarmNames=[name])
        self.assertEqual(c.describe_alarms(AlarmNames=[name])["MetricAlarms"], [])
        # Production's seeded history: the alarm that rolled deployment 2 back.
        h = c.describe_alarm_history(AlarmName="payments-5xx-errors", HistoryItemType="StateUpdate", ScanBy="TimestampAscending")["AlarmHistoryItems"]
        self.assertIn("Alarm updated from OK to ALARM", [i["HistorySummary"] for i in h])
        # Errors by their query codes.
        try:
            c.set_alarm_state(AlarmName="no-such-alarm", StateValue="ALARM", StateReason="x")
            self.fail("expected ResourceNotFound")
        except ClientError as e:
            self.assertEqual(e.response["Error"]["Code"], "ResourceNotFound", e.response)
            self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 404)
            self.assertIsInstance(e, c.exceptions.ResourceNotFound)
        try:
            c.describe_alarms(NextToken="garbage")
            self.fail("expected InvalidNextToken")
        except ClientError as e:
            self.assertEqual(e.response["Error"]["Code"], "InvalidNextToken", e.response)
        self.assertEqual(set(c.sent), {protocol})

    def test_smithy_rpc_v2_cbor(self):
        self.check_protocol("smithy-rpc-v2-cbor")

    def test_json(self):
        self.check_protocol("json")

    def test_query(self):
        self.check_protocol("query")

    def test_every_protocol_is_tested(self):
        self.assertEqual(sorted(PROTOCOLS), sorted(["smithy-rpc-v2-cbor", "json", "query"]))

    def test_drill_rollback_with_set_alarm_state(self):
        c = cloudwatch()
        number = running_staging()
        c.set_alarm_state(AlarmName=LATENCY, StateValue="ALARM", StateReason="drill: p99 over 0.5 s")
        d = APPCONFIG.get_deployment(ApplicationId="pay0001", EnvironmentId="stg0001", DeploymentNumber=number)
        self.assertIn(d["State"], ("ROLLING_BACK", "ROLLED_BACK"))
        e = next(e for e in d["EventLog"] if e["EventType"] == "ROLLBACK_STARTED")
        self.assertEqual(e["TriggeredBy"], "CLOUDWATCH_ALARM")
        self.assertEqual(e["Description"], f"Rollback initiated by Amazon CloudWatch alarm {ARN}")
        h = c.describe_alarm_history(AlarmName=LATENCY, HistoryItemType="StateUpdate")["AlarmHistoryItems"]
        self.assertEqual(h[0]["HistorySummary"], "Alarm updated from OK to ALARM")
        wait_ok(c, LATENCY)

    def test_no_rollback_when_actions_are_disabled(self):
        c = cloudwatch("query")
        c.disable_alarm_actions(AlarmNames=[LATENCY])
        try:
            number = running_staging()
            c.set_alarm_state(AlarmName=LATENCY, StateValue="ALARM", StateReason="drill with actions disabled")
            time.sleep(0.3)
            d = APPCONFIG.get_deployment(ApplicationId="pay0001", EnvironmentId="stg0001", DeploymentNumber=number)
            self.assertNotIn("ROLLBACK_STARTED", [e["EventType"] for e in d["EventLog"]])
            self.assertIn(d["State"], ("DEPLOYING", "BAKING", "COMPLETE"))
            self.assertFalse(c.describe_alarms(AlarmNames=[LATENCY])["MetricAlarms"][0]["ActionsEnabled"])
        finally:
            wait_ok(c, LATENCY)
            c.enable_alarm_actions(AlarmNames=[LATENCY])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"cloudwatch: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)
