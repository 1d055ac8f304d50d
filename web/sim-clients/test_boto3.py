"""boto3 (pinned in requirements.txt) against appconfig-sim.

SIM_URL is the simulator's base URL (run.sh starts it with --speed 60). Prints
"boto3: N passed, M failed" last.
"""

import datetime
import os
import sys
import time
import unittest

import boto3
import botocore.loaders
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError, WaiterError

URL = os.environ["SIM_URL"]
DEMO_ID = "AKIDAPPCONFIGSIMDEMO"
DEMO_SECRET = "appconfig-sim-demo-secret-key"


def client(key=DEMO_ID, secret=DEMO_SECRET):
    return boto3.client(
        "appconfig",
        endpoint_url=URL,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


C = client()


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e
    raise AssertionError("expected an error")


class Boto3AgainstSimulator(unittest.TestCase):
    def assert_error(self, e, code, status):
        self.assertEqual(e.response["Error"]["Code"], code, e.response)
        self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], status)
        self.assertRegex(e.response["ResponseMetadata"]["RequestId"], r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

    def test_applications(self):
        items = C.list_applications()["Items"]
        self.assertEqual([a["Id"] for a in items], ["339ohji", "pay0001", "web0001"])
        paged = [a["Id"] for p in C.get_paginator("list_applications").paginate(PaginationConfig={"PageSize": 1}) for a in p["Items"]]
        self.assertEqual(paged, ["339ohji", "pay0001", "web0001"])
        self.assertEqual(C.get_application(ApplicationId="339ohji")["Name"], "Example-Application")
        self.assertEqual(C.get_application(ApplicationId="storefront")["Id"], "web0001")

    def test_environment_ready_for_deployment_waiter(self):
        # AWS's own waiter expects "ReadyForDeployment" (waiters-2.json): it timed out when the
        # simulator sent the model's READY_FOR_DEPLOYMENT.
        d = C.start_deployment(ApplicationId="339ohji", EnvironmentId="54j1r29", DeploymentStrategyId="fast001", ConfigurationProfileId="ur8hx2f", ConfigurationVersion="5")
        self.assertEqual(C.get_environment(ApplicationId="339ohji", EnvironmentId="54j1r29")["State"], "Deploying")
        started = time.monotonic()
        C.get_waiter("environment_ready_for_deployment").wait(ApplicationId="339ohji", EnvironmentId="54j1r29", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        self.assertLess(time.monotonic() - started, 30)
        done = C.get_deployment(ApplicationId="339ohji", EnvironmentId="54j1r29", DeploymentNumber=d["DeploymentNumber"])
        self.assertEqual(done["State"], "COMPLETE")
        self.assertEqual(C.get_environment(ApplicationId="339ohji", EnvironmentId="54j1r29")["State"], "ReadyForDeployment")

    def test_environments(self):
        envs = [e for p in C.get_paginator("list_environments").paginate(ApplicationId="pay0001", PaginationConfig={"PageSize": 1}) for e in p["Items"]]
        self.assertEqual([e["Id"] for e in envs], ["prd0001", "stg0001"])
        self.assertTrue(envs[0]["Monitors"][0]["AlarmArn"].startswith("arn:aws:cloudwatch:"))
        e = C.get_environment(ApplicationId="339ohji", EnvironmentId="54j1r29")
        self.assertEqual(e["Name"], "Example-Environment")

    def test_get_deployment_equals_botocore_example(self):
        examples = botocore.loaders.Loader().load_service_model("appconfig", "examples-1")
        want = examples["examples"]["GetDeployment"][0]["output"]
        got = C.get_deployment(ApplicationId="339ohji", EnvironmentId="54j1r29", DeploymentNumber=1)
        got.pop("ResponseMetadata")
        self.assertEqual(sorted(got), sorted(want))

        def norm(v):
            if isinstance(v, str):
                try:
                    return datetime.datetime.fromisoformat(v)
                except ValueError:
                    return v
            if isinstance(v, dict):
                return {k: norm(x) for k, x in v.items()}
            if isinstance(v, list):
                return [norm(x) for x in v]
            return v

        self.assertEqual(got, norm(want))
        self.assertEqual(got["StartedAt"].microsecond, 205000)

    def test_seeded_history(self):
        d2 = C.get_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=2)
        self.assertEqual(d2["State"], "ROLLED_BACK")
        started = [e for e in d2["EventLog"] if e["EventType"] == "ROLLBACK_STARTED"][0]
        self.assertEqual(started["TriggeredBy"], "CLOUDWATCH_ALARM")
        self.assertIn("ErrorMessage", started["ActionInvocations"][0])
        d4 = C.get_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=4)
        self.assertGreaterEqual(len(d4["EventLog"]), 200)
        d3 = C.get_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=3)
        self.assertEqual(d3["State"], "REVERTED")

    def test_list_deployments_paginator(self):
        pages = list(C.get_paginator("list_deployments").paginate(ApplicationId="web0001", EnvironmentId="dev0001", PaginationConfig={"PageSize": 7}))
        numbers = [d["DeploymentNumber"] for p in pages for d in p["Items"]]
        self.assertGreaterEqual(len(numbers), 60)
        self.assertEqual(numbers, sorted(numbers, reverse=True))
        self.assertEqual(len(set(numbers)), len(numbers))
        self.assertTrue(all(isinstance(d["StartedAt"], datetime.datetime) for p in pages for d in p["Items"]))

    def test_strategies(self):
        ids = [s["Id"] for p in C.get_paginator("list_deployment_strategies").paginate(PaginationConfig={"PageSize": 3}) for s in p["Items"]]
        for i in ["1225qzk", "AppConfig.AllAtOnce", "AppConfig.Linear50PercentEvery30Seconds", "AppConfig.Canary10Percent20Minutes", "AppConfig.Linear20PercentEvery6Minutes", "fast001"]:
            self.assertIn(i, ids)
        s = C.get_deployment_strategy(DeploymentStrategyId="AppConfig.Linear20PercentEvery6Minutes")
        self.assertEqual((s["GrowthType"], s["GrowthFactor"], s["DeploymentDurationInMinutes"], s["FinalBakeTimeInMinutes"]), ("LINEAR", 20.0, 30, 30))

    def test_start_wait_and_revert(self):
        d = C.start_deployment(
            ApplicationId="web0001",
            EnvironmentId="dev0001",
            DeploymentStrategyId="fast001",
            ConfigurationProfileId="wcfg001",
            ConfigurationVersion="500",
            Description="from boto3",
            Tags={"by": "python"},
            KmsKeyIdentifier="alias/storefront",
            DynamicExtensionParameters={"ticket": "PY-1"},
        )
        self.assertEqual(d["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(d["State"], "DEPLOYING")
        n = d["DeploymentNumber"]
        e = error_of(C.start_deployment, ApplicationId="web0001", EnvironmentId="dev0001", DeploymentStrategyId="fast001", ConfigurationProfileId="wcfg001", ConfigurationVersion="501")
        self.assert_error(e, "ConflictException", 409)
        self.assertIsInstance(e, C.exceptions.ConflictException)
        C.get_waiter("deployment_complete").wait(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        done = C.get_deployment(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n)
        self.assertEqual(done["State"], "COMPLETE")
        self.assertEqual([e["EventType"] for e in done["EventLog"]], ["DEPLOYMENT_COMPLETED", "BAKE_TIME_STARTED", "PERCENTAGE_UPDATED", "PERCENTAGE_UPDATED", "DEPLOYMENT_STARTED"])
        r = C.stop_deployment(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n, AllowRevert=True)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 202)
        r.pop("ResponseMetadata")
        # Numeric members only, all zero, as the AWS CLI's stop-deployment example prints.
        self.assertEqual(r, {"DeploymentNumber": 0, "DeploymentDurationInMinutes": 0, "GrowthFactor": 0.0, "FinalBakeTimeInMinutes": 0, "PercentageComplete": 0.0})
        reverted = C.get_deployment(ApplicationId="web0001", EnvironmentId="dev0001", DeploymentNumber=n)
        self.assertEqual(reverted["State"], "REVERTED")
        self.assertEqual(reverted["EventLog"][0]["EventType"], "REVERT_COMPLETED")

    def test_stop_rolls_back(self):
        d = C.start_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentStrategyId="AppConfig.Linear20PercentEvery6Minutes", ConfigurationProfileId="pflags1", ConfigurationVersion="600")
        r = C.stop_deployment(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=d["DeploymentNumber"])
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertEqual(r["DeploymentNumber"], 0)
        self.assertNotIn("State", r)
        with self.assertRaises(WaiterError) as w:
            C.get_waiter("deployment_complete").wait(ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=d["DeploymentNumber"], WaiterConfig={"Delay": 1, "MaxAttempts": 10})
        self.assertIn("ROLLED_BACK", str(w.exception))
        env = C.get_environment(ApplicationId="pay0001", EnvironmentId="prd0001")
        # CamelCase, as AppConfig sends it (waiters-2.json; the model's enum says ROLLED_BACK).
        self.assertEqual(env["State"], "RolledBack")
        # AWS's EnvironmentReadyForDeployment waiter fails on RolledBack.
        with self.assertRaises(WaiterError) as w:
            C.get_waiter("environment_ready_for_deployment").wait(ApplicationId="pay0001", EnvironmentId="prd0001", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertIn("RolledBack", str(w.exception))

    def test_wrong_secret(self):
        e = error_of(client(secret="not-the-secret").list_applications)
        self.assert_error(e, "InvalidSignatureException", 403)
        self.assertTrue(e.response["Error"]["Message"].startswith("The request signature we calculated does not match"))

    def test_unsigned_request(self):
        # AppConfig's front end answers an unsigned request with XML and no x-amzn-ErrorType
        # (captured in AllanZhengYP/cors-test, output.md); botocore then reports code "403"
        # and the XML as the message, against AWS as here.
        unsigned = boto3.client("appconfig", endpoint_url=URL, region_name="us-east-1", config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1, "mode": "standard"}))
        e = error_of(unsigned.list_applications)
        self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertEqual(e.response["Error"]["Code"], "403")
        self.assertIn("<Message>Missing Authentication Token</Message>", e.response["Error"]["Message"])

    def test_unknown_key(self):
        e = error_of(client(key="AKIDNOBODY").list_applications)
        self.assert_error(e, "UnrecognizedClientException", 403)
        self.assertEqual(e.response["Error"]["Message"], "The security token included in the request is invalid.")

    def test_not_found_and_bad_request(self):
        e = error_of(C.get_deployment, ApplicationId="pay0001", EnvironmentId="prd0001", DeploymentNumber=999)
        self.assert_error(e, "ResourceNotFoundException", 404)
        self.assertIsInstance(e, C.exceptions.ResourceNotFoundException)
        self.assertEqual(e.response.get("ResourceName"), "Deployment")
        e = error_of(C.get_environment, ApplicationId="pay0001", EnvironmentId="nope123")
        self.assert_error(e, "ResourceNotFoundException", 404)
        e = error_of(C.list_deployments, ApplicationId="web0001", EnvironmentId="dev0001", NextToken="garbage")
        self.assert_error(e, "BadRequestException", 400)
        self.assertIsInstance(e, C.exceptions.BadRequestException)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"boto3: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)
